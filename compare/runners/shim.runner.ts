/**
 * Child-process runner for an LB3 app served by lb3-shim (the candidate side).
 *
 *   node shim.runner.js <appDir>
 *
 * Listens on a free port on 127.0.0.1 and reports `{ port, routes }` over IPC,
 * where `routes` are the shim's REST routes (verb, path relative to the base
 * path, id), then answers control requests (data snapshots). Exits when the
 * parent disconnects.
 */
import type { AddressInfo } from 'net';
import * as path from 'path';
import { createShim } from '../../compat/create-shim';
import { serveControlChannel } from './control-channel';
import { takeDataSnapshot } from './data-snapshot';
import { lb3OpenApiDocument } from './lb3-spec';

const appDir = path.resolve(process.argv[2] || '.');
process.on('disconnect', () => process.exit(0));

async function main(): Promise<void> {
  const shim = await createShim({ appDir });
  serveControlChannel({ snapshot: () => takeDataSnapshot(shim.lb3App), spec: () => lb3OpenApiDocument(shim.lb3App) });
  const server = shim.createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const routes = shim.app.restServer.routes().map((r) => ({ verb: r.verb, path: r.path, id: r.id }));
    process.send!({ port, routes });
  });
}

main().catch((err) => {
  console.error((err && err.stack) || err);
  process.exit(1);
});
