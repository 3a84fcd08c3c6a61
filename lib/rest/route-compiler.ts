/**
 * RouteSpec → Route: everything a request needs is decided here, once per
 * route — the argument parser, the sender, the success status and the
 * interceptor chain — so the sequence only calls precomputed functions.
 */
import debugFactory from 'debug';
import { buildArgParser } from './parse-args';
import { buildDefaultSender } from './send';
import { buildInterceptorChain } from './interceptor-chain';
import type { AuthenticationStrategy, Authorizer, HttpVerb, Interceptor, InvocationContext, Route, RouteSpec } from './types';

const debug = debugFactory('lb3-shim:rest:route-compiler');

const VERBS: readonly HttpVerb[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** The server-wide extensions a route is linked with (at registration, and again when they change). */
export interface RouteExtensions {
  /** Global interceptors, outermost first; they wrap the route's own. */
  globalInterceptors?: readonly Interceptor[];
  /** Registered authentication strategies, in order. */
  strategies?: readonly AuthenticationStrategy[];
  /** Registered authorizers, in order; each one's `appliesTo` decides whether the route gets it. */
  authorizers?: readonly Authorizer[];
}

/** Inputs of {@link compileRoute}. */
export interface CompileRouteOptions extends RouteExtensions {
  /** Unique id of the route in its server (e.g. `GET /products/:id`). */
  id: string;
}

/** The id a server gives a route by default: `VERB /path`. */
export function routeKey(spec: Pick<RouteSpec, 'verb' | 'path'>): string {
  return `${String(spec.verb).toUpperCase()} ${spec.path}`;
}

/**
 * Compile a spec. Throws (naming the route) when the spec is malformed, so a
 * bad route fails at registration instead of on its first request.
 */
export function compileRoute<A = unknown[]>(spec: RouteSpec<A>, options: CompileRouteOptions): Route<A> {
  assertValidSpec(spec as RouteSpec<unknown>);
  // Hooks are bound to the spec so class-based specs keep their `this`. Without its own
  // parseArgs a route gets lib's positional parser (its A is the default, unknown[]).
  const parseArgs = spec.parseArgs ? spec.parseArgs.bind(spec) : (buildArgParser(spec.operation) as unknown as Route<A>['parseArgs']);
  const send = spec.send ? spec.send.bind(spec) : buildDefaultSender(spec.operation);
  const invoke = spec.invoke.bind(spec);
  const route = { ...spec, id: options.id, verb: spec.verb.toLowerCase() as HttpVerb, invoke, parseArgs, send } as Route<A>;
  linkRoute(route, options);
  debug('compiled %s (%d route interceptors, %d authorizers)', route.id, spec.interceptors?.length ?? 0, route.authorizers.length);
  return route;
}

/**
 * (Re)link a route with the server's extensions: its interceptor chain, the
 * strategies it uses and the authorizers that apply to it. Throws what an
 * authorizer's `appliesTo` throws (a misconfigured route).
 */
export function linkRoute(route: Route, extensions: RouteExtensions): void {
  const names = route.authenticate?.strategies;
  const strategies = extensions.strategies ?? [];
  const authorizers = (extensions.authorizers ?? []).filter((a) => (a.appliesTo === undefined ? true : a.appliesTo(route)));
  const linked = route as { -readonly [K in 'strategies' | 'authorizers']: Route[K] };
  linked.strategies = names === undefined ? [...strategies] : strategies.filter((s) => names.includes(s.name));
  linked.authorizers = authorizers;
  linkInterceptors(route, extensions.globalInterceptors ?? []);
}

/**
 * (Re)build `route.call` for the given global interceptors: global ones
 * outermost, then the route's own, then `invoke`. With no interceptors at all
 * the chain is a single async step.
 */
export function linkInterceptors(route: Route, globalInterceptors: readonly Interceptor[]): void {
  const own = route.interceptors ?? [];
  const all = globalInterceptors.length === 0 ? own : own.length === 0 ? globalInterceptors : [...globalInterceptors, ...own];
  const invoke = route.invoke;
  const target = (ctx: InvocationContext) => invoke(ctx.args, ctx.requestContext);
  (route as { call: Route['call'] }).call = buildInterceptorChain(all, target);
}

function assertValidSpec(spec: RouteSpec<unknown>): void {
  const name = spec && typeof spec === 'object' ? `${String(spec.verb)} ${String(spec.path)}` : String(spec);
  if (!spec || typeof spec !== 'object') throw new TypeError(`Invalid route spec ${name}: expected an object.`);
  if (typeof spec.verb !== 'string' || !VERBS.includes(spec.verb.toLowerCase() as HttpVerb)) {
    throw new TypeError(`Invalid route ${name}: verb must be one of ${VERBS.join(', ')}.`);
  }
  if (typeof spec.path !== 'string' || !spec.path.startsWith('/')) {
    throw new TypeError(`Invalid route ${name}: path must be a string starting with "/".`);
  }
  if (typeof spec.invoke !== 'function') throw new TypeError(`Invalid route ${name}: invoke must be a function.`);
  if (!spec.operation || typeof spec.operation !== 'object') {
    throw new TypeError(`Invalid route ${name}: operation must be an OpenAPI operation object.`);
  }
  if (spec.interceptors !== undefined && !(Array.isArray(spec.interceptors) && spec.interceptors.every((i) => typeof i === 'function'))) {
    throw new TypeError(`Invalid route ${name}: interceptors must be an array of functions.`);
  }
}
