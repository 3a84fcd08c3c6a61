/**
 * createShim: load an LB3 app and serve it from a core Application.
 *
 *   load the app with its own loopback-boot (boot/app-loader.ts) → a core Application configured
 *   from the app's remoting options → the error writer → the adapters, each load → compile →
 *   apply (compat/adapter.ts): datasources, models, remote hooks, access tokens, ACLs, remote
 *   routes, OpenAPI, middleware → live updates (models/live-updates.ts).
 *
 *   request ─► core express app
 *     initial:before  req/res get the LB3 app's prototypes (req.app = LB3 app)
 *     initial         /openapi.json waits for a pending LB3 spec refresh
 *     every phase     the LB3 app's own middleware layers, in LB3's phase order (middleware.adapter.ts)
 *     loopback#rest   slot: token (enableAuth) → RestServer.restMiddleware (LB3 routes, core sequence)
 *                     → LB3 not-found ("There is no method to handle ...")
 *
 * LB3 routes run ACL as the sequence's authorize step (acl.authorizer.ts), remote hooks as
 * a route interceptor + onError (remote-hooks.adapter.ts), and expose the access token as
 * the core principal (access-token.adapter.ts). The request path: docs/architecture.md.
 */
import debugFactory from 'debug';
import type { IncomingMessage, ServerResponse } from 'http';
import { Application } from '../lib/application';
import type { ErrorWriter } from '../lib/errors/error-writer';
import { KEYS } from '../lib/keys';
import type { RestServerOptions } from '../lib/rest/rest.server';
import { loadLb3App, type Lb3AppSource } from './boot/app-loader';
import { Lb3BootError } from './boot/boot-errors';
import { runAdapter, type ShimBuild } from './adapter';
import { Lb3ConfigError } from './errors/lb3-errors';
import { readErrorHandlerConfig } from './middleware/error-handler-config';
import { StrongErrorWriter, type StrongErrorHandlerOptions } from './middleware/strong-error.writer';
import { middlewareAdapter } from './middleware/middleware.adapter';
import { dataSourcesAdapter } from './models/datasource.adapter';
import { watchLb3App } from './models/live-updates';
import { bindLb3Model, modelsAdapter } from './models/model.adapter';
import { Lb3OpenApi, openApiAdapter } from './openapi/openapi.adapter';
import { remoteHooksAdapter } from './remoting/remote-hooks.adapter';
import { findRestMounts } from './middleware/rest-mounts';
import { defaultRemotingKit, type RemotingKit } from './remoting/remoting-kit';
import { readMigrationConfig, type MigrationConfig } from './migration/migration-config';
import { NativeModels } from './migration/native-models';
import { RemotingPhases } from './remoting/remoting-phases';
import { RemoteRoutesAdapter, remoteRoutesAdapter } from './routes/remote-routes.adapter';
import { accessTokenAdapter } from './security/access-token.adapter';
import { aclAdapter, Lb3AclAuthorizer } from './security/acl.authorizer';
import { assertDataSourcesConnect, guardDataSourceFaults } from './models/datasource-faults';
import { hardensRequests, resolveHardening, type Hardening, type HardenOption } from './security/hardening';
import { Lb3HardeningAuthorizer } from './security/hardening.authorizer';

const debug = debugFactory('lb3-shim:compat:create-shim');

/** Bodies nested deeper answer 400 BODY_TOO_DEEP (stock LB3 crashes from about 6000 levels; it answers normally at 5000). */
export const MAX_BODY_DEPTH = 5000;

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
  /**
   * Opt-in hardening of LB3's known holes (docs/hardening.md): `true` for every switch, or
   * `{ include, filterLimits, regexp, prototypeKeys, boot }`. Default off: answers as stock LB3.
   */
  harden?: HardenOption;
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
  /** REST mount of the LB3 API, e.g. '/api' ('/' for `app.use(loopback.rest())`; the first one when there are several). */
  readonly restApiRoot: string;
  /** Where the OpenAPI document is served ('/openapi.json'), undefined when it is off. */
  readonly openApiPath?: string;
  /** Where the API explorer is served ('/explorer'), undefined when it is off. */
  readonly explorerPath?: string;
  /** Every path the app mounts `loopback.rest()` at (restApiRoot alone for an app without one). */
  readonly restMounts: readonly string[];
  /** Resolves when /openapi.json reflects the latest LB3 change. */
  ready(): Promise<void>;
  /** The migrated (native) models, their routes and switch counters; undefined when none is configured. */
  readonly migration?: NativeModels;
}

/** Load (and boot) an LB3 app and build the core application serving it. Rejects with `Lb3BootError`. */
export async function createShim(source: Lb3AppSource, opts: ShimOptions = {}): Promise<Shim> {
  const { lb3App, appDir, packages } = await loadLb3App(source, { bootTimeout: opts.bootTimeout, asMain: opts.asMain });
  // REST is where the app mounts loopback.rest(); restApiRoot (or '/api') when it mounts none
  const configuredRoot: string = lb3App.get('restApiRoot') || '/api';
  const mounts = findRestMounts(lb3App);
  const restApiRoot: string = mounts.includes(configuredRoot) ? configuredRoot : (mounts[0] ?? configuredRoot);
  const restMounts: readonly string[] = mounts.length > 0 ? mounts : [restApiRoot];
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
      // stock LB3 dies of a stack overflow on bodies nested ~6000 deep (juggler's traverse): 400 instead
      maxDepth: MAX_BODY_DEPTH,
      // an array with a non-object item: strong-remoting answers 400 "Some of array items are not an object." without walking it
      depthExempt: (body) => Array.isArray(body) && body.some((item) => item === null || typeof item !== 'object' || Array.isArray(item)),
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

  const build: ShimBuild = { lb3App, app, restServer, restApiRoot, phases: new RemotingPhases(lb3App.remotes()) };
  const migrationConfig = opts.migration === false ? undefined : (opts.migration ?? readMigrationConfig(appDir));
  const hardening = resolveHardening(opts.harden);
  const { routes, spec, acl, migration } = namingMisconfiguration(appDir, () =>
    applyAdapters(build, {
      kit: opts.remotingKit ?? defaultRemotingKit({ strongRemotingDir: packages.resolved['strong-remoting'].dir }),
      appDir,
      migrationConfig,
      hardening,
    }),
  );
  // boot hardening: a datasource that cannot connect now fails the boot (the fault guard is already listening)
  if (hardening.boot) await assertDataSourcesConnect(lb3App, appDir);

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

  debug('shim ready for %s (REST at %j, %d routes)', appDir ?? 'in-memory app', restMounts, restServer.routes().length);

  const shim: { -readonly [K in keyof Shim]: Shim[K] } = {
    handler: app.handler,
    createServer: () => app.createServer(),
    app,
    lb3App,
    appDir,
    restApiRoot,
    openApiPath: openApiOn ? ((restServer.options.openApi || {}).path ?? '/openapi.json') : undefined,
    explorerPath: explorerOn ? '/explorer' : undefined,
    restMounts,
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

/** What createShim keeps of the adapters for live updates and the Shim object. */
interface AppliedAdapters {
  routes: RemoteRoutesAdapter;
  spec: Lb3OpenApi;
  acl: Lb3AclAuthorizer;
  migration?: NativeModels;
}

/** The adapters, in the order their artifacts are registered with the core (compat/adapter.ts). */
function applyAdapters(
  build: ShimBuild,
  opts: { kit: RemotingKit; appDir?: string; migrationConfig?: MigrationConfig; hardening: Hardening },
): AppliedAdapters {
  runAdapter(dataSourcesAdapter, build);
  // a database restart must not kill the process (stock LB3 dies on the unhandled 'error' event)
  guardDataSourceFaults(build.lb3App);
  runAdapter(modelsAdapter, build);
  const hooks = runAdapter(remoteHooksAdapter, build);
  const tokenMiddleware = runAdapter(accessTokenAdapter, build);
  const acl = runAdapter(aclAdapter, build);
  // after the ACL: sees the coerced filter and the caller's token (docs/hardening.md)
  if (hardensRequests(opts.hardening)) build.app.authorizer(new Lb3HardeningAuthorizer({ lb3App: build.lb3App, hardening: opts.hardening }));
  // migrated models take their LB3 route slots (compat/migration/native-models.ts)
  const { lb3App, app } = build;
  const migration = opts.migrationConfig ? new NativeModels({ lb3App, app, appDir: opts.appDir, config: opts.migrationConfig }) : undefined;
  const routes = runAdapter(remoteRoutesAdapter({ kit: opts.kit, hooks, owner: migration }), build);
  const spec = runAdapter(openApiAdapter, build);
  // after LB3's document: a native route in an LB3 slot keeps LB3's operation; only native routes LB3 does not list come from their controller
  if (migration) build.restServer.addSpecContributor(() => migration.openApiFragment(build.restApiRoot, spec.document));
  runAdapter(middlewareAdapter({ tokenMiddleware, mounts: () => routes.classMounts() }), build);
  return { routes, spec, acl, migration };
}

/** Misconfiguration an adapter found (an Lb3ConfigError naming it) becomes the Lb3BootError createShim rejects with. */
function namingMisconfiguration<T>(appDir: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Lb3ConfigError) throw new Lb3BootError({ appDir, reason: err.message, cause: err });
    throw err;
  }
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}
