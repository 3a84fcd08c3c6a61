/**
 * The REST request path in one screen:
 *
 *   findRoute (RestServer.restMiddleware) → parseArgs → authenticate → authorize
 *   → invoke (interceptors) → send; any error → reject
 *
 * A route with `onError` sees authorize/invoke errors first and may replace them.
 *
 * Steps with nothing to do (no strategies, no authorizers, no interceptors)
 * are skipped without allocating.
 */
import debugFactory from 'debug';
import { errors } from '../errors/http-error';
import type { Reject } from './reject';
import type { RequestContext } from './request-context';
import type { AuthenticationStrategy, AuthorizationDecision, Authorizer, Principal } from './types';

const debug = debugFactory('lb3-shim:rest:sequence');

/** What the sequence needs from its server. */
export interface SequenceOptions {
  /** How failed requests are answered (lib/rest/reject.ts). */
  reject: Reject;
}

export class Sequence {
  readonly #reject: Reject;

  constructor(options: SequenceOptions) {
    this.#reject = options.reject;
  }

  /**
   * Run one request whose route was already found. Never rejects: failures go to {@link reject}.
   * Steps that answer synchronously (the common case for compat's parse, token and
   * memoised ACL steps) are not awaited: every await is a microtask hop per request.
   */
  async handle(ctx: RequestContext): Promise<void> {
    try {
      const route = ctx.route;
      const args = route.parseArgs(ctx);
      ctx.args = isThenable(args) ? await args : args;
      if (route.strategies.length > 0 || route.authenticate?.required) {
        const done = this.#authenticateFast(ctx);
        if (done !== undefined) await done;
      }
      let result: unknown;
      try {
        if (route.authorizers.length > 0) {
          const done = this.#authorizeFast(ctx);
          if (done !== undefined) await done;
        }
        result = await route.call(ctx);
      } catch (err) {
        if (route.onError === undefined) throw err;
        throw await route.onError(ctx, err, ctx.args);
      }
      const sent = route.send(ctx, result, ctx.args);
      if (isThenable(sent)) await sent;
    } catch (err) {
      this.reject(ctx, err);
    }
  }

  /**
   * authenticate: the route's strategies in order, the first principal wins; a route with
   * `authenticate.required` and no principal fails with 401. Synchronous (undefined) while
   * the strategies answer synchronously.
   */
  #authenticateFast(ctx: RequestContext): Promise<void> | undefined {
    const strategies = ctx.route.strategies;
    for (let i = 0; i < strategies.length; i++) {
      const principal = strategies[i].authenticate(ctx);
      if (isThenable(principal)) return this.#authenticateFrom(ctx, strategies, i, principal);
      if (principal !== undefined) {
        ctx.principal = principal;
        break;
      }
    }
    if (ctx.route.authenticate?.required && ctx.principal === undefined) throw errors.authenticationRequired();
    return undefined;
  }

  /** The rest of {@link #authenticateFast} once strategy `i` answered with a promise. */
  async #authenticateFrom(
    ctx: RequestContext,
    strategies: readonly AuthenticationStrategy[],
    i: number,
    pending: PromiseLike<Principal | undefined>,
  ): Promise<void> {
    let principal = await pending;
    while (principal === undefined && ++i < strategies.length) principal = await strategies[i].authenticate(ctx);
    if (principal !== undefined) ctx.principal = principal;
    if (ctx.route.authenticate?.required && ctx.principal === undefined) throw errors.authenticationRequired();
  }

  /**
   * authorize: the route's authorizers in order; any 'deny' stops the request (401 for an
   * anonymous caller, 403 for an authenticated one). Synchronous (undefined) while they answer synchronously.
   */
  #authorizeFast(ctx: RequestContext): Promise<void> | undefined {
    const authorizers = ctx.route.authorizers;
    for (let i = 0; i < authorizers.length; i++) {
      const decision = authorizers[i].authorize(ctx);
      if (isThenable(decision)) return this.#authorizeFrom(ctx, i, decision);
      this.#check(ctx, authorizers[i], decision);
    }
    return undefined;
  }

  /** The rest of {@link #authorizeFast} once authorizer `i` answered with a promise. */
  async #authorizeFrom(ctx: RequestContext, i: number, pending: PromiseLike<AuthorizationDecision>): Promise<void> {
    const authorizers = ctx.route.authorizers;
    this.#check(ctx, authorizers[i], await pending);
    while (++i < authorizers.length) this.#check(ctx, authorizers[i], await authorizers[i].authorize(ctx));
  }

  #check(ctx: RequestContext, authorizer: Authorizer, decision: AuthorizationDecision): void {
    if (decision === 'deny') {
      debug('%s denied %s', authorizer.name, ctx.route.id);
      throw ctx.principal === undefined ? errors.authenticationRequired() : errors.accessDenied();
    }
  }

  /** The reject step: write the error, or hand it to express (see lib/rest/reject.ts). */
  reject(ctx: RequestContext, err: unknown): void {
    this.#reject(err, ctx.request, ctx.response, ctx.next);
  }
}

/** A promise or promise-like (what `await` would wait for). */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<T>).then === 'function';
}
