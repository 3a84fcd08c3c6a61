'use strict';
/**
 * Child process: the library fixture's model modules (every model but the
 * User-based Member) served by lb3-shim's core alone, started with
 * `-r without-lb3.js`. Reports `{ port, lb3Resolvable, lb3Loaded }` over IPC.
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const built = path.join(root, 'dist', 'index.js');
const fromSources = !fs.existsSync(built);
const shim = fromSources ? (require('ts-node/register/transpile-only'), require(path.join(root, 'index.ts'))) : require(built);
const { loadModelModules } = require(path.join(root, fromSources ? '' : 'dist', 'compat', 'migration', 'native-loader'));

const appDir = path.join(root, 'test', 'fixtures', 'lb3', 'library');
process.on('disconnect', () => process.exit(0));

async function main() {
  const modules = loadModelModules(path.join(appDir, 'migrated'), appDir);
  const app = new shim.Application({ name: 'library (lib only)', rest: { port: 0, host: '127.0.0.1', basePath: '/api' } });
  app.dataSource('db', { connector: 'memory' });
  const wanted = ['Author', 'Book', 'Review', 'Tag', 'Loan'].map((n) => modules.get(n));
  shim.applyModelModules(app, wanted, { dataSource: 'db' });
  const authors = app.resolve('repositories.Author');
  await authors.create({ name: 'Ursula' });
  await app.start();
  let lb3Resolvable = true;
  try {
    require.resolve('loopback');
  } catch {
    lb3Resolvable = false;
  }
  const lb3Loaded = Object.keys(require.cache).filter((f) => /node_modules[\\/](loopback|strong-remoting|loopback-boot)[\\/]/.test(f));
  process.send({ port: new URL(app.restServer.url).port, lb3Resolvable, lb3Loaded });
}

main().catch((err) => {
  console.error((err && err.stack) || err);
  process.exit(1);
});
