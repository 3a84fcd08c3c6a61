/**
 * LB3 remote hooks (`Model.beforeRemote/afterRemote/afterRemoteError`,
 * `app.remotes().before/after/afterError`) around core invocations.
 *
 * One interceptor per LB3 route does what strong-remoting's `invoke` phase
 * does, with the app's own hook registry (`remotes.execHooks`, which looks
 * hooks up per call, so hooks added after boot apply):
 *
 *   [ACL when no authorizer ran it] → deferred sharedCtor error → before hooks
 *   → core invoke → after hooks (they may replace ctx.result; the send step writes it)
 *
 * Apps that changed `remotes.phases` (custom phases, extra handlers) get the
 * phase list itself run, with the core invocation as the `invoke` handler.
 * The route's `onError` runs the afterError hooks: `ctx.error` is set, and a
 * hook's `next(err)` replaces the error.
 */
import debugFactory from 'debug';
import type { Interceptor, InvocationContext, RequestContext } from '../../lib/rest/types';
import { getLb3State } from './remoting-context';
import { fromCallback, RemotingPhases, settleNowOrLater } from './remoting-phases';

const debug = debugFactory('lb3-shim:compat:remote-hooks');

type HookKind = 'before' | 'after' | 'afterError';

/** The remote hooks of one LB3 app, as a core interceptor and route `onError`. */
export class Lb3RemoteHooks {
  readonly #remotes: any;
  readonly #phases: RemotingPhases;
  /** Put in `RouteSpec.interceptors` of every LB3 route. */
  readonly interceptor: Interceptor;
  /** Put in `RouteSpec.onError` of every LB3 route. */
  readonly onError: (ctx: RequestContext, err: unknown) => Promise<unknown>;

  constructor(opts: { lb3App: any; phases?: RemotingPhases }) {
    this.#remotes = opts.lb3App.remotes();
    this.#phases = opts.phases ?? new RemotingPhases(this.#remotes);
    const lb3RemoteHooks = (ictx: InvocationContext, next: () => Promise<unknown>) => this.#around(ictx, next);
    this.interceptor = lb3RemoteHooks;
    this.onError = (ctx, err) => this.#afterError(ctx, err);
  }

  /**
   * Could a hook of this kind match any method? Reads the top of the hook
   * tree only (`before.*`, or a `*`/`**` registration), so it is cheap and
   * never wrong in the "no" direction; execHooks does the real matching.
   */
  mayHaveHooks(kind: HookKind): boolean {
    const remotes = this.#remotes;
    if (!remotes.wildcard) return true;
    const tree = remotes.listenerTree;
    if (!tree) return false;
    return tree[kind] !== undefined || tree['*'] !== undefined || tree['**'] !== undefined;
  }

  /** `remotes.execHooks(kind, ...)` as a promise. */
  run(kind: HookKind, sharedMethod: any, scope: unknown, rctx: unknown): Promise<void> {
    const remotes = this.#remotes;
    return fromCallback(cb => {
      remotes.execHooks(kind, sharedMethod, scope, rctx, cb);
    });
  }

  async #around(ictx: InvocationContext, next: () => Promise<unknown>): Promise<unknown> {
    const state = getLb3State(ictx.requestContext);
    if (state === undefined) return next();
    const rctx = state.remotingContext;
    const method = state.sharedMethod;
    const phases = this.#phases;
    if (!phases.isStock()) {
      // strong-remoting's phase list, our invocation as its `invoke` handler
      rctx.invoke = (_scope: unknown, _method: unknown, cb: (err: unknown, result?: unknown) => void) => {
        next().then(result => cb(null, result), err => cb(err));
      };
      await phases.runFromAuth(rctx, !state.authorized);
      return rctx.result;
    }
    if (!state.authorized) {
      // no authorizer ran the `auth` phase (auth not enabled at start-up): do it here, as LB3 would
      const acl = phases.authorize(rctx);
      if (acl !== undefined) await acl;
    }
    if (state.sharedCtorError !== undefined) throw state.sharedCtorError;
    if (this.mayHaveHooks('before')) {
      const pending = this.#runFast('before', method, rctx);
      if (pending !== undefined) await pending;
    }
    rctx.result = await next();
    if (this.mayHaveHooks('after')) {
      const pending = this.#runFast('after', method, rctx);
      if (pending !== undefined) await pending;
    }
    return rctx.result;
  }

  /**
   * {@link run}, without a promise when the hooks call back synchronously (they
   * mostly do: execHooks runs sync hooks in one go). Then it returns undefined,
   * or throws the hook's error; strong-remoting also continues synchronously there.
   */
  #runFast(kind: HookKind, method: any, rctx: any): Promise<void> | undefined {
    return settleNowOrLater(cb => this.#remotes.execHooks(kind, method, rctx.getScope(), rctx, cb));
  }


  async #afterError(ctx: RequestContext, err: unknown): Promise<unknown> {
    const state = getLb3State(ctx);
    if (state === undefined) return err;
    const rctx = state.remotingContext;
    rctx.error = err;
    if (!this.mayHaveHooks('afterError')) return err;
    debug('%s failed, running afterError hooks', rctx.methodString);
    const remotes = this.#remotes;
    // A hook may answer the request itself and never call next: then this never settles, as in LB3.
    return new Promise<unknown>(resolve => {
      remotes.execHooks('afterError', state.sharedMethod, rctx.getScope(), rctx, (hookErr?: unknown) => resolve(hookErr || err));
    });
  }
}
