/**
 * The one place that decides how a failed request's error is written: by the
 * ErrorWriter right away, or handed to express `next(err)` so the app's error
 * middleware in the final phases sees it (`handleErrors: false`, LB3's
 * `remoting.rest.handleErrors`). The sequence, the REST body parsers and
 * compat's REST not-found all reject through it.
 */
import type { Request, Response } from 'express';
import debugFactory from 'debug';
import type { ErrorWriter } from '../errors/error-writer';

const debug = debugFactory('lb3-shim:rest:reject');

/** Write or hand on the error of one request. `next` absent: always written. */
export type Reject = (err: unknown, req: Request, res: Response, next?: (err?: unknown) => void) => void;

export interface RejectOptions {
  /** The writer (looked up when an error happens, so it can be replaced late). */
  errorWriter: () => ErrorWriter;
  /** true (default): write at once. false: `next(err)` when there is a `next`. */
  handleErrors?: boolean;
}

export function buildReject(options: RejectOptions): Reject {
  const handOn = options.handleErrors === false;
  const errorWriter = options.errorWriter;
  return function reject(err, req, res, next) {
    // express treats a falsy next() argument as "no error", so those are written here.
    if (handOn && next !== undefined && err) {
      next(err);
      return;
    }
    try {
      errorWriter().write(err, req, res);
    } catch (writeErr) {
      debug('the error writer failed for %s %s: %O', req.method, req.url, writeErr);
      if (!res.headersSent) res.status(500).end();
      else req.socket.destroy();
    }
  };
}
