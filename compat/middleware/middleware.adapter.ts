/**
 * An LB3 app's middleware (middleware.json, `app.middleware()`, `app.use()`,
 * boot-script routes, static files, error handlers) as core middleware.
 *
 * loopback keeps every middleware as a layer of its express router, tagged
 * with its phase and sorted by phase (loopback/lib/server-app.js). Each
 * layer becomes one core middleware in the same phase, in the same order,
 * run by {@link runExpressLayer} exactly as LB3's router runs it. So every
 * entry runs once per request in LB3's phase order, whether the request ends
 * at an LB3 REST route, a native route or a custom express route.
 *
 * Phase mapping: a layer without phase (`app.use`, `app.get`) → `routes:before`
 * (LB3 runs them after `routes:before`, before `routes`); `final:after` →
 * `final` (the core's last-resort error writer stays behind the app's own
 * error handler); a custom phase (`defineMiddlewarePhases`) → `:after` of the
 * nearest standard phase before it.
 *
 * Every `loopback#rest` layer (`app.use(loopback.rest())` at any path, one
 * or several) is replaced, in its slot, by what LB3 runs there: the token
 * middleware (when `enableAuth()` was called), the core REST middleware
 * (body parsing + routes, relative to the layer's mount), then the LB3
 * not-found 404. An app without any `loopback#rest` layer gets the same chain
 * at restApiRoot at the start of `routes`, until it adds one.
 *
 * First of all, `req`/`res` get the LB3 app's request/response prototypes,
 * so `req.app` is the LB3 app for user code (as when LB3 serves).
 */
import debugFactory from 'debug';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Reject } from '../../lib/rest/reject';
import type { Lb3Adapter } from '../adapter';
import type { MiddlewarePhase } from '../../lib/rest/middleware-phases';
import { runExpressLayer, type ExpressLayer, type ExpressRouterLike } from './express-layer';
import { lb3NotFoundMessage } from '../routes/not-found';
import { lb3Errors } from '../errors/lb3-errors';
import { isLoopbackRestLayer } from './rest-mounts';

const debug = debugFactory('lb3-shim:compat:middleware');

/** Where core middleware is registered (Application / RestServer). */
export interface MiddlewareSink {
  middleware(handler: RequestHandler | ErrorRequestHandler, opts: { phase: MiddlewarePhase; path?: string; name?: string }): unknown;
}

export interface Lb3MiddlewareOptions {
  lb3App: any;
  sink: MiddlewareSink;
  /** The core REST middleware for a mount of ours (RestServer.mountedRestMiddleware: `req.url` is relative). */
  restMiddleware: RequestHandler;
  /** LB3 REST mount, e.g. '/api' (used while the app has no `loopback#rest` layer). */
  restApiRoot: string;
  /** Token step of `loopback#rest` (run when `lb3App.isAuthEnabled`). */
  tokenMiddleware: RequestHandler;
  /** Class mounts for the not-found messages. */
  mounts: () => ReadonlyArray<{ name: string; path: string }>;
  /** strong-remoting `handleUnknownPaths` (default true): false lets unknown REST paths fall through. */
  handleUnknownPaths?: boolean;
  /** How the core answers a failed REST request (RestServer.reject: written, or next(err) with `handleErrors: false`). */
  reject: Reject;
}

const STANDARD = new Set(['initial', 'session', 'auth', 'parse', 'routes', 'files', 'final']);

/** The core phase an LB3 layer runs in (undefined: express built-ins, skipped). */
export function corePhaseFor(phase: unknown, lb3Phases: readonly string[]): MiddlewarePhase | undefined {
  if (phase === undefined) return 'routes:before';
  if (typeof phase !== 'string') return undefined; // loopback's BUILTIN marker (query parser, expressInit)
  if (phase === 'final:after') return 'final';
  const m = /^(.+):(before|after)$/.exec(phase);
  const base = m ? m[1] : phase;
  if (STANDARD.has(base)) return phase as MiddlewarePhase;
  // custom phase: right after the nearest standard phase before it
  const ix = lb3Phases.indexOf(base);
  for (let i = ix - 1; i >= 0; i--) {
    if (STANDARD.has(lb3Phases[i])) return lb3Phases[i] === 'final' ? 'final' : (`${lb3Phases[i]}:after` as MiddlewarePhase);
  }
  return 'initial:before';
}

/** Installs and keeps in sync the LB3 app's middleware in the core. */
export class Lb3MiddlewareAdapter {
  readonly #opts: Lb3MiddlewareOptions;
  readonly #registered = new WeakSet<object>();
  #knownLength = -1;
  /** REST at restApiRoot for an app without a `loopback#rest` layer (off once it has one). */
  #fallbackRest = false;
  /** The `loopback#rest` replacement. */
  readonly restChain: RequestHandler;

  constructor(opts: Lb3MiddlewareOptions) {
    this.#opts = opts;
    this.restChain = this.#buildRestChain();
  }

  #router(): ExpressRouterLike {
    const app = this.#opts.lb3App;
    if (!app._router) app.lazyrouter();
    return app._router;
  }

  /** Register the prototype switch, every current LB3 layer, and the REST chain. */
  install(): void {
    const lb3App = this.#opts.lb3App;
    const router = this.#router();
    const request = lb3App.request;
    const response = lb3App.response;
    this.#opts.sink.middleware(
      (req: Request, res: Response, next: NextFunction) => {
        // as express does when LB3 serves: req.app / res.app are the LB3 app
        Object.setPrototypeOf(req, request);
        Object.setPrototypeOf(res, response);
        if (router.stack.length !== this.#knownLength) this.sync();
        next();
      },
      { phase: 'initial:before', name: 'lb3-app-context' },
    );
    if (!router.stack.some(isLoopbackRestLayer)) {
      // no `loopback#rest` in the app: REST at restApiRoot, first in `routes`
      this.#fallbackRest = true;
      const chain = this.restChain;
      this.#opts.sink.middleware((req: Request, res: Response, next: NextFunction) => (this.#fallbackRest ? chain(req, res, next) : next()), {
        phase: 'routes',
        path: this.#opts.restApiRoot,
        name: 'lb3-rest',
      });
    }
    this.sync();
  }

  /** Register LB3 layers added since the last call (boot scripts, late `app.use`). */
  sync(): void {
    const router = this.#router();
    const lb3Phases: string[] = this.#opts.lb3App._requestHandlingPhases || [];
    for (const layer of router.stack) {
      if (this.#registered.has(layer)) continue;
      this.#registered.add(layer);
      const phase = corePhaseFor(layer.phase, lb3Phases);
      if (phase === undefined) continue;
      const name = `lb3:${layer.name || '<anonymous>'}`;
      if (isLoopbackRestLayer(layer)) {
        // the app mounts REST itself from now on
        this.#fallbackRest = false;
        // the layer's own path matching, our chain as its handler
        const view: ExpressLayer = Object.create(layer, { handle: { value: this.restChain, writable: true } });
        this.#opts.sink.middleware((req: Request, res: Response, next: NextFunction) => runExpressLayer(view, router, undefined, req, res, next), {
          phase,
          name: 'lb3-rest',
        });
      } else if (layer.handle.length === 4) {
        this.#opts.sink.middleware((err: unknown, req: Request, res: Response, next: NextFunction) => runExpressLayer(layer, router, err, req, res, next), {
          phase,
          name,
        });
      } else {
        this.#opts.sink.middleware((req: Request, res: Response, next: NextFunction) => runExpressLayer(layer, router, undefined, req, res, next), {
          phase,
          name,
        });
      }
      debug('LB3 layer %s (phase %s) → core phase %s', name, String(layer.phase), phase);
    }
    this.#knownLength = router.stack.length;
  }

  /** token (with enableAuth) → core REST → LB3 not-found; errors go on to the app's error middleware. */
  #buildRestChain(): RequestHandler {
    const { lb3App, restMiddleware, tokenMiddleware, mounts, reject } = this.#opts;
    const handleUnknownPaths = this.#opts.handleUnknownPaths !== false;
    const notFound = (req: Request, res: Response, next: NextFunction): void => {
      if (!handleUnknownPaths) return next();
      reject(lb3Errors.noMethod(lb3NotFoundMessage(req.method, req.url, mounts())), req, res, next);
    };
    return function lb3RestChain(req: Request, res: Response, next: NextFunction): void {
      const afterRest = (err?: unknown) => (err ? next(err) : notFound(req, res, next));
      const rest = (err?: unknown) => (err ? next(err) : restMiddleware(req, res, afterRest));
      if (lb3App.isAuthEnabled) tokenMiddleware(req, res, rest);
      else rest();
    };
  }
}

/** The plain data the middleware adapter applies. */
export interface MiddlewarePlan {
  restApiRoot: string;
  /** strong-remoting `handleUnknownPaths`. */
  handleUnknownPaths?: boolean;
  /** LB3 router layers known at boot (later ones are picked up per request). */
  layers: number;
}

/**
 * load: the LB3 app's router and remoting options; compile: the plan above; apply: give req/res
 * the LB3 app's prototypes and install every layer plus the `loopback#rest` chain.
 */
export function middlewareAdapter(opts: {
  tokenMiddleware: RequestHandler;
  mounts: () => ReadonlyArray<{ name: string; path: string }>;
}): Lb3Adapter<{ layers: number; rest: { handleUnknownPaths?: boolean } }, MiddlewarePlan, Lb3MiddlewareAdapter> {
  return {
    kind: 'middleware',
    load({ lb3App }) {
      const remoting = lb3App.remotes().options || lb3App.get('remoting') || {};
      return { layers: lb3App._router ? lb3App._router.stack.length : 0, rest: remoting.rest || {} };
    },
    compile: (found, { restApiRoot }) => ({ restApiRoot, handleUnknownPaths: found.rest.handleUnknownPaths, layers: found.layers }),
    apply(plan, { lb3App, app, restServer }) {
      const middleware = new Lb3MiddlewareAdapter({
        lb3App,
        sink: app,
        restMiddleware: restServer.mountedRestMiddleware,
        restApiRoot: plan.restApiRoot,
        tokenMiddleware: opts.tokenMiddleware,
        mounts: opts.mounts,
        handleUnknownPaths: plan.handleUnknownPaths,
        reject: restServer.reject,
      });
      // req/res are born with the LB3 app's prototypes (req.app = the LB3 app), as express would set them
      restServer.setRequestPrototypes(lb3App.request, lb3App.response);
      middleware.install();
      return middleware;
    },
  };
}
