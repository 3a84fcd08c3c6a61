/**
 * Child process for the boot benchmark: boot an LB3 app stock or through the
 * shim, listen on a free port, answer one first request (sent to itself, so
 * lazy per-app work done on the first request counts as boot), then report
 * {@link BootReport} over IPC. Times count from this process's start
 * (process.uptime()), so they include node's own startup and every require.
 * Exits on disconnect.
 *
 *   node dist/bench/boot-runner.js <stock|shim> <appDir> <first request path>
 */
import * as http from 'http';
import * as path from 'path';

const mode = process.argv[2];
const appDir = path.resolve(process.argv[3] || '.');
const firstPath = process.argv[4] || '/';
process.on('disconnect', () => process.exit(0));

/** What the runner sends its parent. */
export interface BootReport {
  /** ms from process start to listening. */
  listenMs: number;
  /** ms from process start to the end of the first response. */
  firstResponseMs: number;
  firstStatus: number;
  /** bytes, after the first response. */
  rss: number;
  heapUsed: number;
}

function report(server: http.Server): void {
  const { port } = server.address() as { port: number };
  const listenMs = process.uptime() * 1000;
  http
    .get({ host: '127.0.0.1', port, path: firstPath, agent: false }, (res) => {
      res.resume();
      res.on('end', () => {
        const firstResponseMs = process.uptime() * 1000;
        const { rss, heapUsed } = process.memoryUsage();
        const msg: BootReport = { listenMs, firstResponseMs, firstStatus: res.statusCode ?? 0, rss, heapUsed };
        process.send!(msg);
      });
    })
    .on('error', (err) => {
      console.error(err);
      process.exit(1);
    });
}

async function main(): Promise<void> {
  if (mode === 'stock') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app = require(path.join(appDir, 'server', 'server.js'));
    if (app.booting !== false) await new Promise<void>((resolve) => app.once('booted', () => resolve()));
    const server = http.createServer(app);
    server.listen(0, '127.0.0.1', () => report(server));
  } else if (mode === 'shim') {
    // required here (not at the top) so the stock mode does not load the shim
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createShim } = require('../index') as typeof import('../index');
    const shim = await createShim({ appDir });
    const server = shim.createServer();
    server.listen(0, '127.0.0.1', () => report(server));
  } else {
    throw new Error(`boot-runner: unknown mode "${mode}" (expected stock or shim)`);
  }
}

main().catch((err) => {
  console.error((err && err.stack) || err);
  process.exit(1);
});
