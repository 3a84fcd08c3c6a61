'use strict';
/**
 * Child-process runner for an LB3 app served by lb3-shim (the parity candidate).
 *
 *   node shim-runner.js <appDir>
 *
 * Builds the shim from the compiled project (`dist/index.js`), listens on a
 * free port on 127.0.0.1 and reports `{ port, routes }` over IPC, where
 * `routes` are the shim's REST routes (verb, path relative to the base path,
 * id). Exits when the parent disconnects.
 */
const path = require('path');
const http = require('http');
const fs = require('fs');

const appDir = path.resolve(process.argv[2] || '.');
process.on('disconnect', () => process.exit(0));

function findProjectRoot(dir) {
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'lb3-shim') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('lb3-shim project root not found above ' + __dirname);
    dir = up;
  }
}

async function main() {
  const projectRoot = findProjectRoot(__dirname);
  const {createShim} = require(path.join(projectRoot, 'dist', 'index.js'));
  const shim = await createShim({appDir});
  const server = http.createServer(shim.handler);
  server.listen(0, '127.0.0.1', () => {
    const {port} = server.address();
    const routes = shim.app.restServer.routes().map((r) => ({verb: r.verb, path: r.path, id: r.id}));
    process.send({port, routes});
  });
}

main().catch((err) => {
  console.error(err && err.stack || err);
  process.exit(1);
});
