/**
 * serveLb3App: run an LB3 app as its own `node server/server.js` would, with the shim serving it.
 *
 *   chdir(appDir) ─► server.js runs as the main module (require.main === module)
 *     └─ boot(app, __dirname, cb) ─► cb: app.start() ─► LB3's app.listen()   (unchanged code)
 *                                         └─ its http server answers with the shim's handler
 *   booted ─► createShim builds the core app ─► queued requests are answered
 *
 * So `started`, `app.get('url')`, `port`/`host` (numbers as numbers), PORT/HOST and whatever else
 * the start path does happen as in stock. An app whose script defines no `app.start` and has not
 * listened once booted (a plain loopback-boot folder, an app built in code) is listened for with
 * `app.listen()`.
 */
import type http from 'http';
import * as path from 'path';
import debugFactory from 'debug';
import { resolveLb3Entry } from './boot/app-entry';
import { resolveLb3Packages } from './boot/lb3-packages';
import { interceptListen } from './boot/listen-interceptor';
import { createShim, type Shim, type ShimOptions } from './create-shim';

const debug = debugFactory('lb3-shim:compat:serve');

/** An LB3 app served the way `node server/server.js` runs it. */
export interface ServedLb3App {
  readonly shim: Shim;
  /** The first server the app listens with, once it listens (rejects with its listen error, e.g. EADDRINUSE). */
  readonly listening: Promise<http.Server>;
  /** Close the app's servers (in-flight requests finish) and stop the shim. */
  stop(): Promise<void>;
}

/** Options of {@link serveLb3App}: those of createShim except the listen address (PORT/HOST and config.json decide, as in LB3). */
export type ServeLb3Options = Omit<ShimOptions, 'port' | 'host' | 'asMain'>;

/**
 * Serve the LB3 app at `target` (its directory or entry script) in this process, from the app's
 * folder as working directory. Rejects with `Lb3BootError` when it is not an LB3 app or fails to boot.
 * Changes the process (cwd, argv[1], require.main) as `node server/server.js` would: one app per process.
 */
export async function serveLb3App(target: string, opts: ServeLb3Options = {}): Promise<ServedLb3App> {
  const given = path.resolve(target);
  const entry = resolveLb3Entry(given);
  process.chdir(entry.appDir);
  const script = entry.kind === 'script' ? entry.file : undefined;
  const served: { app?: unknown } = {};
  // the main module's exports while it loads (server.js sets module.exports first), then the booted app
  const isServedApp = (app: unknown) => app === (served.app ?? (script !== undefined ? require.cache[script]?.exports : undefined));
  let first: ((server: http.Server) => void) | undefined;
  let failed: ((err: unknown) => void) | undefined;
  const listening = new Promise<http.Server>((resolve, reject) => ((first = resolve), (failed = reject)));
  listening.catch(() => undefined);
  // a listen error is reported by the caller (stock would crash on the unhandled 'error' event)
  const listens = interceptListen({ packages: resolveLb3Packages(entry.appDir), isServedApp, onUnhandledError: (err) => failed?.(err) });
  let shim: Shim;
  try {
    shim = await createShim({ appDir: given }, { ...opts, asMain: true });
  } catch (err) {
    listens.restore();
    throw err;
  }
  served.app = shim.lb3App;
  listens.restore();

  listens.serve(shim.handler, (server) => {
    shim.app.restServer.attach(server);
    if (server.listening) first?.(server);
    else server.once('listening', () => first?.(server));
  });
  if (listens.servers.length === 0 && typeof shim.lb3App.start !== 'function') {
    debug('the app has not listened and has no app.start(): app.listen()');
    shim.lb3App.listen();
  }
  return {
    shim,
    listening,
    stop: () => shim.stop(),
  };
}
