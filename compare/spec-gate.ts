/**
 * The spec-and-URL gate: the original LB3 app's OpenAPI (loopback-swagger,
 * generated inside the legacy runner and converted as compat converts it)
 * against the document the candidate serves to clients (`/openapi.json`).
 */
import debugFactory from 'debug';
import { sendRequest } from './http-capture';
import { diffOpenApi } from './spec-diff';
import type { Target } from './targets';
import type { SpecReport } from './types';

const debug = debugFactory('lb3-shim:compare:spec-gate');

export interface SpecGateOptions {
  /** Must be an app target (it describes its LB3 app over the control channel). */
  legacy: Target;
  candidate: Target;
  /** Where the candidate serves its document (default `/openapi.json`). */
  specPath?: string;
  timeoutMs?: number;
}

const countOperations = (doc: Record<string, unknown>) =>
  Object.values((doc.paths ?? {}) as Record<string, Record<string, unknown>>).reduce(
    (n, item) => n + ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].filter((v) => item[v]).length,
    0,
  );

/** Fetch both documents and diff them; rejects when one cannot be had. */
export async function checkSpec(opts: SpecGateOptions): Promise<SpecReport> {
  const { legacy, candidate } = opts;
  if (typeof legacy.lb3OpenApi !== 'function') throw new Error(`the spec gate needs the legacy LB3 app itself (an app directory), not the URL ${legacy.label}`);
  const specPath = opts.specPath ?? '/openapi.json';
  const [legacyDoc, res] = await Promise.all([
    legacy.lb3OpenApi(),
    sendRequest(candidate.baseUrl, { method: 'GET', path: specPath }, { rules: [], timeoutMs: opts.timeoutMs ?? 120000 }),
  ]);
  if (res.status !== 200) throw new Error(`${candidate.label} answered ${res.status || res.body} to GET ${specPath}`);
  let candidateDoc: Record<string, unknown>;
  try {
    candidateDoc = JSON.parse(res.rawBody);
  } catch {
    throw new Error(`${candidate.label} GET ${specPath} is not JSON`);
  }
  const differences = diffOpenApi(legacyDoc, candidateDoc);
  debug('%d spec differences', differences.length);
  return {
    legacy: `${legacy.label} (loopback-swagger)`,
    candidate: `${candidate.label} ${specPath}`,
    operations: { legacy: countOperations(legacyDoc), candidate: countOperations(candidateDoc) },
    differences,
  };
}
