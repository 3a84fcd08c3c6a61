/**
 * LB3 remote hooks (`Model.beforeRemote/afterRemote/afterRemoteError`,
 * `app.remotes().before/after/afterError`) around core invocations.
 *
 * One interceptor per LB3 route does what strong-remoting's `invoke` phase
 * does, with the app's own hook registry (`remotes.execHooks`, which looks
 * hooks up per call, so hooks added after boot apply). Its args are the
 * route's LB3 call (the RemotingContext parseArgs returned):
 *
 *   deferred sharedCtor error → before hooks → invoke → after hooks
 *   (they may replace ctx.result, which the interceptor returns for send)
 *
 * The ACL ran before, as the sequence's authorize step (acl.authorizer.ts).
 * Apps that changed `remotes.phases` (custom phases, extra handlers) get the
 * phases after `auth` run, with the core invocation as the `invoke` handler.
 * The route's `onError` runs the afterError hooks: `ctx.error` is set, and a
 * hook's `next(err)` replaces the error.
 */
import debugFactory from 'debug';
import type { Interceptor, InvocationContext, RequestContext } from '../../lib/rest/types';
import type { RemotingContext } from './remoting-context';
import { RemotingPhases } from './remoting-phases';
import { settleNowOrLater } from './lb3-call';
import type { Lb3Adapter } from '../adapter';

const debug = debugFactory('lb3-shim:compat:remote-hooks');

type HookKind = 'before' | 'after' | 'afterError';

/** The remote hooks of one LB3 app, as a core interceptor and route `onError`. */
export class Lb3RemoteHooks {
  readonly #remotes: any;
  readonly #phases: RemotingPhases;
  /** Put in `RouteSpec.interceptors` of every LB3 route. */
  readonly interceptor: Interceptor<RemotingContext>;
  /** Put in `RouteSpec.onError` of every LB3 route. */
  readonly onError: (ctx: RequestContext, err: unknown, rctx: RemotingContext) => Promise<unknown>;

  constructor(opts: { lb3App: any; phases?: RemotingPhases }) {
    this.#remotes = opts.lb3App.remotes();
    this.#phases = opts.phases ?? new RemotingPhases(this.#remotes);
    const lb3RemoteHooks = (ictx: InvocationContext<RemotingContext>, next: () => Promise<unknown>) => this.#around(ictx.args, next);
    this.interceptor = lb3RemoteHooks;
    this.onError = (_ctx, err, rctx) => this.#afterError(rctx, err);
  }

  /**
   * Could a hook of this kind match any method? Reads the top of the hook
   * tree only (`before.*`, or a `*`/`**` registration), so it is cheap and
   * never wrong in the "no" direction; execHooks does the real matching.
   * Read per request: LB3 apps may add hooks at any time, and strong-remoting
   * announces none of them.
   */
  mayHaveHooks(kind: HookKind): boolean {
    const remotes = this.#remotes;
    if (!remotes.wildcard) return true;
    const tree = remotes.listenerTree;
    if (!tree) return false;
    return tree[kind] !== undefined || tree['*'] !== undefined || tree['**'] !== undefined;
  }

  async #around(rctx: RemotingContext, next: () => Promise<unknown>): Promise<unknown> {
    const phases = this.#phases;
    if (!phases.isStock()) {
      // strong-remoting's phase list after `auth`, our invocation as its `invoke` handler
      rctx.invoke = (_scope: unknown, _method: unknown, cb: (err: unknown, result?: unknown) => void) => {
        next().then(
          (result) => cb(null, result),
          (err) => cb(err),
        );
      };
      await phases.runAfterAuth(rctx);
      return rctx.result;
    }
    if (rctx.sharedCtorError !== undefined) throw rctx.sharedCtorError;
    if (this.mayHaveHooks('before')) {
      const pending = this.#exec('before', rctx);
      if (pending !== undefined) await pending;
    }
    rctx.result = await next();
    if (this.mayHaveHooks('after')) {
      const pending = this.#exec('after', rctx);
      if (pending !== undefined) await pending;
    }
    return rctx.result;
  }

  /**
   * `remotes.execHooks(kind, ...)`, without a promise when the hooks call back synchronously
   * (they mostly do: execHooks runs sync hooks in one go): then undefined, or the hook's error
   * thrown; strong-remoting also continues synchronously there.
   */
  #exec(kind: HookKind, rctx: RemotingContext): Promise<void> | undefined {
    return settleNowOrLater((cb) => this.#remotes.execHooks(kind, rctx.method, rctx.getScope(), rctx, cb));
  }

  async #afterError(rctx: RemotingContext, err: unknown): Promise<unknown> {
    rctx.error = err;
    if (!this.mayHaveHooks('afterError')) return err;
    debug('%s failed, running afterError hooks', rctx.methodString);
    // A hook may answer the request itself and never call next: then this never settles, as in LB3.
    try {
      const pending = this.#exec('afterError', rctx);
      if (pending !== undefined) await pending;
      return err;
    } catch (hookErr) {
      return hookErr;
    }
  }
}

/**
 * load: the app's remotes; compile: whether its phase list is strong-remoting's own (for the
 * debug line; the hooks interceptor reads it per request, apps may change it later);
 * apply: the interceptor + onError every LB3 route gets.
 */
export const remoteHooksAdapter: Lb3Adapter<unknown, { stockPhases: boolean }, Lb3RemoteHooks> = {
  kind: 'remote hooks',
  load: ({ lb3App }) => lb3App.remotes(),
  compile: (_remotes, { phases }) => ({ stockPhases: phases.isStock() }),
  apply: (_plan, { lb3App, phases }) => new Lb3RemoteHooks({ lb3App, phases }),
};
