/**
 * Child-process runner for a stock LoopBack 3 app (the legacy side).
 *
 *   node stock-lb3.runner.js <appDir>
 *
 * Requires `<appDir>/server/server.js` (the generator layout boots on require;
 * without it the app is booted with loopback-boot from `<appDir>/server`),
 * waits for loopback-boot's `booted` event, listens on a free port on
 * 127.0.0.1 and reports `{ port, routes }` over IPC. `routes` lists
 * strong-remoting's REST routes relative to restApiRoot (only to check route
 * coverage; requests never go through this process' IPC), then answers
 * control requests (data snapshots, the app's OpenAPI). Exits when the parent
 * disconnects.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loads the app and its own LB3 packages by resolved path */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { serveControlChannel } from './control-channel';
import { takeDataSnapshot } from './data-snapshot';
import { lb3OpenApiDocument } from './lb3-spec';

const appDir = path.resolve(process.argv[2] || '.');
process.on('disconnect', () => process.exit(0));

interface RouteInfo {
  verb: string;
  path: string;
  id?: string;
}

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

function start(app: any): void {
  process.off('unhandledRejection', bootFailed);
  serveControlChannel({ snapshot: () => takeDataSnapshot(app), spec: () => lb3OpenApiDocument(app) });
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send!({ port, routes: restRoutes(app) });
  });
}

function load(): any {
  const serverJs = path.join(appDir, 'server', 'server.js');
  if (fs.existsSync(serverJs)) return require(serverJs);
  // No server.js: boot the server/ folder the way the generator's server.js does.
  const loopback = require(require.resolve('loopback', { paths: [appDir] }));
  const boot = require(require.resolve('loopback-boot', { paths: [appDir] }));
  const app = loopback();
  boot(app, path.join(appDir, 'server'), (err: unknown) => {
    if (err) throw err;
  });
  return app;
}

const app = load();
// loopback-boot sets `booting` to false once every phase ran, then emits `booted`.
if (app.booting === false) start(app);
else app.once('booted', () => start(app));
