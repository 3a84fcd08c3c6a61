/**
 * strong-remoting's invocation phases (`remotes.phases`, a loopback-phase
 * PhaseList) as the shim runs them.
 *
 * Stock LB3 has two phases: `auth` (the ACL hook) and `invoke` (sharedCtor
 * error → before hooks → the method → after hooks). Apps may add their own
 * (`remotes.phases.addBefore('invoke', 'x')`) or handlers to the existing
 * ones. The shim splits the list at `auth`: the ACL authorizer runs the
 * phases up to and including `auth`, the remote-hooks interceptor runs the
 * rest around the core invocation. When the list is the stock one, both use
 * direct calls instead (no PhaseList machinery per request).
 */
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:remoting-phases');

/** loopback-phase Phase (the fields used here). */
interface PhaseLike {
  id: string;
  beforeHandlers: unknown[];
  handlers: unknown[];
  afterHandlers: unknown[];
  run(ctx: unknown, cb: (err?: unknown) => void): void;
}

/** Turn a node-style call into a promise (first settlement wins). */
/**
 * Run a call that settles through a `(err?) => void` callback or a returned
 * promise (LB3 hooks do either). When it settled synchronously, returns
 * undefined (or throws its error) so callers skip a promise hop on the
 * per-request path; otherwise returns a promise of the outcome. The first
 * settlement wins.
 */
export function settleNowOrLater(call: (cb: (err?: unknown) => void) => unknown): Promise<void> | undefined {
  let done = false;
  let failure: unknown;
  let settle: ((err?: unknown) => void) | undefined;
  const finish = (err?: unknown): void => {
    if (done) return;
    done = true;
    if (settle !== undefined) settle(err);
    else failure = err;
  };
  let ret: unknown;
  try {
    ret = call(finish);
  } catch (err) {
    finish(err);
  }
  if (!done && ret && typeof (ret as PromiseLike<unknown>).then === 'function') {
    (ret as PromiseLike<unknown>).then(() => finish(undefined), finish);
  }
  if (done) {
    if (failure) throw failure;
    return undefined;
  }
  return new Promise<void>((resolve, reject) => {
    settle = (err?: unknown) => (err ? reject(err) : resolve());
  });
}

/** {@link settleNowOrLater} as a promise in every case. */
export function fromCallback(call: (cb: (err?: unknown) => void) => unknown): Promise<void> {
  try {
    return settleNowOrLater(call) ?? Promise.resolve();
  } catch (err) {
    return Promise.reject(err);
  }
}

/** The PhaseList of an LB3 app's remotes, split at `auth`. */
export class RemotingPhases {
  readonly #remotes: any;

  constructor(remotes: any) {
    this.#remotes = remotes;
  }

  #phases(): PhaseLike[] {
    const list = this.#remotes.phases;
    return (list && list._phases) || [];
  }

  /**
   * True when the phase list is strong-remoting's own: `auth` with its one
   * handler, `invoke` with sharedCtor-error + before hooks, the call, after
   * hooks. Read per request (a few property reads) so late changes count.
   */
  isStock(): boolean {
    const p = this.#phases();
    if (p.length !== 2) return false;
    const [auth, invoke] = p;
    return (
      auth.id === 'auth' &&
      auth.beforeHandlers.length === 0 &&
      auth.handlers.length === 1 &&
      auth.afterHandlers.length === 0 &&
      invoke.id === 'invoke' &&
      invoke.beforeHandlers.length === 2 &&
      invoke.handlers.length === 1 &&
      invoke.afterHandlers.length === 1
    );
  }

  /** Index of the `auth` phase (-1 when an app removed it). */
  #authIndex(phases: PhaseLike[]): number {
    for (let i = 0; i < phases.length; i++) if (phases[i].id === 'auth') return i;
    return -1;
  }

  /** strong-remoting's ACL step alone: `remotes.authorization(ctx, cb)` when set. */
  authorize(ctx: unknown): Promise<void> | undefined {
    const remotes = this.#remotes;
    if (typeof remotes.authorization !== 'function') return undefined;
    return fromCallback(cb => remotes.authorization(ctx, cb));
  }

  /** Run the phases up to and including `auth` (nothing when there is no `auth` phase). */
  runThroughAuth(ctx: unknown): Promise<void> {
    const phases = this.#phases();
    return this.#runRange(phases, 0, this.#authIndex(phases) + 1, ctx);
  }

  /** Run the phases after `auth` (all of them when `includeAuth`); the `invoke` phase calls `ctx.invoke`. */
  runFromAuth(ctx: unknown, includeAuth: boolean): Promise<void> {
    const phases = this.#phases();
    const start = includeAuth ? 0 : this.#authIndex(phases) + 1;
    return this.#runRange(phases, start, phases.length, ctx);
  }

  async #runRange(phases: PhaseLike[], from: number, to: number, ctx: unknown): Promise<void> {
    // a copy: handlers may add phases while we run (as loopback-phase's eachSeries over the live array would see)
    const range = phases.slice(from, to);
    for (const phase of range) {
      debug('phase %s', phase.id);
      await fromCallback(cb => phase.run(ctx, cb));
    }
  }
}
