/**
 * Run one layer of an express 4 router outside that router, exactly as the
 * router's own `handle()` loop would for that layer: path match (params,
 * decode errors), route verb check (HEAD reaching GET routes, routes skipped
 * while an error is pending), `app.param` callbacks, prefix trimming of
 * `req.url` / `req.baseUrl` for `use()` layers, error vs request handlers by
 * arity, and `req.url`/`req.baseUrl` restored when the layer calls next.
 *
 * compat uses it to run every middleware of an LB3 app's router as its own
 * core middleware, in the core's phases.
 */
import type { NextFunction, Request, Response } from 'express';

/** The parts of an express `Layer` this module uses. */
export interface ExpressLayer {
  handle: (...args: any[]) => unknown;
  name?: string;
  route?: { _handles_method(method: string): boolean };
  keys?: unknown[];
  params?: Record<string, string>;
  path?: string;
  /** loopback: the middleware phase the layer was registered in. */
  phase?: unknown;
  match(path: string): boolean;
  handle_request(req: Request, res: Response, next: NextFunction): void;
  handle_error(err: unknown, req: Request, res: Response, next: NextFunction): void;
}

/** The parts of an express `Router` this module uses (for `app.param` callbacks). */
export interface ExpressRouterLike {
  stack: ExpressLayer[];
  params?: Record<string, unknown[]>;
  mergeParams?: boolean;
  process_params(layer: ExpressLayer, called: Record<string, unknown>, req: Request, res: Response, done: (err?: unknown) => void): void;
}

/** Per-request record of `app.param` callbacks already called (express keeps one per router pass). */
const PARAMS_CALLED = Symbol('lb3-shim:paramcalled');

function pathnameOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * The scheme and host of an absolute-form target (`http://host` of `GET http://host/api/x`), ''
 * for the usual origin-form (`/api/x`). Express routes such a request on its path and keeps the
 * prefix in front of `req.url` while it trims mount paths.
 */
function protohostOf(url: string): string {
  if (url.charCodeAt(0) === 47 /* '/' */) return '';
  const q = url.indexOf('?');
  const scheme = url.slice(0, q < 0 ? url.length : q).indexOf('://');
  if (scheme < 0) return '';
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? url : url.slice(0, slash);
}

/**
 * Dispatch `req` to one layer. `err` is the pending error (undefined when
 * none); `next` receives what the layer passes on (`'route'` becomes no error,
 * as in express).
 */
export function runExpressLayer(layer: ExpressLayer, router: ExpressRouterLike, err: unknown, req: Request, res: Response, next: NextFunction): void {
  const protohost = protohostOf(req.url);
  const path = pathnameOf(protohost === '' ? req.url : req.url.slice(protohost.length)) || '/';
  let matched: boolean;
  try {
    matched = layer.match(path);
  } catch (matchErr) {
    // express: a bad URI component in a matching layer becomes the pending error
    next(err || matchErr);
    return;
  }
  if (!matched) {
    next(err as Error);
    return;
  }
  const route = layer.route;
  if (route) {
    if (err) {
      next(err as Error);
      return;
    }
    const method = req.method;
    // OPTIONS without a handler: express only collects the verbs for its automatic answer
    if (!route._handles_method(method) && method !== 'HEAD') {
      next();
      return;
    }
    (req as any).route = route;
  }
  // express reads these right after match(): the layer object is shared by all requests
  const layerParams = layer.params ?? {};
  const layerPath = layer.path ?? '';
  req.params = router.mergeParams ? { ...(req.params || {}), ...layerParams } : layerParams;

  const keys = layer.keys;
  if (!keys || keys.length === 0 || !router.params || Object.keys(router.params).length === 0) {
    dispatch(layer, route !== undefined, layerPath, path, err, req, res, next);
    return;
  }
  const called = ((req as any)[PARAMS_CALLED] ??= {});
  router.process_params(layer, called, req, res, (paramErr?: unknown) => {
    if (paramErr) next(err || paramErr);
    else dispatch(layer, route !== undefined, layerPath, path, err, req, res, next);
  });
}

/** Call the matched layer: routes as they are, `use()` layers with their mount path trimmed off `req.url`. */
function dispatch(layer: ExpressLayer, isRoute: boolean, layerPath: string, path: string, err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (isRoute) {
    layer.handle_request(req, res, next);
    return;
  }
  if (layerPath.length === 0) {
    // nothing to trim or restore; the caller's next treats 'route' as express does
    if (err) layer.handle_error(err, req, res, next);
    else layer.handle_request(req, res, next);
    return;
  }
  if (layerPath !== path.slice(0, layerPath.length)) {
    next(err as Error);
    return;
  }
  const c = path[layerPath.length];
  if (c && c !== '/' && c !== '.') {
    next(err as Error);
    return;
  }
  const savedUrl = req.url;
  const savedBaseUrl = req.baseUrl;
  const protohost = protohostOf(savedUrl);
  let url = savedUrl.slice(protohost.length + layerPath.length);
  if (url[0] !== '/') url = '/' + url;
  req.url = protohost + url;
  req.baseUrl = (savedBaseUrl || '') + (layerPath[layerPath.length - 1] === '/' ? layerPath.slice(0, -1) : layerPath);
  const done: NextFunction = (out?: unknown) => {
    req.url = savedUrl;
    req.baseUrl = savedBaseUrl;
    next(out === 'route' ? undefined : (out as Error));
  };
  if (err) layer.handle_error(err, req, res, done);
  else layer.handle_request(req, res, done);
}
