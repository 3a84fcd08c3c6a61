/**
 * Swagger 2 → OpenAPI 3 with swagger2openapi, in a worker thread. swagger2openapi's helper
 * package (oas-kit-common) adds an enumerable `String.prototype.toCamelCase` when it is loaded;
 * in a worker that happens in the worker's own realm, so the app's process keeps its built-in
 * prototypes as they were. The document goes in and out by structured clone (it is plain JSON).
 */
import { Worker } from 'worker_threads';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:swagger-converter');

// Plain JS run by the worker (`eval: true`): convert, send the document back, end.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
require(workerData.module).convertObj(workerData.swagger, workerData.options).then(
  (converted) => parentPort.postMessage({ openapi: converted.openapi }),
  (err) => parentPort.postMessage({ error: String((err && err.message) || err) }),
);
`;

/** swagger2openapi's `convertObj` options used here. */
export interface ConvertOptions {
  patch?: boolean;
  warnOnly?: boolean;
  text?: string;
}

/** Convert a plain-JSON Swagger 2 document; resolves with the OpenAPI 3 document. */
export function convertSwagger(swagger: object, options: ConvertOptions): Promise<Record<string, any>> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: require.resolve('swagger2openapi'), swagger, options } });
    let settled = false;
    worker.once('message', (m: { openapi?: Record<string, any>; error?: string }) => {
      settled = true;
      debug('converted in %d ms', Date.now() - started);
      if (m.error !== undefined) reject(new Error(`swagger2openapi: ${m.error}`));
      else resolve(m.openapi ?? {});
      void worker.terminate();
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`swagger2openapi worker exited with code ${code} before answering`));
      settled = true;
    });
  });
}
