/**
 * Child-process runner for a stock LoopBack 3 app (the legacy side).
 *
 *   node stock-lb3.runner.js <appDir | app.js>
 *
 * Runs the app exactly as `node server/server.js` in its folder would: the app's folder is the
 * working directory, server.js (or the given script) is the main module with `process.argv`
 * `[node, server.js]`, and its own start path listens (the parent sets PORT=0 and HOST=127.0.0.1,
 * which LB3 honours). This runner only watches: LB3's `app.listen` is wrapped to learn the port,
 * then `{ port, routes }` goes to the parent over IPC, and control requests (data snapshots, the
 * app's OpenAPI) are answered. `routes` lists strong-remoting's REST routes
 * relative to restApiRoot (only to check route coverage). An app with no server.js (a loopback-boot
 * folder) is booted as the generator's server.js would; one that defines no `app.start` and has not
 * listened once booted is listened for with `app.listen()` (as `lb3-shim serve` does). Exits when
 * the parent disconnects.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loads the app and its own LB3 packages by resolved path */
import type * as http from 'http';
import type { AddressInfo } from 'net';
import Module from 'module';
import * as path from 'path';
import { resolveLb3Entry } from '../../compat/boot/app-entry';
import { serveControlChannel } from './control-channel';
import { takeDataSnapshot } from './data-snapshot';
import { lb3OpenApiDocument } from './lb3-spec';

interface RouteInfo {
  verb: string;
  path: string;
  id?: string;
}

const entry = resolveLb3Entry(process.argv[2] || '.');
const appDir = entry.appDir;
process.on('disconnect', () => process.exit(0));

function restRoutes(app: any): RouteInfo[] {
  // strong-remoting as loaded by the app's own loopback (normal resolution).
  const loopbackDir = path.dirname(require.resolve('loopback/package.json', { paths: [appDir] }));
  const RestAdapter = require(require.resolve('strong-remoting/lib/rest-adapter', { paths: [loopbackDir] }));
  const adapter = new RestAdapter(app.remotes());
  return adapter.allRoutes().map((r: { verb: string; path: string; method: string }) => ({
    verb: r.verb === 'del' ? 'delete' : r.verb,
    path: r.path,
    id: r.method,
  }));
}

// A boot failure inside loopback-boot's (bluebird) promises is only an "unhandled rejection":
// fail fast while booting instead of waiting for the parent's start timeout.
const bootFailed = (err: unknown) => {
  console.error((err as Error)?.stack ?? err);
  process.exit(1);
};
process.on('unhandledRejection', bootFailed);

let served: unknown;
let listened = false;
const script = entry.kind === 'script' ? entry.file : undefined;
const isServedApp = (app: unknown) => app === (served ?? (script !== undefined ? require.cache[script]?.exports : undefined));

// watch the app's own app.listen (loopback/lib/application.js; copied into each app by loopback())
const proto = require(require.resolve('loopback/lib/application.js', { paths: [appDir] }));
const originalListen = proto.listen;
proto.listen = function listenAndReport(this: any, ...args: unknown[]): http.Server {
  const server: http.Server = originalListen.apply(this, args);
  if (isServedApp(this) && !listened) {
    listened = true;
    reportWhenListening(server, this);
  }
  return server;
};

function reportWhenListening(server: http.Server, app: any): void {
  server.once('listening', () => {
    process.off('unhandledRejection', bootFailed);
    serveControlChannel({ snapshot: () => takeDataSnapshot(app), spec: () => lb3OpenApiDocument(app) });
    const { port } = server.address() as AddressInfo;
    process.send!({ port, routes: restRoutes(app) });
  });
}

function load(): any {
  process.chdir(appDir);
  if (entry.kind === 'script') {
    process.argv = [process.argv[0], entry.file];
    Module.runMain(entry.file);
    return require.cache[entry.file]?.exports;
  }
  // No server.js: boot the server/ folder the way the generator's server.js does.
  const loopback = require(require.resolve('loopback', { paths: [appDir] }));
  const boot = require(require.resolve('loopback-boot', { paths: [appDir] }));
  const app = loopback();
  boot(app, entry.bootDir, (err: unknown) => {
    if (err) throw err;
  });
  return app;
}

function listenIfNobodyDid(app: any): void {
  served = app;
  proto.listen = originalListen;
  if (!listened && typeof app.start !== 'function') app.listen();
}

const app = load();
// loopback-boot sets `booting` to false once every phase ran, then emits `booted`;
// an app built in code without loopback-boot never boots (`booting` stays undefined).
if (!app.booting) setImmediate(() => listenIfNobodyDid(app));
else app.once('booted', () => setImmediate(() => listenIfNobodyDid(app)));
