/**
 * The one way compat calls LB3 user code that settles through a node-style
 * callback or a returned promise (remote methods, sharedCtors, `rest.before`/
 * `rest.after`, remote hooks, ACL and phase handlers), with strong-remoting's
 * rules: the callback is appended, a returned thenable settles it too, the
 * first settlement wins, and a falsy error (`cb(null)`, `Promise.reject()`)
 * is success.
 *
 * {@link settleNowOrLater} answers synchronously when the call settled
 * synchronously (most hooks do), so the per-request path skips a promise hop;
 * {@link callLb3Function} is its promise form that keeps the values.
 */

/** What a successful call produced: the callback's values, or the promise's value. */
export interface Lb3Outcome {
  values: unknown[];
  fromPromise: boolean;
}

type Lb3Callback = (err?: unknown, ...values: unknown[]) => void;

/**
 * Run `call(cb)` and report its first settlement to `done` (outcome undefined for a falsy
 * rejection, and always without `keepValues`: hooks settle without allocating one).
 */
function settle(call: (cb: Lb3Callback) => unknown, done: (err: unknown, outcome?: Lb3Outcome) => void, keepValues: boolean): void {
  let settled = false;
  const callback: Lb3Callback = keepValues
    ? (err, ...values) => {
        if (settled) return;
        settled = true;
        if (err) done(err);
        else done(undefined, { values, fromPromise: false });
      }
    : (err) => {
        if (settled) return;
        settled = true;
        done(err);
      };
  let ret: unknown;
  try {
    ret = call(callback);
  } catch (err) {
    if (!settled) {
      settled = true;
      // a falsy throw is success with no result, as strong-remoting's promise rule
      if (err) done(err);
      else done(undefined, undefined);
    }
    return;
  }
  if (!settled && ret && typeof (ret as PromiseLike<unknown>).then === 'function') {
    (ret as PromiseLike<unknown>).then(
      (value) => {
        if (settled) return;
        settled = true;
        done(undefined, keepValues ? { values: [value], fromPromise: true } : undefined);
      },
      (err) => {
        if (settled) return;
        settled = true;
        if (err) done(err);
        else done(undefined, undefined);
      },
    );
  }
}

/**
 * Run a hook-like call for its settlement only. Settled synchronously: returns
 * undefined, or throws its error. Otherwise: a promise of the settlement.
 */
export function settleNowOrLater(call: (cb: Lb3Callback) => unknown): Promise<void> | undefined {
  let done = false;
  let failure: unknown;
  let later: { resolve(): void; reject(err: unknown): void } | undefined;
  settle(
    call,
    (err) => {
      done = true;
      if (later === undefined) failure = err;
      else if (err) later.reject(err);
      else later.resolve();
    },
    false,
  );
  if (done) {
    if (failure) throw failure;
    return undefined;
  }
  return new Promise<void>((resolve, reject) => {
    later = { resolve, reject };
  });
}

/**
 * Call an LB3 function as strong-remoting's SharedMethod.invoke does and get
 * its outcome (undefined: success without a result). `freshStack`: call it on
 * the next tick, from an empty stack (juggler throws and catches an Error per
 * where-value; capturing its stack under the sequence's frames is costly,
 * docs/performance.md).
 */
export function callLb3Function(
  fn: (...a: unknown[]) => unknown,
  scope: unknown,
  args: readonly unknown[],
  freshStack = false,
): Promise<Lb3Outcome | undefined> {
  return new Promise<Lb3Outcome | undefined>((resolve, reject) => {
    const run = (): void =>
      settle(
        (cb) => fn.apply(scope, [...args, cb]),
        (err, outcome) => (err ? reject(err) : resolve(outcome)),
        true,
      );
    if (freshStack) process.nextTick(run);
    else run();
  });
}
