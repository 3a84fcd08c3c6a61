/**
 * The REST handler: the express middleware in phase `routes` that reads the
 * body, finds the route and runs the sequence. A path outside basePath or a
 * route miss calls `next()`, so later middleware (and compat's LB3 not-found)
 * can answer.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import parseUrl from 'parseurl';
import type { AwilixContainer } from 'awilix';
import { hasBody } from './body-parsers';
import type { BodyParser } from './body-parsers';
import type { Reject } from './reject';
import { RequestContext } from './request-context';
import type { RestRouter, RouteMatch } from './router';
import type { Sequence } from './sequence';

export interface RestHandlerOptions {
  /** Normalised base path ('' or '/api'). */
  basePath: string;
  caseSensitive?: boolean;
  /** Body parsing before the route lookup (undefined: none). */
  bodyParser?: BodyParser;
  router: RestRouter;
  sequence: Sequence;
  /** Root container (each request's scope is created from it, lazily). */
  container: AwilixContainer;
  /** How a body-parser failure (400/413) or a malformed path escape (400) is answered. */
  reject: Reject;
}

/** Build the REST middleware. */
export function buildRestHandler(options: RestHandlerOptions): RequestHandler {
  const { basePath, bodyParser, router, sequence, container, reject } = options;
  const caseSensitive = options.caseSensitive === true;

  /** Path to look up: express already stripped the mount path; when mounted at the root we strip basePath. */
  const relativePath = (req: Request): string | undefined => {
    const url = req.url;
    // an absolute-form target (`GET http://host/api/x`) routes on its path, as express does
    const path = url.charCodeAt(0) === 47 /* '/' */ ? pathOf(url) : (parseUrl(req)?.pathname ?? '/');
    if (basePath === '' || req.baseUrl) return path;
    const head = path.slice(0, basePath.length);
    const matches = caseSensitive ? head === basePath : head.toLowerCase() === basePath.toLowerCase();
    if (!matches || (path.length > basePath.length && path[basePath.length] !== '/')) return undefined;
    return path.length === basePath.length ? '/' : path.slice(basePath.length);
  };

  const dispatch = (req: Request, res: Response, next: NextFunction, path: string): void => {
    let match: RouteMatch | undefined;
    try {
      match = router.lookup(req.method, path);
    } catch (err) {
      // a path parameter that is not valid percent-encoding: 400, as express answers it
      reject(err, req, res, next);
      return;
    }
    if (match === undefined) {
      next();
      return;
    }
    void sequence.handle(new RequestContext(req, res, container, match, next));
  };

  return function restHandler(req: Request, res: Response, next: NextFunction): void {
    const path = relativePath(req);
    if (path === undefined) {
      next();
      return;
    }
    if (bodyParser !== undefined && hasBody(req)) {
      // As in LB3, the body is read (and may fail with 400/413) before the route is looked up.
      bodyParser(req, res, (err?: unknown) => (err ? reject(err, req, res, next) : dispatch(req, res, next, path)));
      return;
    }
    if (bodyParser !== undefined && req.body === undefined) req.body = {};
    dispatch(req, res, next, path);
  };
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}
