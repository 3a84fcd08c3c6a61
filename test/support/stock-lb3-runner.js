'use strict';
/**
 * Child-process runner for a stock LoopBack 3 app (the parity reference).
 *
 *   node stock-lb3-runner.js <appDir>
 *
 * Requires `<appDir>/server/server.js` (the generator layout boots on require),
 * waits for loopback-boot's `booted` event, listens on a free port on
 * 127.0.0.1, then reports `{ port, routes }` to the parent over IPC. `routes`
 * lists strong-remoting's REST routes (relative to restApiRoot) so parity
 * tests can check route coverage even when the candidate is stock LB3.
 * Exits when the parent disconnects.
 */
const path = require('path');
const http = require('http');

const appDir = path.resolve(process.argv[2] || '.');
process.on('disconnect', () => process.exit(0));

function restRoutes(app) {
  // strong-remoting as loaded by the app's own loopback (normal resolution).
  const loopbackDir = path.dirname(require.resolve('loopback/package.json', {paths: [appDir]}));
  const RestAdapter = require(require.resolve('strong-remoting/lib/rest-adapter', {paths: [loopbackDir]}));
  const adapter = new RestAdapter(app.remotes());
  return adapter.allRoutes().map((r) => ({
    verb: r.verb === 'del' ? 'delete' : r.verb,
    path: r.path,
    id: r.method,
  }));
}

function start(app) {
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1', () => {
    const {port} = server.address();
    process.send({port, routes: restRoutes(app)});
  });
}

const app = require(path.join(appDir, 'server', 'server.js'));
// loopback-boot sets `booting` to false once every phase ran, then emits `booted`.
if (app.booting === false) start(app);
else app.once('booted', () => start(app));
