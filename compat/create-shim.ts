/**
 * createShim: load an LB3 app and serve it from a core Application.
 *
 *   request ─► core express app
 *     initial:before  req/res get the LB3 app's prototypes (req.app = LB3 app)
 *     initial         /openapi.json waits for a pending LB3 spec refresh
 *     every phase     the LB3 app's own middleware layers, in LB3's phase order (middleware.adapter.ts)
 *     loopback#rest   slot: token (enableAuth) → RestServer.restMiddleware (LB3 routes, core sequence)
 *                     → LB3 not-found ("There is no method to handle ...")
 *
 * LB3 routes run ACL as a core Authorizer (acl.authorizer.ts), remote hooks as
 * a route interceptor + onError (remote-hooks.adapter.ts), and expose the
 * access token as the core principal (access-token.adapter.ts).
 */
import debugFactory from 'debug';
import type { IncomingMessage, ServerResponse } from 'http';
import type { NextFunction, Request, Response } from 'express';
import { Application } from '../lib/application';
import type { ErrorWriter } from '../lib/errors/error-writer';
import { KEYS } from '../lib/keys';
import type { RestServerOptions } from '../lib/rest/rest.server';
import { loadLb3App, type Lb3AppSource } from './boot/app-loader';
import { Lb3BootError } from './boot/boot-errors';
import { bindLb3DataSources } from './models/datasource.adapter';
import { readErrorHandlerConfig } from './middleware/error-handler-config';
import { StrongErrorWriter, type StrongErrorHandlerOptions } from './middleware/strong-error.writer';
import { watchLb3App } from './models/live-updates';
import { bindLb3Model, bindLb3Models } from './models/model.adapter';
import { assertTokenModel, hasLoopbackTokenMiddleware, lb3AccessTokenStrategy, lb3TokenMiddleware } from './security/access-token.adapter';
import { Lb3AclAuthorizer } from './security/acl.authorizer';
import { Lb3MiddlewareAdapter } from './middleware/middleware.adapter';
import { Lb3RemoteHooks } from './remoting/remote-hooks.adapter';
import { RemotingPhases } from './remoting/remoting-phases';
import { Lb3OpenApi } from './openapi/openapi.adapter';
import { RemoteRoutesAdapter } from './routes/remote-routes.adapter';
import { defaultRemotingKit, type RemotingKit } from './remoting/remoting-kit';
import { readMigrationConfig, type MigrationConfig } from './migration/migration-config';
import { NativeModels } from './migration/native-models';

const debug = debugFactory('lb3-shim:compat:create-shim');

export interface ShimOptions {
  /** Listen port (default: the app's `port` setting, i.e. PORT env or config.json, else 3000). */
  port?: number;
  /** Listen host (default: the app's `host` setting). */
  host?: string;
  /** Max wait for the LB3 app to boot, ms (default 30000). */
  bootTimeout?: number;
  /** strong-error-handler options (default: read from the app's middleware config). */
  errorHandler?: StrongErrorHandlerOptions;
  /** NODE_ENV used to pick `middleware.<env>.json` (default NODE_ENV or 'development'). */
  env?: string;
  /** Native models and switches (default: `<app>/lb3-shim.json` + LB3_SHIM_CONFIG / LB3_SHIM_MODELS; see docs/migration.md). */
  migration?: MigrationConfig | false;
  /**
   * Serve the API explorer at /explorer (stock LB3 has none unless the app mounts
   * loopback-component-explorer). Default: on, except when the env is 'production'. Needs `openApi`.
   */
  explorer?: boolean;
  /** Serve the OpenAPI 3 document at /openapi.json (stock LB3 has none). Default: on, except when the env is 'production'. */
  openApi?: boolean;
  /** Run the app's script as the main module, as `node server/server.js` would (see serveLb3App). Default false. */
  asMain?: boolean;
  /** @internal test seam: the strong-remoting semantics (default compat/remoting). */
  remotingKit?: RemotingKit;
}

/** A served LB3 app. */
export interface Shim {
  /** Node request handler of the whole app (for supertest or your own server). */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** A node server running {@link handler}, faster than `http.createServer(shim.handler)` (start() uses it). */
  createServer(): import('http').Server;
  /** Listen (port/host override the ones given to createShim). */
  start(opts?: { port?: number; host?: string }): Promise<void>;
  /** Stop listening (in-flight requests finish) and unsubscribe from the LB3 app. */
  stop(): Promise<void>;
  /** The core application. */
  readonly app: Application;
  /** The LB3 application. */
  readonly lb3App: any;
  /** e.g. http://127.0.0.1:3000 while started. */
  readonly url: string | undefined;
  /** Absolute app directory (undefined for an in-memory app). */
  readonly appDir?: string;
  /** REST mount of the LB3 API, e.g. '/api'. */
  readonly restApiRoot: string;
  /** Where the OpenAPI document is served ('/openapi.json'), undefined when it is off. */
  readonly openApiPath?: string;
  /** Where the API explorer is served ('/explorer'), undefined when it is off. */
  readonly explorerPath?: string;
  /** Resolves when /openapi.json reflects the latest LB3 change. */
  ready(): Promise<void>;
  /** The migrated (native) models, their routes and switch counters; undefined when none is configured. */
  readonly migration?: NativeModels;
}

/** Load (and boot) an LB3 app and build the core application serving it. Rejects with `Lb3BootError`. */
export async function createShim(source: Lb3AppSource, opts: ShimOptions = {}): Promise<Shim> {
  const { lb3App, appDir, packages } = await loadLb3App(source, { bootTimeout: opts.bootTimeout, asMain: opts.asMain });
  if (lb3App.isAuthEnabled) {
    try {
      assertTokenModel(lb3App);
    } catch (err) {
      throw new Lb3BootError({ appDir, reason: (err as Error).message, cause: err });
    }
  }
  const restApiRoot: string = lb3App.get('restApiRoot') || '/api';
  // strong-remoting reads its options from the object captured when app.remotes() was first created
  const remoting = lb3App.remotes().options || lb3App.get('remoting') || {};
  const remotingRest = remoting.rest || {};
  // strong-remoting's default is true; generated apps set false (errors go on to the app's error middleware)
  const handleErrors = remotingRest.handleErrors !== false;
  const jsonLimit = remoting.json?.limit || '100kb';
  const urlencodedLimit = remoting.urlencoded?.limit || '100kb';
  const explicitPort = opts.port;
  // extras stock LB3 does not have: on in development, off in production, each with a switch (docs/differences.md)
  const development = (opts.env ?? process.env.NODE_ENV ?? 'development') !== 'production';
  const openApiOn = opts.openApi ?? development;
  const explorerOn = openApiOn && (opts.explorer ?? development);

  const restOptions: RestServerOptions = {
    port: opts.port ?? numberOr(lb3App.get('port'), 3000),
    host: opts.host ?? (lb3App.get('host') || undefined),
    basePath: restApiRoot,
    bodyParser: {
      // strong-remoting: `remoting.json || { strict: false }` (body-parser's default strict is true)
      json: { limit: jsonLimit, strict: remoting.json ? remoting.json.strict !== false : false },
      urlencoded: { limit: urlencodedLimit, extended: remoting.urlencoded?.extended ?? true },
    },
    router: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    openApi: openApiOn ? {} : false,
    explorer: explorerOn ? {} : false,
    // after every app middleware: an app route at /openapi.json or /explorer wins
    extrasPhase: 'final:before',
    notFound: false,
    mountRest: false,
    handleErrors,
  };
  const app = new Application({ name: lb3App.get('name') || 'lb3-shim', rest: restOptions });
  const restServer = app.restServer;

  // REST errors are written by strong-remoting's own handler (remoting.errorHandler) when handleErrors is on;
  // otherwise this writer only answers what the app's error middleware left unhandled.
  const errorWriterOptions = opts.errorHandler ?? (handleErrors ? { ...(remoting.errorHandler || {}) } : readErrorHandlerConfig(appDir, opts.env));
  const errorWriter: ErrorWriter = new StrongErrorWriter({
    lb3App,
    handleErrors,
    options: errorWriterOptions,
    strongErrorHandler: packages.load('strong-error-handler'),
  });
  app.bind(KEYS.ERROR_WRITER, { value: errorWriter });

  bindLb3DataSources(lb3App, app);
  bindLb3Models(lb3App, app);

  const phases = new RemotingPhases(lb3App.remotes());
  const hooks = new Lb3RemoteHooks({ lb3App, phases });
  // the principal comes from req.accessToken, which only LB3's token middleware sets
  if (lb3App.isAuthEnabled || hasLoopbackTokenMiddleware(lb3App)) app.authenticationStrategy(lb3AccessTokenStrategy);
  // the authorize step of every LB3 route (strong-remoting's `auth` phase: a no-op until enableAuth());
  // the app's own loopback module (lb3App.loopback) is the reference for what a stock ACL check is
  const acl = new Lb3AclAuthorizer({
    lb3App,
    phases,
    loopback: lb3App.isAuthEnabled ? lb3App.loopback : undefined,
    nativeRoutes: !!lb3App.isAuthEnabled,
  });
  app.authorizer(acl);

  const migrationConfig = opts.migration === false ? undefined : opts.migration ?? readMigrationConfig(appDir);
  const migration = migrationConfig ? new NativeModels({ lb3App, app, appDir, config: migrationConfig }) : undefined;
  const routes = new RemoteRoutesAdapter({ lb3App, sink: restServer, kit: opts.remotingKit ?? defaultRemotingKit({ strongRemotingDir: packages.resolved['strong-remoting'].dir }), hooks, owner: migration });
  routes.syncAll();

  // built on the first /openapi.json request (or shim.ready()), not at boot
  const spec = new Lb3OpenApi({ lb3App, basePath: restApiRoot, onDocument: () => restServer.invalidateSpec() });
  restServer.addSpecContributor(spec.contributor);
  // after LB3's document: a native model's routes are listed once, from its controller
  if (migration) restServer.addSpecContributor(() => migration.openApiFragment(restApiRoot));
  const specPath = (restServer.options.openApi || {}).path ?? '/openapi.json';
  if (restServer.options.openApi !== false) {
    app.middleware((_req: Request, _res: Response, next: NextFunction) => void spec.ready().then(() => next(), next), {
      phase: 'initial',
      path: specPath,
      name: 'lb3-spec-ready',
    });
  }

  const middleware = new Lb3MiddlewareAdapter({
    lb3App,
    sink: app,
    restMiddleware: restServer.restMiddleware,
    restApiRoot,
    tokenMiddleware: lb3TokenMiddleware(lb3App, { app: lb3App }),
    mounts: () => routes.classMounts(),
    handleErrors,
    handleUnknownPaths: remotingRest.handleUnknownPaths,
    errorWriter: () => app.resolve<ErrorWriter>(KEYS.ERROR_WRITER),
  });
  // req/res are born with the LB3 app's prototypes (req.app = the LB3 app), as express would set them
  restServer.setRequestPrototypes(lb3App.request, lb3App.response);
  middleware.install();

  const unwatch = watchLb3App(lb3App, {
    modelRemoted(sc) {
      acl.reset();
      if (sc && sc.ctor) bindLb3Model(sc.ctor, app);
      routes.syncAll();
      spec.invalidate();
    },
    classChanged(sc) {
      acl.reset();
      routes.rebuildClass(sc && sc.name ? sc.name : sc);
      spec.invalidate();
    },
    modelDeleted() {
      routes.syncAll();
      spec.invalidate();
    },
  });

  debug('shim ready for %s (REST at %s, %d routes)', appDir ?? 'in-memory app', restApiRoot, restServer.routes().length);

  const shim: { -readonly [K in keyof Shim]: Shim[K] } = {
    handler: app.handler,
    createServer: () => app.createServer(),
    app,
    lb3App,
    appDir,
    restApiRoot,
    openApiPath: openApiOn ? specPath : undefined,
    explorerPath: explorerOn ? '/explorer' : undefined,
    get url() {
      return restServer.url;
    },
    async start(startOpts = {}) {
      await app.start({ port: startOpts.port ?? explicitPort ?? restServer.options.port, host: startOpts.host ?? restServer.options.host });
    },
    async stop() {
      unwatch();
      await app.stop();
    },
    ready: () => spec.ready(),
    migration,
  };
  return shim;
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}
