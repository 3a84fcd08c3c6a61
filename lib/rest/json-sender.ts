/**
 * JSON responses without express's generic `res.send` machinery, byte for
 * byte what `res.json(value)` sends in the common case: Content-Type (unless
 * already set), Content-Length and the app's ETag, in express's order.
 * Anything unusual (conditional request, HEAD, 204/205/304, a Content-Type
 * without charset, an ETag already set, JSON app settings) goes to `res.json`.
 *
 * Why: `res.json` → `res.send` re-parses and re-formats the Content-Type
 * (content-type parse + format), goes through `res.set`/`res.get` a few
 * times and checks freshness; about 5% of a GET-by-id request's CPU.
 */
import type { Request, Response } from 'express';

const JSON_UTF8 = 'application/json; charset=utf-8';

/** Send `value` as JSON; same bytes and headers as `res.json(value)`. */
export function writeJson(req: Request, res: Response, value: unknown): void {
  const app = req.app;
  const status = res.statusCode;
  const type = res.getHeader('Content-Type');
  if (
    req.method === 'HEAD' ||
    status === 204 ||
    status === 205 ||
    status === 304 ||
    req.headers['if-none-match'] !== undefined ||
    req.headers['if-modified-since'] !== undefined ||
    (type !== undefined && type !== JSON_UTF8) ||
    res.getHeader('ETag') !== undefined ||
    app.get('json replacer') !== undefined ||
    app.get('json spaces') !== undefined ||
    app.get('json escape')
  ) {
    res.json(value);
    return;
  }
  const body = JSON.stringify(value);
  if (body === undefined) {
    // JSON.stringify(undefined / a function) — let express decide what that means
    res.json(value);
    return;
  }
  if (type === undefined) res.setHeader('Content-Type', JSON_UTF8);
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  const etagFn = app.get('etag fn');
  if (typeof etagFn === 'function') {
    // express hashes the Buffer; the `etag` module gives the same tag for the utf8 string
    const etag = etagFn(body, 'utf8');
    if (etag) res.setHeader('ETag', etag);
  }
  // a string body is sent in one piece with the headers (no Buffer copy)
  res.end(body, 'utf8');
}
