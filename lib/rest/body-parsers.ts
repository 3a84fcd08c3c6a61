/**
 * Request body parsing for the REST routes, configured as strong-remoting
 * does it: urlencoded (extended) then JSON (non-strict), 100kb limits, and an
 * empty `application/json` body read as `{}`.
 */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { errors } from '../errors/http-error';

/** Body parser options (the `bodyParser` option of the RestServer). */
export interface BodyParserOptions {
  json?: { limit?: string | number; strict?: boolean };
  urlencoded?: { limit?: string | number; extended?: boolean };
  /** Answer 400 BODY_TOO_DEEP for a parsed body nested deeper than this (default: no limit). */
  maxDepth?: number;
  /** Bodies the depth limit does not apply to (e.g. ones the framework rejects anyway before walking them). */
  depthExempt?: (body: unknown) => boolean;
}

/** A body parser: calls `done(err?)` when the body is read (or there is none). */
export type BodyParser = (req: Request, res: Response, done: NextFunction) => void;

/** Does the request carry a body? (type-is' rule: a Transfer-Encoding, or a numeric Content-Length.) */
export function hasBody(req: Request): boolean {
  const headers = req.headers;
  return headers['transfer-encoding'] !== undefined || !isNaN(headers['content-length'] as unknown as number);
}

/** Build the body parser; errors are body-parser's (400 entity.parse.failed, 413 entity.too.large, ...). */
export function buildBodyParser(options: BodyParserOptions = {}): BodyParser {
  const urlencoded = express.urlencoded({ limit: '100kb', extended: true, ...options.urlencoded });
  const json = express.json({ limit: '100kb', strict: false, ...options.json });
  return (req, res, done) => {
    if (!hasBody(req)) {
      // body-parser always leaves an object in req.body; LB3 code reads it on GETs too.
      if (req.body === undefined) req.body = {};
      done();
      return;
    }
    if (req.headers['content-length'] === '0' && req.is('application/json')) {
      (req as Request & { _body?: boolean })._body = true; // mark as parsed, as strong-remoting does
      req.body = {};
      done();
      return;
    }
    const maxDepth = options.maxDepth;
    const checked: NextFunction =
      maxDepth === undefined
        ? done
        : (err?: unknown) => done(err ?? (!options.depthExempt?.(req.body) && deeperThan(req.body, maxDepth) ? errors.bodyTooDeep(maxDepth) : undefined));
    urlencoded(req, res, (err?: unknown) => (err ? done(err) : json(req, res, checked)));
  };
}

/** Is `value` nested deeper than `max` objects/arrays? Iterative: a 10k-deep body must not overflow the stack here. */
export function deeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
