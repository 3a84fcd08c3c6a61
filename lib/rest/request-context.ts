/**
 * The one object allocated per REST request. It doubles as the invocation
 * context handed to interceptors and as the authorization request handed to
 * authorizers, so the hot path allocates nothing else of its own; the awilix
 * scope is created only when someone reads it.
 */
import type { Request, Response } from 'express';
import type { AwilixContainer } from 'awilix';
import { createRequestScope } from '../context/request-scope';
import type { AuthorizationRequest, InvocationContext, Principal, RequestContext as RequestContextContract, Route } from './types';

const NO_ARGS = Object.freeze([]) as unknown as unknown[];

/** Per-request state shared by the sequence steps, interceptors and authorizers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one context serves routes of every args type
export class RequestContext implements RequestContextContract, InvocationContext<any>, AuthorizationRequest {
  readonly request: Request;
  readonly response: Response;
  route: Route;
  params: Record<string, string>;
  principal?: Principal;
  /** What the route's parseArgs returned, once the parse step ran (positional for native routes; interceptors may replace it). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the route's own args type (see RouteSpec)
  args: any = NO_ARGS;
  /** The invocation result once the invoke step resolved. */
  result?: unknown;
  /** Express `next` of the REST middleware (used when errors are handed to express). */
  readonly next?: (err?: unknown) => void;

  readonly #root: AwilixContainer;
  #scope: AwilixContainer | undefined;

  /**
   * Positional on purpose: this runs once per request and an options object
   * would be a second allocation.
   */
  constructor(
    request: Request,
    response: Response,
    root: AwilixContainer,
    match: { route: Route; params: Record<string, string> },
    next?: (err?: unknown) => void,
  ) {
    this.request = request;
    this.response = response;
    this.#root = root;
    this.route = match.route;
    this.params = match.params;
    this.next = next;
  }

  /** Itself: an interceptor's `ctx.requestContext` is the request context. */
  get requestContext(): this {
    return this;
  }

  /** The per-request awilix scope, created on first access. */
  get scope(): AwilixContainer {
    if (this.#scope === undefined) {
      this.#scope = createRequestScope(this.#root, {
        request: this.request,
        response: this.response,
        requestContext: this,
        principal: this.principal,
      });
    }
    return this.#scope;
  }
}
