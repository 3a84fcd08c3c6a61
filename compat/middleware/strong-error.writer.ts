/**
 * The core ErrorWriter of an LB3 app, rendering errors with the very code
 * stock LB3 runs for them, so status, JSON, HTML and XML bodies, headers and
 * the stderr log match whatever versions the app has installed:
 *
 * - `remoting.rest.handleErrors` on (strong-remoting's default): REST errors
 *   are strong-remoting's to write, with `RestAdapter.errorHandler(remoting.errorHandler)`
 *   of the app's own strong-remoting (its bundled strong-error-handler, and the
 *   `errorHandler.handler` hook);
 * - off: the app's own strong-error-handler (resolved from the app directory,
 *   lb3-shim's copy when the app has none), with the params of its middleware config.
 */
import type { NextFunction, Request, Response } from 'express';
import debugFactory from 'debug';
import type { ErrorWriter } from '../../lib/errors/error-writer';

const debug = debugFactory('lb3-shim:compat:strong-error-writer');

/** strong-error-handler's options (`debug`, `log`, `safeFields`, `defaultType`, `negotiateContentType`, `rootProperty`...). */
export interface StrongErrorHandlerOptions {
  debug?: boolean;
  log?: boolean;
  safeFields?: string[] | string;
  defaultType?: string;
  negotiateContentType?: boolean;
  rootProperty?: string | false;
  /** strong-remoting's `remoting.errorHandler.handler(err, req, res, defaultHandler)` hook. */
  handler?: (err: unknown, req: Request, res: Response, next: (err?: unknown) => void) => void;
  [option: string]: unknown;
}

type ErrorMiddleware = (err: unknown, req: Request, res: Response, next: NextFunction) => void;

export interface StrongErrorWriterOptions {
  lb3App: any;
  /** strong-remoting `rest.handleErrors` (default true). */
  handleErrors: boolean;
  /** Options for the handler (remoting.errorHandler, or the app's strong-error-handler params). */
  options: StrongErrorHandlerOptions;
  /** The app's strong-error-handler module (`require('strong-error-handler')` from the app directory). */
  strongErrorHandler: (options: StrongErrorHandlerOptions) => ErrorMiddleware;
}

/** An {@link ErrorWriter} running the LB3 app's own error handler; built once per app (the handler is created here, not per request). */
export class StrongErrorWriter implements ErrorWriter {
  readonly #handler: ErrorMiddleware;
  readonly #fallback: ErrorMiddleware;

  constructor(opts: StrongErrorWriterOptions) {
    const options = { ...opts.options };
    this.#fallback = opts.strongErrorHandler(options);
    if (opts.handleErrors) {
      const RestAdapter = opts.lb3App.remotes().adapter('rest');
      this.#handler = RestAdapter.errorHandler(options);
      debug('REST errors by strong-remoting RestAdapter.errorHandler %j', options);
    } else {
      this.#handler = this.#fallback;
      debug("errors by the app's strong-error-handler %j", options);
    }
  }

  write(err: unknown, req: Request, res: Response): void {
    // Neither handler calls next; should a future one, its error still gets an answer.
    this.#handler(err, req, res, (next?: unknown) => this.#fallback(next ?? err, req, res, () => undefined));
  }
}
