/**
 * The route table: a find-my-way radix tree over the compiled routes. Static
 * segments win over `:params` (LB3's `/findOne` before `/:id`), and a HEAD
 * request falls back to the GET route, as express does.
 *
 * Matching is on the raw path, as express does: a percent-escape never matches a
 * literal segment (`/%53tats` is not `/Stats`), a `:param` is decoded with
 * `decodeURIComponent` and a malformed one fails with 400 "Failed to decode param",
 * and a parameter may be as long as the request line allows.
 */
import findMyWay from 'find-my-way';
import type { HTTPMethod, Instance as FindMyWayInstance } from 'find-my-way';
import debugFactory from 'debug';
import type { Route } from './types';

const debug = debugFactory('lb3-shim:rest:router');

/** Path matching options (defaults are express-like: case-insensitive, trailing and duplicate slashes ignored). */
export interface RestRouterOptions {
  caseSensitive?: boolean;
  ignoreTrailingSlash?: boolean;
  ignoreDuplicateSlashes?: boolean;
}

/** A successful lookup. */
export interface RouteMatch {
  route: Route;
  /** URL-decoded path parameters. */
  params: Record<string, string>;
}

/** A route matched, but one of its path parameters is not valid percent-encoding (express answers 400). */
export class ParamDecodeError extends URIError {
  readonly status = 400;
  readonly statusCode = 400;
  constructor(readonly value: string) {
    // express's wording (router/layer.js decode_param)
    super(`Failed to decode param '${value}'`);
  }
}

type Tree = FindMyWayInstance<findMyWay.HTTPVersion.V1>;

/**
 * Verb + path → route. Adding or removing routes only marks the tree stale;
 * it is rebuilt on the next lookup, so bulk registration costs one build.
 */
export class RestRouter {
  readonly #options: Required<RestRouterOptions>;
  readonly #routes: Route[] = [];
  #tree: Tree | undefined;

  constructor(options: RestRouterOptions = {}) {
    this.#options = {
      caseSensitive: options.caseSensitive ?? false,
      ignoreTrailingSlash: options.ignoreTrailingSlash ?? true,
      ignoreDuplicateSlashes: options.ignoreDuplicateSlashes ?? true,
    };
  }

  /** Add a route. When two routes claim the same verb and path, the one added first answers. */
  add(route: Route): void {
    this.#routes.push(route);
    this.#tree = undefined;
  }

  /** Remove a route (by object or id); returns whether it was present. */
  remove(route: Route | string): boolean {
    const index = this.#routes.findIndex((r) => (typeof route === 'string' ? r.id === route : r === route));
    if (index < 0) return false;
    this.#routes.splice(index, 1);
    this.#tree = undefined;
    return true;
  }

  /** Routes in registration order. */
  routes(): readonly Route[] {
    return this.#routes;
  }

  /**
   * Find the route for a request. `path` is the path relative to the base
   * path, without the query string. HEAD falls back to GET.
   */
  lookup(verb: string, path: string): RouteMatch | undefined {
    const tree = this.#tree ?? this.#build();
    // find-my-way decodes the path before matching; escaping every '%' makes it match the raw one
    const escaped = path.indexOf('%') >= 0;
    const raw = escaped ? path.replace(/%/g, '%25') : path;
    let found = tree.find(verb as HTTPMethod, raw);
    if (found === null && verb === 'HEAD') found = tree.find('GET', raw);
    if (found === null) {
      // express fails on the first route of ANY verb whose pattern matches with an undecodable param
      if (escaped) this.#throwOnUndecodable(tree, raw);
      return undefined;
    }
    const params = found.params as Record<string, string>;
    return { route: found.store as Route, params: escaped ? decodeParams(params) : params };
  }

  #throwOnUndecodable(tree: Tree, raw: string): void {
    for (const verb of new Set(this.#routes.map((r) => r.verb.toUpperCase()))) {
      const found = tree.find(verb as HTTPMethod, raw);
      if (found !== null) decodeParams(found.params as Record<string, string>);
    }
  }

  #build(): Tree {
    // express has no limit on a parameter's length (find-my-way's default is 100 characters)
    const tree = findMyWay({ ...this.#options, maxParamLength: Number.MAX_SAFE_INTEGER });
    for (const route of this.#routes) {
      try {
        tree.on(route.verb.toUpperCase() as HTTPMethod, route.path, noopHandler, route);
      } catch (err) {
        // find-my-way refuses a second route with the same verb + path shape: the first one stays.
        debug('route %s is shadowed by an earlier route: %s', route.id, (err as Error).message);
      }
    }
    debug('route table built with %d routes', this.#routes.length);
    this.#tree = tree;
    return tree;
  }
}

/** express's `decode_param`: `decodeURIComponent` of each value; a malformed one throws {@link ParamDecodeError}. */
function decodeParams(params: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    try {
      decoded[name] = value === '' ? value : decodeURIComponent(value);
    } catch {
      throw new ParamDecodeError(value);
    }
  }
  return decoded;
}

/** find-my-way requires a handler; we only use the store (the route). */
function noopHandler(): void {}
