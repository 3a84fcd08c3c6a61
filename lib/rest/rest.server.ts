/**
 * The HTTP side of an application: an express 4 app assembled from
 * middleware phases, with the REST routes (find-my-way table + sequence)
 * mounted in phase `routes`, /openapi.json and /explorer next to them, and a
 * 404 + error writer at the end. Express defaults are kept on purpose
 * (X-Powered-By, weak ETag, extended query parser): LB3 clients see them.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { IncomingMessage, ServerResponse } from 'http';
import express from 'express';
import parseUrl from 'parseurl';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { AwilixContainer } from 'awilix';
import debugFactory from 'debug';
import { KEYS } from '../keys';
import { errors } from '../errors/http-error';
import { JsonErrorWriter } from '../errors/error-writer';
import type { ErrorWriter } from '../errors/error-writer';
import { buildOpenApiSpec } from '../openapi/openapi-builder';
import { explorerRouter } from './explorer';
import { buildBodyParser, hasBody } from './body-parsers';
import type { BodyParser, BodyParserOptions } from './body-parsers';
import { PhasedMiddlewareStack, phaseIndex } from './middleware-phases';
import type { MiddlewareEntry, MiddlewarePhase } from './middleware-phases';
import { RequestContext } from './request-context';
import { compileRoute, linkRoute, routeKey, type RouteExtensions } from './route-compiler';
import { RestRouter, type RouteMatch } from './router';
import { Sequence } from './sequence';
import { createNodeServer, requestClasses, type RequestClasses } from './node-server';
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
  /**
   * Node request listener (the express app). Works with any `http.Server`; {@link createServer}
   * gives a faster one.
   */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;

  readonly #deps: RestServerDeps;
  readonly #basePath: string;
  readonly #router: RestRouter;
  readonly #bodyParser: BodyParser | undefined;
  readonly #middleware: MiddlewareEntry[] = [];
  readonly #ids = new Set<string>();
  readonly #contributors: Array<() => Record<string, unknown>> = [];
  #extensions: Required<RouteExtensions> = { globalInterceptors: [], strategies: [], authorizers: [] };
  #app: express.Express | undefined;
  #stack: PhasedMiddlewareStack | undefined;
  #spec: Record<string, unknown> | undefined;
  #defaultErrorWriter: ErrorWriter | undefined;
  #server: http.Server | undefined;
  /** Servers created elsewhere that serve {@link handler} (LB3's own app.listen under `serve`); stop() drains them too. */
  readonly #attached = new Set<http.Server>();
  #nativeClasses: RequestClasses | undefined;
  #url: string | undefined;
  #stopping = false;
  #stopped: Promise<void> | undefined;

  constructor(deps: RestServerDeps) {
    this.#deps = deps;
    const options = { ...deps.options };
    this.#basePath = normalizeBasePath(options.basePath);
    this.options = Object.freeze({ ...options, basePath: this.#basePath });
    this.#router = new RestRouter(options.router);
    this.#bodyParser = options.bodyParser === false ? undefined : buildBodyParser(options.bodyParser);
    this.sequence = new Sequence({ errorWriter: () => this.#errorWriter(), handleErrors: options.handleErrors });
    this.restMiddleware = (req, res, next) => this.#restMiddleware(req, res, next);
    this.handler = (req, res) => {
      // While draining, answer with Connection: close so keep-alive clients go away.
      if (this.#stopping) res.setHeader('Connection', 'close');
      this.expressApp(req as Request, res as Response);
    };
    this.#registerBuiltInMiddleware();
  }

  /** Compile `spec` and add it to the route table (before or after start). */
  route<A = unknown[]>(spec: RouteSpec<A>): Route<A> {
    this.#refreshExtensions();
    const route = compileRoute(spec, { id: this.#uniqueId(routeKey(spec)), ...this.#extensions });
    this.#router.add(route);
    this.#ids.add(route.id);
    this.#spec = undefined;
    debug('route %s added', route.id);
    return route;
  }

  /** Remove a route by object or id; throws naming it when it is not registered. */
  removeRoute(route: Route | string): void {
    if (!this.#router.remove(route)) {
      throw new Error(`Cannot remove route "${typeof route === 'string' ? route : route.id}": it is not registered.`);
    }
    this.#ids.delete(typeof route === 'string' ? route : route.id);
    this.#spec = undefined;
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
    this.#contributors.push(fn);
    this.#spec = undefined;
  }

  /** Drop the cached OpenAPI document (a contributor's fragment changed); rebuilt on next use. */
  invalidateSpec(): void {
    this.#spec = undefined;
  }

  /** The OpenAPI document, cached until routes or contributors change. */
  openApiSpec(): Record<string, unknown> {
    if (this.#spec === undefined) {
      const openApi = this.options.openApi || {};
      this.#spec = buildOpenApiSpec(this.routes(), {
        title: openApi.title,
        version: openApi.version,
        basePath: this.#basePath,
        merge: this.#contributors.map((fn) => fn()),
      });
    }
    return this.#spec;
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
    if (this.#server !== undefined) return;
    this.#refreshExtensions();
    const server = this.createServer();
    const port = address.port ?? this.options.port ?? 3000;
    const host = address.host ?? this.options.host;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
    debug('listening at %s', this.#url);
  }

  /**
   * A node `http.Server` for {@link handler} whose requests and responses are created with the
   * prototypes express would give them ({@link setRequestPrototypes}), so express's per-request
   * `Object.setPrototypeOf` finds them already in place. A real prototype switch turns req/res
   * into slow objects for V8: every later property access on them pays (about 40 µs per request
   * with express alone, measured; docs/performance.md).
   */
  createServer(): http.Server {
    return createNodeServer(this.#classes(), this.handler);
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
    if (this.#nativeClasses !== undefined) {
      this.#nativeClasses.Request.prototype = request;
      this.#nativeClasses.Response.prototype = response;
    }
  }

  #classes(): RequestClasses {
    if (this.#nativeClasses === undefined) {
      const app = this.expressApp as unknown as { request: object; response: object };
      this.#nativeClasses = requestClasses(app.request, app.response);
    }
    return this.#nativeClasses;
  }

  /**
   * Serve from a server created elsewhere whose request listener runs {@link handler} (under
   * `serve`, the one LB3's own `app.listen()` made): {@link url} follows its address once it
   * listens, and {@link stop} drains it like its own.
   */
  attach(server: http.Server): void {
    this.#attached.add(server);
    const setUrl = () => {
      const address = server.address();
      if (this.#url === undefined && address !== null && typeof address === 'object') this.#url = `http://${urlHost(address.address)}:${address.port}`;
    };
    if (server.listening) setUrl();
    else server.once('listening', setUrl);
  }

  /**
   * Stop accepting connections, let in-flight requests finish, then close the
   * idle keep-alive sockets. After `stopTimeout` the remaining ones are cut.
   * Attached servers ({@link attach}) are drained too.
   */
  stop(): Promise<void> {
    if (this.#stopped !== undefined) return this.#stopped;
    const servers = [...(this.#server ? [this.#server] : []), ...[...this.#attached].filter((s) => s.listening)];
    this.#attached.clear();
    if (servers.length === 0) return Promise.resolve();
    this.#stopped = Promise.all(servers.map((server) => this.#drain(server))).then(() => undefined).finally(() => {
      this.#server = undefined;
      this.#url = undefined;
      this.#stopping = false;
      this.#stopped = undefined;
      debug('stopped');
    });
    return this.#stopped;
  }

  async #drain(server: http.Server): Promise<void> {
    this.#stopping = true;
    await new Promise<void>((resolve, reject) => {
      // A socket becomes idle when its response ends: keep sweeping until close() completes.
      const sweep = setInterval(() => server.closeIdleConnections(), 20);
      const force = setTimeout(() => server.closeAllConnections(), this.options.stopTimeout ?? 10_000);
      server.close((err) => {
        clearInterval(sweep);
        clearTimeout(force);
        if (err) reject(err);
        else resolve();
      });
      server.closeIdleConnections();
    });
  }

  /** e.g. http://127.0.0.1:34567 while started. */
  get url(): string | undefined {
    return this.#url;
  }

  // ------------------------------------------------------------------ internals

  #restMiddleware(req: Request, res: Response, next: NextFunction): void {
    const path = this.#relativePath(req);
    if (path === undefined) {
      next();
      return;
    }
    const parser = this.#bodyParser;
    if (parser !== undefined && hasBody(req)) {
      // As in LB3, the body is read (and may fail with 400/413) before the route is looked up.
      parser(req, res, (err?: unknown) => (err ? this.#failEarly(err, req, res, next) : this.#dispatch(req, res, next, path)));
      return;
    }
    if (parser !== undefined && req.body === undefined) req.body = {};
    this.#dispatch(req, res, next, path);
  }

  #dispatch(req: Request, res: Response, next: NextFunction, path: string): void {
    let match: RouteMatch | undefined;
    try {
      match = this.#router.lookup(req.method, path);
    } catch (err) {
      // a path parameter that is not valid percent-encoding: 400, as express answers it
      this.#failEarly(err, req, res, next);
      return;
    }
    if (match === undefined) {
      next();
      return;
    }
    void this.sequence.handle(new RequestContext(req, res, this.#deps.container, match, next));
  }

  /** Path to look up: express already stripped the mount path; when mounted at the root we strip basePath. */
  #relativePath(req: Request): string | undefined {
    const url = req.url;
    // an absolute-form target (`GET http://host/api/x`) routes on its path, as express does
    const path = url.charCodeAt(0) === 47 /* '/' */ ? pathOf(url) : (parseUrl(req)?.pathname ?? '/');
    const base = this.#basePath;
    if (base === '' || req.baseUrl) return path;
    const head = path.slice(0, base.length);
    const matches = this.options.router?.caseSensitive ? head === base : head.toLowerCase() === base.toLowerCase();
    if (!matches || (path.length > base.length && path[base.length] !== '/')) return undefined;
    return path.length === base.length ? '/' : path.slice(base.length);
  }

  #failEarly(err: unknown, req: Request, res: Response, next: NextFunction): void {
    if (this.options.handleErrors === false) next(err);
    else this.#errorWriter().write(err, req, res);
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
      // A path-mounted plain handler: an express.Router here would cost every request a router pass.
      const serveSpec: RequestHandler = (req, res, next) => {
        const exact = req.url === '/' || req.url.startsWith('/?');
        if (exact && (req.method === 'GET' || req.method === 'HEAD')) res.json(this.openApiSpec());
        else next();
      };
      this.middleware(serveSpec, { phase: extrasPhase, path: specPath, name: 'openapi' });
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

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function normalizeBasePath(basePath: string | undefined): string {
  if (!basePath || basePath === '/') return '';
  const withSlash = basePath.startsWith('/') ? basePath : `/${basePath}`;
  return withSlash.replace(/\/+$/, '');
}

function urlHost(host: string | undefined): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
