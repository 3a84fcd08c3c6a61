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
import type { ErrorWriter } from '../errors/error-writer';
import type { RequestContext } from './request-context';
import type { AuthenticationStrategy, Authorizer, Route } from './types';

const debug = debugFactory('lb3-shim:rest:sequence');

/** What the sequence needs from its server. */
export interface SequenceOptions {
  /** The writer for failed requests (looked up when an error happens, so it can be replaced late). */
  errorWriter: () => ErrorWriter;
  /**
   * true (default): errors are written by the ErrorWriter right away.
   * false: they are passed to express `next(err)` so app error middleware sees them (LB3 `handleErrors: false`).
   */
  handleErrors?: boolean;
}

/** Extension lists, refreshed by the server whenever routes change or it starts. */
export interface SequenceExtensions {
  strategies: readonly AuthenticationStrategy[];
  authorizers: readonly Authorizer[];
}

export class Sequence {
  readonly #errorWriter: () => ErrorWriter;
  readonly #handleErrors: boolean;
  #strategies: readonly AuthenticationStrategy[] = [];
  #authorizers: readonly Authorizer[] = [];
  /** Strategies a route asked for by name, resolved once per route. */
  #routeStrategies = new WeakMap<Route, readonly AuthenticationStrategy[]>();

  constructor(options: SequenceOptions) {
    this.#errorWriter = options.errorWriter;
    this.#handleErrors = options.handleErrors ?? true;
  }

  /** Install the current strategies and authorizers. */
  configure(extensions: SequenceExtensions): void {
    this.#strategies = [...extensions.strategies];
    this.#authorizers = [...extensions.authorizers];
    this.#routeStrategies = new WeakMap();
  }

  /** Run one request whose route was already found. Never rejects: failures go to {@link reject}. */
  async handle(ctx: RequestContext): Promise<void> {
    try {
      const route = ctx.route;
      ctx.args = await route.parseArgs(ctx);
      if (this.#strategies.length > 0 || route.authenticate?.required) await this.authenticate(ctx);
      const result = route.onError === undefined ? await this.authorizeAndInvoke(ctx) : await this.guarded(ctx);
      await route.send(ctx, result);
    } catch (err) {
      this.reject(ctx, err);
    }
  }

  /** authorize (when authorizers exist) → invoke through the route's interceptor chain. */
  async authorizeAndInvoke(ctx: RequestContext): Promise<unknown> {
    if (this.#authorizers.length > 0) await this.authorize(ctx);
    return ctx.route.call(ctx);
  }

  /** The same, handing authorize/invoke errors to the route's `onError` (which may replace them). */
  async guarded(ctx: RequestContext): Promise<unknown> {
    try {
      return await this.authorizeAndInvoke(ctx);
    } catch (err) {
      throw await ctx.route.onError!(ctx, err);
    }
  }

  /**
   * The first strategy returning a principal wins; a route with
   * `authenticate.required` and no principal fails with 401.
   */
  async authenticate(ctx: RequestContext): Promise<void> {
    for (const strategy of this.#strategiesFor(ctx.route)) {
      const principal = await strategy.authenticate(ctx);
      if (principal !== undefined) {
        ctx.principal = principal;
        break;
      }
    }
    if (ctx.route.authenticate?.required && ctx.principal === undefined) throw errors.authenticationRequired();
  }

  /** Any 'deny' stops the request: 401 for an anonymous caller, 403 for an authenticated one. */
  async authorize(ctx: RequestContext): Promise<void> {
    for (const authorizer of this.#authorizers) {
      // The context is the AuthorizationRequest (route, args, principal, requestContext).
      const decision = await authorizer.authorize(ctx);
      if (decision === 'deny') {
        debug('%s denied %s', authorizer.name, ctx.route.id);
        throw ctx.principal === undefined ? errors.authenticationRequired() : errors.accessDenied();
      }
    }
  }

  /** Write the error (or hand it to express when `handleErrors` is false). */
  reject(ctx: RequestContext, err: unknown): void {
    // express treats a falsy next() argument as "no error", so those are written here.
    if (!this.#handleErrors && ctx.next !== undefined && err) {
      ctx.next(err);
      return;
    }
    try {
      this.#errorWriter().write(err, ctx.request, ctx.response);
    } catch (writeErr) {
      debug('the error writer failed for %s: %O', ctx.route.id, writeErr);
      if (!ctx.response.headersSent) ctx.response.status(500).end();
      else ctx.request.socket.destroy();
    }
  }

  #strategiesFor(route: Route): readonly AuthenticationStrategy[] {
    const names = route.authenticate?.strategies;
    if (names === undefined) return this.#strategies;
    let selected = this.#routeStrategies.get(route);
    if (selected === undefined) {
      selected = this.#strategies.filter((s) => names.includes(s.name));
      this.#routeStrategies.set(route, selected);
    }
    return selected;
  }
}
