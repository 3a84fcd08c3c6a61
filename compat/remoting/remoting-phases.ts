/**
 * strong-remoting's invocation phases (`remotes.phases`, a loopback-phase
 * PhaseList) as the shim runs them.
 *
 * Stock LB3 has two phases: `auth` (the ACL hook) and `invoke` (sharedCtor
 * error → before hooks → the method → after hooks). Apps may add their own
 * (`remotes.phases.addBefore('invoke', 'x')`) or handlers to the existing
 * ones. The shim splits the list at `auth`: the ACL authorizer (the
 * sequence's authorize step) runs the phases up to and including `auth`, the
 * remote-hooks interceptor runs the rest around the core invocation. When the
 * list is the stock one, both use direct calls instead (no PhaseList
 * machinery per request).
 */
import debugFactory from 'debug';
import { settleNowOrLater } from './lb3-call';

const debug = debugFactory('lb3-shim:compat:remoting-phases');

/** loopback-phase Phase (the fields used here). */
interface PhaseLike {
  id: string;
  beforeHandlers: unknown[];
  handlers: unknown[];
  afterHandlers: unknown[];
  run(ctx: unknown, cb: (err?: unknown) => void): void;
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

  /** Is an ACL hook installed (`remotes.authorization`, set by loopback's `enableAuth()`)? */
  hasAuthorization(): boolean {
    return typeof this.#remotes.authorization === 'function';
  }

  /**
   * strong-remoting's ACL step alone: `remotes.authorization(ctx, cb)` when set. Undefined when
   * it allowed synchronously (or there is none), throws a synchronous denial, else a promise.
   */
  authorize(ctx: unknown): Promise<void> | undefined {
    const remotes = this.#remotes;
    if (typeof remotes.authorization !== 'function') return undefined;
    return settleNowOrLater((cb) => remotes.authorization(ctx, cb));
  }

  /** Run the phases up to and including `auth` (nothing when there is no `auth` phase). */
  runThroughAuth(ctx: unknown): Promise<void> {
    const phases = this.#phases();
    return this.#runRange(phases, 0, this.#authIndex(phases) + 1, ctx);
  }

  /** Run the phases after `auth`; the `invoke` phase calls `ctx.invoke`. */
  runAfterAuth(ctx: unknown): Promise<void> {
    const phases = this.#phases();
    return this.#runRange(phases, this.#authIndex(phases) + 1, phases.length, ctx);
  }

  async #runRange(phases: PhaseLike[], from: number, to: number, ctx: unknown): Promise<void> {
    // a copy: handlers may add phases while we run (as loopback-phase's eachSeries over the live array would see)
    const range = phases.slice(from, to);
    for (const phase of range) {
      debug('phase %s', phase.id);
      const pending = settleNowOrLater((cb) => phase.run(ctx, cb));
      if (pending !== undefined) await pending;
    }
  }
}
