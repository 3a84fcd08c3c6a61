/**
 * Turn the REST route list a runner reports into concrete parity requests
 * (one request per route, params filled in), and list routes once from a
 * stock target. Used by matrix-style parity tests that must cover every route
 * of a fixture without hand-writing each path.
 */
import { ParityRequest, RouteInfo, startTarget } from './parity';

export interface RouteRequestOptions {
  /** REST base path (default `/api`). */
  basePath?: string;
  /** Value for each `:param` of the path (default `'1'`). */
  params?: Record<string, string>;
  /** JSON body for POST/PUT/PATCH routes (default `{}`); `undefined` from the function sends no body. */
  body?: (route: RouteInfo) => unknown;
  /** Headers added to the request. */
  headers?: Record<string, string>;
  /** Extra query string appended (without `?`). */
  query?: string;
}

/** The HTTP method used to reach a route: verb `all` is sent as POST, `del` as DELETE. */
export function methodOf(route: RouteInfo): string {
  const v = route.verb.toLowerCase();
  if (v === 'all') return 'POST';
  if (v === 'del') return 'DELETE';
  return v.toUpperCase();
}

/** One concrete request for a route. Change streams are compared on headers only (they never end). */
export function requestForRoute(route: RouteInfo, o: RouteRequestOptions = {}): ParityRequest {
  const base = (o.basePath ?? '/api').replace(/\/$/, '');
  const params = o.params ?? {};
  const p = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? '1'));
  const method = methodOf(route);
  const req: ParityRequest = {
    method,
    path: base + p + (o.query ? `?${o.query}` : ''),
    note: route.id,
  };
  if (o.headers) req.headers = { ...o.headers };
  if (/change-stream$/.test(route.path)) req.headersOnly = true;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const body = o.body ? o.body(route) : {};
    if (body !== undefined) req.json = body;
  }
  return req;
}

/** Boot the fixture once on stock LB3 and return its REST routes (the process is stopped again). */
export async function stockRoutes(appDir: string): Promise<RouteInfo[]> {
  const target = await startTarget('stock', appDir);
  try {
    return target.routes;
  } finally {
    await target.stop();
  }
}
