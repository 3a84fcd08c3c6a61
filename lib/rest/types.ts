/**
 * The data the REST layer is built from. Everything a route needs at request
 * time is compiled into a `Route` once, when routes are registered, so the
 * sequence does no lookups per request (see docs/architecture.md).
 */
import type { Request, Response } from 'express';
import type { AwilixContainer } from 'awilix';

export type HttpVerb = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';

/** Who made the request, as decided by an authentication strategy. */
export interface Principal {
  /** Stable id of the user/client. */
  id: string | number;
  /** Roles the principal holds (free-form). */
  roles?: string[];
  /** Anything else a strategy wants to carry (e.g. an LB3 AccessToken). */
  [key: string]: unknown;
}

/**
 * OpenAPI 3 operation object (kept loose on purpose: compat passes converted
 * Swagger 2 operations through unchanged).
 */
export type OperationObject = Record<string, unknown> & {
  operationId?: string;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: Record<string, unknown>;
  responses?: Record<string, unknown>;
  tags?: string[];
  'x-visibility'?: 'undocumented';
};

/** Per-request state. One object per request, created by the sequence. */
export interface RequestContext {
  readonly request: Request;
  readonly response: Response;
  /** The matched route (set by findRoute). */
  route: Route;
  /** Raw path parameters from the router (URL-decoded strings). */
  params: Record<string, string>;
  /** Set by the authenticate step; undefined = anonymous. */
  principal?: Principal;
  /** The per-request awilix scope (created lazily on first access). */
  readonly scope: AwilixContainer;
  /**
   * What the route's `parseArgs` returned, set by the sequence before authenticate: the
   * positional arguments for lib's own parser and controllers, the route's own type otherwise
   * (compat: the LB3 remoting context). Interceptors may replace it.
   */
  args: unknown;
}

/**
 * What an interceptor sees around one invocation. `A` is the route's argument type
 * (positional arguments for native routes; see {@link RouteSpec}).
 */
export interface InvocationContext<A = unknown[]> {
  readonly requestContext: RequestContext;
  readonly route: Route;
  /** The arguments `invoke` receives (what parseArgs returned); interceptors may replace items. */
  args: A;
  /** Result of the invocation once `next()` resolved (after-phase). */
  result?: unknown;
}

/**
 * An interceptor wraps the invocation: code before `await next()` runs
 * before, code after it may replace the returned value, and a try/catch
 * around it may replace or swallow the error.
 */
export type Interceptor<A = unknown[]> = (ctx: InvocationContext<A>, next: () => Promise<unknown>) => unknown | Promise<unknown>;

/** Authorization input handed to every registered authorizer. */
export interface AuthorizationRequest {
  readonly requestContext: RequestContext;
  readonly route: Route;
  /** The route's arguments (see {@link RequestContext.args}). */
  readonly args: unknown;
  readonly principal?: Principal;
}

export type AuthorizationDecision = 'allow' | 'deny' | 'abstain';

export interface Authorizer {
  name: string;
  /**
   * Asked once per route, when it is registered and whenever the authorizer list changes.
   * false: the authorizer has nothing to say about this route and is not called for its
   * requests (default: it applies to every route). Throw to reject a misconfigured route:
   * its registration fails with that error.
   */
  appliesTo?(route: Route): boolean;
  authorize(req: AuthorizationRequest): AuthorizationDecision | Promise<AuthorizationDecision>;
}

export interface AuthenticationStrategy {
  name: string;
  /** Return the principal, undefined for "not mine / anonymous", or throw an HttpError (e.g. 401). */
  authenticate(ctx: RequestContext): Principal | undefined | Promise<Principal | undefined>;
}

/**
 * A route in data form. Controllers built from decorators and compat adapters
 * built from LB3 metadata both produce these. Hooks left undefined take the
 * core defaults (ajv-based args from `operation`, JSON send).
 *
 * Data flows through the steps: `parseArgs` returns the args (`A`, positional by
 * default) → `invoke(args)` returns the result → `send(ctx, result, args)` writes it.
 */
export interface RouteSpec<A = unknown[]> {
  verb: HttpVerb;
  /** find-my-way / express style path, e.g. `/products/:id`. Relative to the server's base path. */
  path: string;
  /** OpenAPI 3 operation for /openapi.json and for the default argument parser. */
  operation: OperationObject;
  /** The target. Receives what parseArgs returned (after interceptors), returns the result to send. */
  invoke(args: A, ctx: RequestContext): unknown | Promise<unknown>;
  /** Replace the default argument parsing (compat: strong-remoting rules; required when `A` is not positional). */
  parseArgs?(ctx: RequestContext): A | Promise<A>;
  /** Replace the default response writer; gets the invocation's result and the route's args. */
  send?(ctx: RequestContext, result: unknown, args: A): void | Promise<void>;
  /**
   * Called with errors raised by the authorize and invoke steps (not by argument
   * parsing, authentication or send). Returns the error to write, which may be a
   * replacement. compat runs LB3 afterRemoteError hooks here, which LB3 also runs
   * for ACL denials.
   */
  onError?(ctx: RequestContext, err: unknown, args: A): unknown | Promise<unknown>;
  /** Interceptors for this route only, outermost first (controller-level then method-level). */
  interceptors?: Interceptor<A>[];
  /** Does this route require an authenticated principal? (default: false). */
  authenticate?: { required?: boolean; strategies?: string[] };
  /** Opaque metadata for authorizers and interceptors (e.g. `{ acl: {...} }`). */
  meta?: Record<string, unknown>;
  /** Keep the route out of /openapi.json. */
  hidden?: boolean;
}

/**
 * A RouteSpec after compilation: defaults filled in, interceptor chain precomputed. Without a
 * type argument it is a route of any args type (the route table holds every kind).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- interceptors make A invariant; `unknown` would reject typed routes
export interface Route<A = any> extends RouteSpec<A> {
  readonly id: string;
  readonly parseArgs: (ctx: RequestContext) => A | Promise<A>;
  readonly send: (ctx: RequestContext, result: unknown, args: A) => void | Promise<void>;
  /** Runs global + route interceptors then invoke(ctx.args). Built once at registration. */
  readonly call: (ctx: InvocationContext<A>) => Promise<unknown>;
  /** The authentication strategies this route uses (all, or the ones it names), in order. Linked at registration. */
  readonly strategies: readonly AuthenticationStrategy[];
  /** The authorizers that apply to this route ({@link Authorizer.appliesTo}), in order. Linked at registration. */
  readonly authorizers: readonly Authorizer[];
}
