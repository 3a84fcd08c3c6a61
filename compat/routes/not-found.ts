/**
 * LB3's 404s for requests under restApiRoot that no route answered:
 *
 * - inside a shared class mount: `Shared class "Customer" has no method handling DELETE /?x=1`
 *   (path relative to the class mount, query included);
 * - elsewhere: `There is no method to handle GET /Nopes?x=1` (relative to restApiRoot).
 *
 * Mounted right after the REST middleware, under restApiRoot (so `req.url`
 * is relative to it, as in strong-remoting's router).
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import debugFactory from 'debug';
import type { ErrorWriter } from '../../lib/errors/error-writer';

const debug = debugFactory('lb3-shim:compat:not-found');

/** A 404 Error shaped as strong-remoting's (name Error, statusCode 404, no code). */
export function lb3NotFoundError(message: string): Error & { statusCode: number } {
  const err = new Error(message) as Error & { statusCode: number };
  err.statusCode = 404;
  return err;
}

/** Which LB3 message a URL (relative to restApiRoot) gets. */
export function lb3NotFoundMessage(method: string, url: string, mounts: ReadonlyArray<{ name: string; path: string }>): string {
  const qIx = url.indexOf('?');
  const pathname = (qIx >= 0 ? url.slice(0, qIx) : url).replace(/\/{2,}/g, '/');
  const lower = pathname.toLowerCase();
  for (const m of mounts) {
    const mount = m.path.replace(/\/+$/, '').toLowerCase();
    if (lower === mount || lower.startsWith(mount + '/')) {
      let rest = pathname.slice(mount.length) + (qIx >= 0 ? url.slice(qIx) : '');
      if (rest === '' || rest[0] !== '/') rest = '/' + rest;
      return `Shared class "${m.name}" has no method handling ${method} ${rest}`;
    }
  }
  return `There is no method to handle ${method} ${url || '/'}`;
}

/**
 * The express middleware writing LB3's not-found error through the core
 * ErrorWriter. `mounts` and `errorWriter` are read per request so live
 * changes and a late writer binding are seen.
 */
export function lb3NotFoundHandler(opts: {
  mounts: () => ReadonlyArray<{ name: string; path: string }>;
  errorWriter: () => ErrorWriter;
}): RequestHandler {
  return function lb3RestNotFound(req: Request, res: Response, _next: NextFunction) {
    const message = lb3NotFoundMessage(req.method, req.url, opts.mounts());
    debug('%s', message);
    opts.errorWriter().write(lb3NotFoundError(message), req, res);
  };
}
