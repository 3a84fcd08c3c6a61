/**
 * Child-process runner for an LB3 app served by lb3-shim (the candidate side).
 *
 *   node shim.runner.js <appDir | app.js>
 *
 * Serves the app as `lb3-shim serve` does (serveLb3App: the app's folder as working directory,
 * server.js as the main module, its own start path; the parent sets PORT=0 and HOST=127.0.0.1)
 * and reports `{ port, routes }` over IPC once it listens, where `routes` are the shim's REST
 * routes (verb, path relative to the base path, id), then answers control requests (data
 * snapshots, the app's OpenAPI). Exits when the parent disconnects.
 */
import type { AddressInfo } from 'net';
import { serveLb3App } from '../../compat/serve-lb3-app';
import { hardenFromEnv } from '../../compat/security/hardening';
import { serveControlChannel } from './control-channel';
import { takeDataSnapshot } from './data-snapshot';
import { lb3OpenApiDocument } from './lb3-spec';

const target = process.argv[2] || '.';
process.on('disconnect', () => process.exit(0));

async function main(): Promise<void> {
  // LB3_SHIM_HARDEN: `1`, or a JSON object of hardening switches (docs/hardening.md)
  const served = await serveLb3App(target, { harden: hardenFromEnv(process.env.LB3_SHIM_HARDEN) });
  const lb3App = served.shim.lb3App;
  serveControlChannel({ snapshot: () => takeDataSnapshot(lb3App), spec: () => lb3OpenApiDocument(lb3App) });
  const server = await served.listening;
  const { port } = server.address() as AddressInfo;
  const routes = served.shim.app.restServer.routes().map((r) => ({ verb: r.verb, path: r.path, id: r.id }));
  process.send!({ port, routes });
}

main().catch((err) => {
  console.error((err && err.stack) || err);
  process.exit(1);
});
