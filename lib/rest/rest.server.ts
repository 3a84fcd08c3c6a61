/**
 * The HTTP side of an application: an express 4 app assembled from
 * middleware phases, with the REST handler (find-my-way table + sequence,
 * rest-handler.ts) mounted in phase `routes`, /openapi.json
 * (openapi-endpoint.ts) and /explorer next to them, and a 404 + error writer
 * at the end; listening is http-server.ts. Express defaults are kept on
 * purpose (X-Powered-By, weak ETag, extended query parser): LB3 clients see them.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import type http from 'http';
import express from 'express';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { AwilixContainer } from 'awilix';
import debugFactory from 'debug';
import { KEYS } from '../keys';
import { errors } from '../errors/http-error';
import { JsonErrorWriter } from '../errors/error-writer';
import type { ErrorWriter } from '../errors/error-writer';
import { explorerRouter } from './explorer';
import { buildBodyParser } from './body-parsers';
import type { BodyParserOptions } from './body-parsers';
import { HttpServer } from './http-server';
import { PhasedMiddlewareStack, phaseIndex } from './middleware-phases';
import type { MiddlewareEntry, MiddlewarePhase } from './middleware-phases';
import { OpenApiEndpoint } from './openapi-endpoint';
import { buildReject, type Reject } from './reject';
import { buildRestHandler } from './rest-handler';
import { compileRoute, linkRoute, routeKey, type RouteExtensions } from './route-compiler';
import { RestRouter } from './router';
import { Sequence } from './sequence';
import type { AuthenticationStrategy, Authorizer, Interceptor, Route, RouteSpec } from './types';

export { MIDDLEWARE_PHASES } from './middleware-phases';
export type { MiddlewarePhase } from './middleware-phases';

const debug = debugFactory('lb3-shim:rest:server');

export interface RestServerOptions {
  /** Listen port (default 3000; 0 = a free port). */
  port?: number;
  /** Listen host (default: all interfaces). */
  host?: string;
  /** Prefix of all routes ('' default; compat uses '/api'). */
  basePath?: string;
  /** Error stacks and all error properties in responses (strong-error-handler `debug`). */
  debug?: boolean;
  /** Path matching; defaults are express-like: case-insensitive, trailing and duplicate slashes ignored. */
  router?: { caseSensitive?: boolean; ignoreTrailingSlash?: boolean; ignoreDuplicateSlashes?: boolean };
  /** Body parsing of REST requests (false = none). */
  bodyParser?: false | BodyParserOptions;
  /** The OpenAPI document (default path '/openapi.json', outside basePath). */
  openApi?: false | { path?: string; title?: string; version?: string };
  /** swagger-ui (default path '/explorer'); needs `openApi`. */
  explorer?: false | { path?: string };
  /** Phase of /openapi.json and /explorer (default 'routes'; compat puts them after every app route so they never hide one). */
  extrasPhase?: MiddlewarePhase;
  /** Default true: the REST sequence is mounted in phase 'routes' under basePath. */
  mountRest?: boolean;
  /** Default true: a final 404 (errors.routeNotFound) for requests nothing answered. */
  notFound?: boolean;
  /**
   * Default true: REST errors are written by the ErrorWriter at once. false: they go to express
   * `next(err)` first, so error middleware in the final phases sees them (LB3 `remoting.rest.handleErrors`).
   */
  handleErrors?: boolean;
  /** stop(): milliseconds to wait for in-flight requests before cutting their connections (default 10000). */
  stopTimeout?: number;
}

export interface RestServerDeps {
  /** Root container (per-request scopes are created from it). */
  container: AwilixContainer;
  options?: RestServerOptions;
  /** Called at compile time (start, and on every route change) to get global extension lists. */
  globalInterceptors: () => Interceptor[];
  strategies: () => AuthenticationStrategy[];
  authorizers: () => Authorizer[];
}

export class RestServer {
  readonly options: Readonly<RestServerOptions>;
  readonly sequence: Sequence;
  /** The express middleware that runs the sequence for basePath routes; calls next() on a route miss. */
  readonly restMiddleware: RequestHandler;
  /** How this server answers a failed request (write now, or `next(err)` with `handleErrors: false`); compat rejects through it too. */
  readonly reject: Reject;
  /**
   * {@link restMiddleware} for a caller that mounted it itself (at basePath or elsewhere, `/`
   * included): `req.url` is already relative to the REST root, basePath is not stripped.
   */
  readonly mountedRestMiddleware: RequestHandler;
  /**
   * Node request listener (the express app). Works with any `http.Server`; {@link createServer}
   * gives a faster one.
   */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;

  readonly #deps: RestServerDeps;
  readonly #basePath: string;
  readonly #router: RestRouter;
  readonly #middleware: MiddlewareEntry[] = [];
  readonly #ids = new Set<string>();
  readonly #openApi: OpenApiEndpoint;
  readonly #http: HttpServer;
  #extensions: Required<RouteExtensions> = { globalInterceptors: [], strategies: [], authorizers: [] };
  #app: express.Express | undefined;
  #stack: PhasedMiddlewareStack | undefined;
  #defaultErrorWriter: ErrorWriter | undefined;

  constructor(deps: RestServerDeps) {
    this.#deps = deps;
    const options = { ...deps.options };
    this.#basePath = normalizeBasePath(options.basePath);
    this.options = Object.freeze({ ...options, basePath: this.#basePath });
    this.#router = new RestRouter(options.router);
    this.reject = buildReject({ errorWriter: () => this.#errorWriter(), handleErrors: options.handleErrors });
    this.sequence = new Sequence({ reject: this.reject });
    const handlerOptions = {
      basePath: this.#basePath,
      caseSensitive: options.router?.caseSensitive,
      bodyParser: options.bodyParser === false ? undefined : buildBodyParser(options.bodyParser),
      router: this.#router,
      sequence: this.sequence,
      container: deps.container,
      reject: this.reject,
    };
    this.restMiddleware = buildRestHandler(handlerOptions);
    this.mountedRestMiddleware = buildRestHandler({ ...handlerOptions, basePath: '' });
    const openApi = options.openApi || {};
    this.#openApi = new OpenApiEndpoint({ routes: () => this.routes(), basePath: this.#basePath, title: openApi.title, version: openApi.version });
    this.#http = new HttpServer({ listener: (req, res) => this.handler(req, res), prototypes: () => this.#prototypes(), stopTimeout: options.stopTimeout });
    this.handler = (req, res) => {
      // While draining, answer with Connection: close so keep-alive clients go away.
      if (this.#http.stopping) res.setHeader('Connection', 'close');
      this.expressApp(req as Request, res as Response);
    };
    this.#registerBuiltInMiddleware();
  }

  /** Compile `spec` and add it to the route table (before or after start); throws naming a malformed or rejected route. */
  route<A = unknown[]>(spec: RouteSpec<A>): Route<A> {
    this.#refreshExtensions();
    const route = compileRoute(spec, { id: this.#uniqueId(routeKey(spec)), ...this.#extensions });
    this.#router.add(route);
    this.#ids.add(route.id);
    this.#openApi.invalidate();
    debug('route %s added', route.id);
    return route;
  }

  /** Remove a route by object or id; throws naming it when it is not registered. */
  removeRoute(route: Route | string): void {
    if (!this.#router.remove(route)) {
      throw new Error(`Cannot remove route "${typeof route === 'string' ? route : route.id}": it is not registered.`);
    }
    this.#ids.delete(typeof route === 'string' ? route : route.id);
    this.#openApi.invalidate();
    this.#refreshExtensions();
  }

  routes(): readonly Route[] {
    return this.#router.routes();
  }

  /** Add express middleware (incl. 4-arg error middleware) in a phase; within a phase, registration order. */
  middleware(handler: RequestHandler | ErrorRequestHandler, opts: { phase: MiddlewarePhase; path?: string; name?: string }): void {
    phaseIndex(opts.phase); // fail now, naming the phase
    if (typeof handler !== 'function') throw new TypeError(`Middleware ${opts.name ?? ''} for phase "${opts.phase}" is not a function.`);
    const entry: MiddlewareEntry = { handler, phase: opts.phase, path: opts.path, name: opts.name };
    this.#middleware.push(entry);
    this.#stack?.add(entry);
  }

  /** Contribute extra OpenAPI fragments merged into /openapi.json (compat adds the LB3 spec). */
  addSpecContributor(fn: () => Record<string, unknown>): void {
    this.#openApi.addContributor(fn);
  }

  /** Drop the cached OpenAPI document (a contributor's fragment changed); rebuilt on next use. */
  invalidateSpec(): void {
    this.#openApi.invalidate();
  }

  /** The OpenAPI document, cached until routes or contributors change. */
  openApiSpec(): Record<string, unknown> {
    return this.#openApi.document();
  }

  /** The express app, built on first access. */
  get expressApp(): express.Express {
    return this.#app ?? this.#buildApp();
  }

  /** Re-read the global interceptor, strategy and authorizer lists (start and route changes do this too). */
  refresh(): void {
    this.#refreshExtensions();
  }

  /**
   * Listen on `address` (default: `options.port` (3000) / `options.host`); port 0 picks a free
   * port. Sets {@link url}. Does nothing when already started.
   */
  async start(address: { port?: number; host?: string } = {}): Promise<void> {
    this.#refreshExtensions();
    await this.#http.start(address.port ?? this.options.port ?? 3000, address.host ?? this.options.host);
  }

  /** A node `http.Server` for {@link handler} whose req/res are born with express's prototypes (see http-server.ts). */
  createServer(): http.Server {
    return this.#http.createServer();
  }

  /**
   * The prototypes express gives req/res (default: the express app's own `request`/`response`).
   * Objects made from them must chain to express's request/response (an express app's
   * `app.request`/`app.response` do). Servers from {@link createServer} create their req/res with them.
   */
  setRequestPrototypes(request: object, response: object): void {
    const app = this.expressApp as unknown as { request: object; response: object };
    app.request = request;
    app.response = response;
    this.#http.setPrototypes({ request, response });
  }

  /**
   * Serve from a server created elsewhere whose request listener runs {@link handler} (under
   * `serve`, the one LB3's own `app.listen()` made): {@link url} follows its address once it
   * listens, and {@link stop} drains it like its own.
   */
  attach(server: http.Server): void {
    this.#http.attach(server);
  }

  /** Stop accepting connections (own and attached servers), let in-flight requests finish (up to `stopTimeout`), then close the sockets. */
  stop(): Promise<void> {
    return this.#http.stop();
  }

  /** e.g. http://127.0.0.1:34567 while started. */
  get url(): string | undefined {
    return this.#http.url;
  }

  // ------------------------------------------------------------------ internals

  #prototypes(): { request: object; response: object } {
    const app = this.expressApp as unknown as { request: object; response: object };
    return { request: app.request, response: app.response };
  }

  #errorWriter(): ErrorWriter {
    const container = this.#deps.container;
    if (container.hasRegistration(KEYS.ERROR_WRITER)) return container.resolve<ErrorWriter>(KEYS.ERROR_WRITER);
    return (this.#defaultErrorWriter ??= new JsonErrorWriter({ debug: this.options.debug }));
  }

  #registerBuiltInMiddleware(): void {
    const { openApi, explorer, mountRest, notFound } = this.options;
    const extrasPhase = this.options.extrasPhase ?? 'routes';
    if (openApi !== false) {
      const specPath = openApi?.path ?? '/openapi.json';
      this.middleware(this.#openApi.middleware(), { phase: extrasPhase, path: specPath, name: 'openapi' });
      if (explorer !== false) {
        const explorerPath = explorer?.path ?? '/explorer';
        this.middleware(explorerRouter({ specUrl: specPath, title: openApi?.title }), { phase: extrasPhase, path: explorerPath, name: 'explorer' });
      }
    }
    if (mountRest !== false) {
      this.middleware(this.restMiddleware, { phase: 'routes', path: this.#basePath || undefined, name: 'rest' });
    }
    if (notFound !== false) {
      this.middleware((req: Request, _res: Response, next: NextFunction) => next(errors.routeNotFound(req.method, req.path)), {
        phase: 'final',
        name: 'notFound',
      });
    }
    // the last resort: whatever reached the end of the final phase is written, whatever handleErrors says
    const writeError: ErrorRequestHandler = (err, req, res, _next) => this.#errorWriter().write(err, req, res);
    this.middleware(writeError, { phase: 'final:after', name: 'errorWriter' });
  }

  #buildApp(): express.Express {
    const app = express();
    const stack = new PhasedMiddlewareStack(app);
    for (const entry of this.#middleware) stack.add(entry);
    this.#app = app;
    this.#stack = stack;
    return app;
  }

  /** Re-read the extension lists; when one changed, relink every route with them (a route an authorizer rejects throws). */
  #refreshExtensions(): void {
    const current = this.#extensions;
    const globals = this.#deps.globalInterceptors();
    const strategies = this.#deps.strategies();
    const authorizers = this.#deps.authorizers();
    if (sameItems(globals, current.globalInterceptors) && sameItems(strategies, current.strategies) && sameItems(authorizers, current.authorizers)) return;
    this.#extensions = { globalInterceptors: [...globals], strategies: [...strategies], authorizers: [...authorizers] };
    for (const route of this.#router.routes()) linkRoute(route, this.#extensions);
  }

  #uniqueId(key: string): string {
    const taken = this.#ids;
    if (!taken.has(key)) return key;
    let n = 2;
    while (taken.has(`${key} #${n}`)) n++;
    return `${key} #${n}`;
  }
}

function normalizeBasePath(basePath: string | undefined): string {
  if (!basePath || basePath === '/') return '';
  const withSlash = basePath.startsWith('/') ? basePath : `/${basePath}`;
  return withSlash.replace(/\/+$/, '');
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
