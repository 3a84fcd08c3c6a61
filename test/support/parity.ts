/**
 * Side-by-side parity harness: the same request list is sent, one request at a
 * time, to a stock LoopBack 3 process (the reference) and to a candidate
 * process (lb3-shim by default; a second stock LB3 when
 * `PARITY_CANDIDATE=stock`, which validates the harness and request lists:
 * stock vs stock must be identical). Both apps start from the same seeded
 * state, so every response, including ids, must match.
 *
 * Running, capturing, normalising and diffing are the compare library's
 * (compat/compare/); this module keeps the parity tests' API on top of it.
 */
import * as path from 'path';
import { diffCaptured } from '../../compare/response-diff';
import { sendRequest as sendCaptured, type HttpRequestSpec } from '../../compare/http-capture';
import { startAll, startAppTarget, type AppTarget, type RouteInfo } from '../../compare/targets';
import type { CapturedResponse } from '../../compare/types';

export type { CapturedResponse } from '../../compare/types';
export type { RouteInfo } from '../../compare/targets';
export { IGNORED_HEADERS } from '../../compare/http-capture';

export type TargetKind = 'stock' | 'shim';

/** A running app in a child process. */
export interface Target {
  readonly kind: TargetKind;
  readonly appDir: string;
  readonly port: number;
  readonly routes: RouteInfo[];
  /** stdout + stderr of the child so far (last 4000 chars). */
  output(): string;
  /** Set once the child exited (e.g. crashed mid-run): "code X, signal Y". */
  exited(): string | undefined;
  stop(): Promise<void>;
}

/** One request of a parity list: a comparison-library request plus the harness's own options. */
export interface ParityRequest extends HttpRequestSpec {
  /** Send `If-None-Match` with the raw ETag the same target returned for the previous request (conditional GET → 304). */
  ifNoneMatchPrevious?: boolean;
  /** This is a HEAD of the previous GET: its ETag must equal that GET's ETag on the same target (bodies may hold per-run values). */
  headOfPrevious?: boolean;
  /** Why the request is in the list (shown in diffs). */
  note?: string;
}

export interface RequestResult {
  index: number;
  request: ParityRequest;
  reference: CapturedResponse;
  candidate: CapturedResponse;
  /** Human-readable differences; empty when the responses match. */
  diffs: string[];
}

export interface ParityResult {
  appDir: string;
  candidateKind: TargetKind;
  results: RequestResult[];
  mismatches: RequestResult[];
  referenceRoutes: RouteInfo[];
  candidateRoutes: RouteInfo[];
  /** Problems with the processes themselves (a target that died mid-run), with its output. */
  crashes: string[];
}

export interface RunParityOptions {
  appDir: string;
  requests: ParityRequest[];
  /** Extra per-fixture normalisation applied to both responses after the default one. */
  normalize?: (res: CapturedResponse, req: ParityRequest) => CapturedResponse;
  /** Overrides PARITY_CANDIDATE. */
  candidate?: TargetKind;
  /** Extra environment of both app processes (e.g. `{ NODE_ENV: 'production' }`). */
  env?: NodeJS.ProcessEnv;
  /** Also compare the order of response headers (LB3 sends X-Powered-By, hook headers, Content-Type, Content-Length, ETag). Default false. */
  headerOrder?: boolean;
  /** Extra environment of the reference process only (e.g. its own database URL). */
  referenceEnv?: NodeJS.ProcessEnv;
  /** Extra environment of the candidate process only (e.g. `LB3_SHIM_MODELS` naming native models). */
  candidateEnv?: NodeJS.ProcessEnv;
}

/** The candidate kind selected by `PARITY_CANDIDATE` (default: shim). */
export function candidateKind(): TargetKind {
  const v = (process.env.PARITY_CANDIDATE || 'shim').toLowerCase();
  if (v !== 'stock' && v !== 'shim') throw new Error(`PARITY_CANDIDATE must be "stock" or "shim", got "${v}"`);
  return v;
}

/** Start an app in a child process and wait until it listens. Rejects with the child's output when it fails. */
export function startTarget(kind: TargetKind, appDir: string, signal?: AbortSignal, env?: NodeJS.ProcessEnv): Promise<Target & AppTarget> {
  return startAppTarget({ kind, appDir, signal, env });
}

/** Send one request with exact control over method, path, headers and body. Never rejects. */
export function sendRequest(port: number, req: ParityRequest): Promise<CapturedResponse & { raw: Buffer }> {
  return sendCaptured(port, req);
}

/** Differences between two captured responses, one line per aspect (status, each header, the body). */
export function diffResponses(a: CapturedResponse, b: CapturedResponse, candidate: TargetKind): string[] {
  const diffs: string[] = [];
  const label = `candidate(${candidate})`;
  let body = false;
  for (const d of diffCaptured(a, b)) {
    if (d.kind === 'status') diffs.push(`status: stock=${d.legacy} ${label}=${d.candidate}`);
    else if (d.kind === 'header') diffs.push(`header ${d.path.slice('headers.'.length)}: stock=${d.legacy} ${label}=${d.candidate}`);
    else body = true;
  }
  const ab = JSON.stringify(a.body);
  const bb = JSON.stringify(b.body);
  if (body || ab !== bb) diffs.push(`body:\n      stock=${clip(ab)}\n      ${label}=${clip(bb)}`);
  return diffs;
}

const clip = (s: string | undefined) => (s === undefined ? '(none)' : s.length > 600 ? s.slice(0, 600) + '…' : s);

/** Start both targets, send every request to both (reference first), stop both, and return per-request diffs. */
export async function runParity(options: RunParityOptions): Promise<ParityResult> {
  const kind = options.candidate ?? candidateKind();
  // never leave the other process running when one side cannot start
  const [reference, candidate] = await startAll([
    (signal) => startTarget('stock', options.appDir, signal, { ...options.env, ...options.referenceEnv }),
    (signal) => startTarget(kind, options.appDir, signal, { ...options.env, ...options.candidateEnv }),
  ]);
  const results: RequestResult[] = [];
  const crashes: string[] = [];
  const checkAlive = (t: Target, role: 'reference' | 'candidate', i: number) => {
    const info = t.exited();
    if (info && !crashes.some((c) => c.startsWith(role))) {
      crashes.push(`${role} (${t.kind}) exited (${info}) at or before request #${i}:\n${t.output()}`);
    }
  };
  try {
    for (let i = 0; i < options.requests.length; i++) {
      const req = options.requests[i];
      const prev = results[results.length - 1];
      const withEtag = (r: CapturedResponse | undefined): ParityRequest =>
        req.ifNoneMatchPrevious ? { ...req, headers: { ...req.headers, 'If-None-Match': r?.rawEtag ?? '"none"' } } : req;
      let ref: CapturedResponse = await sendRequest(reference.port, withEtag(prev?.reference));
      let cand: CapturedResponse = await sendRequest(candidate.port, withEtag(prev?.candidate));
      if ((req.ifNoneMatchPrevious || req.headOfPrevious) && prev) {
        ref = sameEtagAsPrevious(ref, prev.reference);
        cand = sameEtagAsPrevious(cand, prev.candidate);
      }
      if (options.normalize) {
        ref = options.normalize(ref, req);
        cand = options.normalize(cand, req);
      }
      const diffs = diffResponses(ref, cand, kind);
      const refOrder = (ref.headerOrder ?? []).join(', ');
      const candOrder = (cand.headerOrder ?? []).join(', ');
      if (options.headerOrder && refOrder !== candOrder) diffs.push(`header order: stock=[${refOrder}] candidate(${kind})=[${candOrder}]`);
      results.push({ index: i, request: req, reference: ref, candidate: cand, diffs });
      if (ref.status === 0 || cand.status === 0) {
        checkAlive(reference, 'reference', i);
        checkAlive(candidate, 'candidate', i);
      }
    }
  } finally {
    await Promise.all([reference.stop(), candidate.stop()]);
  }
  return {
    appDir: options.appDir,
    candidateKind: kind,
    results,
    mismatches: results.filter((r) => r.diffs.length > 0),
    referenceRoutes: reference.routes,
    candidateRoutes: candidate.routes,
    crashes,
  };
}

/** A 304 carries the ETag of a body it does not send: compare it as "the previous response's ETag". */
function sameEtagAsPrevious(res: CapturedResponse, prev: CapturedResponse): CapturedResponse {
  if (res.rawEtag === undefined || res.rawEtag !== prev.rawEtag) return res;
  return { ...res, headers: { ...res.headers, etag: `<same as previous: ${prev.headers.etag}>` } };
}

/** Fail with a readable report listing every request whose responses differ. */
export function assertParity(result: ParityResult): void {
  if (result.mismatches.length === 0 && result.crashes.length === 0) return;
  const lines = [
    ...result.crashes.map((c) => `CRASH: ${c}`),
    `${result.mismatches.length} of ${result.results.length} requests differ between stock LB3 and ` +
      `${result.candidateKind} for ${path.basename(result.appDir)}:`,
  ];
  for (const m of result.mismatches) {
    const r = m.request;
    lines.push(`  #${m.index} ${r.method} ${r.path}${r.note ? `  (${r.note})` : ''}`);
    for (const d of m.diffs) lines.push(`    - ${d}`);
  }
  throw new Error(lines.join('\n'));
}

export interface RouteCoverageOptions {
  /** REST base path the route paths are relative to (default `/api`). */
  basePath?: string;
  /** Routes deliberately not requested, as `"<verb> <path>"` strings; each needs a reason in the test. */
  exclude?: string[];
}

/**
 * Assert that every route (verb + path pattern) is the best match of at least
 * one request. Matching mirrors LB3 routing: case-insensitive, trailing slash
 * ignored, literal segments win over `:params`, verb `all` matches any verb,
 * and HEAD falls back to GET routes when no HEAD route matches.
 */
export function assertRouteCoverage(routes: readonly RouteInfo[], requests: readonly ParityRequest[], options: RouteCoverageOptions = {}): void {
  if (routes.length === 0) throw new Error('no routes reported by the target: route coverage cannot be checked');
  const base = (options.basePath ?? '/api').toLowerCase().replace(/\/$/, '');
  const excluded = new Set((options.exclude ?? []).map((e) => e.toLowerCase()));
  const compiled = routes.map((r) => ({ route: r, verb: r.verb.toLowerCase(), segs: splitPath(r.path) }));
  const covered = new Set<number>();

  for (const req of requests) {
    let p = req.path.split('?')[0];
    if (!p.toLowerCase().startsWith(base + '/') && p.toLowerCase() !== base) continue;
    p = p.slice(base.length);
    const segs = splitPath(p);
    const verb = req.method.toLowerCase();
    let best = pickBest(compiled, segs, (v) => v === verb);
    if (best < 0 && verb === 'head') best = pickBest(compiled, segs, (v) => v === 'get');
    if (best < 0) best = pickBest(compiled, segs, (v) => v === 'all');
    if (best >= 0) covered.add(best);
  }
  const missing = compiled
    .filter((c, i) => !covered.has(i) && !excluded.has(`${c.verb} ${c.route.path}`.toLowerCase()))
    .map((c) => `  ${c.verb.toUpperCase()} ${c.route.path}${c.route.id ? `  (${c.route.id})` : ''}`);
  if (missing.length) {
    throw new Error(`${missing.length} of ${routes.length} routes were never requested:\n${missing.join('\n')}`);
  }
}

function splitPath(p: string): string[] {
  return p.split('/').filter((s) => s.length > 0);
}

function pickBest(compiled: Array<{ verb: string; segs: string[] }>, segs: string[], verbOk: (v: string) => boolean): number {
  let best = -1;
  for (let i = 0; i < compiled.length; i++) {
    const c = compiled[i];
    if (!verbOk(c.verb) || c.segs.length !== segs.length) continue;
    if (!c.segs.every((s, k) => s.startsWith(':') || s.toLowerCase() === segs[k].toLowerCase())) continue;
    if (best < 0 || moreSpecific(c.segs, compiled[best].segs)) best = i;
  }
  return best;
}

/** Literal segments beat params at the first position where the two patterns differ. */
function moreSpecific(a: string[], b: string[]): boolean {
  for (let k = 0; k < a.length; k++) {
    const pa = a[k].startsWith(':');
    const pb = b[k].startsWith(':');
    if (pa !== pb) return !pa;
  }
  return false;
}

/** Inputs for the generic built-in PersistedModel request set. */
export interface CrudRequestOptions {
  /** A seeded id that exists and may be modified. */
  existingId: number | string;
  /** The id the first create of this list will get (seeded rows + 1 on the memory connector). */
  nextId: number;
  /** A valid full instance body (without id). */
  sample: Record<string, unknown>;
  /** A valid partial update body. */
  patch: Record<string, unknown>;
  /** A property that is required (to provoke 422s). */
  requiredProp?: string;
}

/**
 * Requests exercising every built-in PersistedModel endpoint of one model
 * (`base` = `/api/<Plural>`), success and common error paths. It creates
 * exactly four rows (ids nextId..nextId+3) and deletes nextId.
 */
export function crudRequests(base: string, o: CrudRequestOptions): ParityRequest[] {
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const id = o.existingId;
  const rq: ParityRequest[] = [
    { method: 'GET', path: base },
    { method: 'GET', path: `${base}?filter=${enc({ limit: 2, order: 'id DESC' })}` },
    { method: 'GET', path: `${base}?filter[limit]=1&filter[skip]=1` },
    { method: 'GET', path: `${base}/findOne` },
    { method: 'GET', path: `${base}/findOne?filter=${enc({ where: { id: 99999 } })}`, note: 'findOne miss: id "undefined"' },
    { method: 'GET', path: `${base}/count` },
    { method: 'GET', path: `${base}/count?where=${enc({ id })}` },
    { method: 'GET', path: `${base}/${id}` },
    { method: 'GET', path: `${base}/99999`, note: 'findById miss' },
    { method: 'HEAD', path: `${base}/${id}` },
    { method: 'HEAD', path: `${base}/99999` },
    { method: 'GET', path: `${base}/${id}/exists` },
    { method: 'GET', path: `${base}/99999/exists` },
    { method: 'POST', path: base, json: o.sample },
    { method: 'POST', path: base, json: {}, note: 'create without required props' },
    { method: 'POST', path: base, json: { ...o.sample, id: 5000 }, note: 'forceId rejects a client id' },
    { method: 'PATCH', path: base, json: o.sample, note: 'patchOrCreate creates' },
    { method: 'PUT', path: base, json: o.sample, note: 'replaceOrCreate creates' },
    { method: 'POST', path: `${base}/replaceOrCreate`, json: o.sample },
    { method: 'POST', path: `${base}/upsertWithWhere?where=${enc({ id })}`, json: o.sample },
    { method: 'POST', path: `${base}/upsertWithWhere?where=${enc({ id })}`, json: o.patch, note: 'partial body validated alone' },
    { method: 'PUT', path: `${base}/${id}`, json: o.sample },
    { method: 'PUT', path: `${base}/99999`, json: o.sample, note: 'replace miss' },
    { method: 'PUT', path: `${base}/${id}`, json: {}, note: 'replace drops all properties' },
    { method: 'POST', path: `${base}/${id}/replace`, json: o.sample },
    { method: 'PATCH', path: `${base}/${id}`, json: o.patch },
    { method: 'PATCH', path: `${base}/${id}`, json: {} },
    { method: 'PATCH', path: `${base}/99999`, json: o.patch, note: 'prototype method miss via sharedCtor' },
    { method: 'POST', path: `${base}/update?where=${enc({ id })}`, json: o.patch },
    { method: 'POST', path: `${base}/update`, json: o.patch, note: 'updateAll without where: 500' },
    { method: 'DELETE', path: `${base}/${o.nextId}` },
    { method: 'DELETE', path: `${base}/${o.nextId}`, note: 'already deleted: count 0' },
    { method: 'DELETE', path: base, note: 'destroyAll is not exposed' },
    { method: 'GET', path: `${base}/change-stream`, headersOnly: true },
    { method: 'GET', path: `${base}/change-stream`, headers: { Accept: 'application/json' }, headersOnly: true },
    { method: 'POST', path: `${base}/change-stream`, headersOnly: true },
    { method: 'GET', path: `${base}/${id}?filter=${enc({ where: { id: 99999 } })}`, note: 'findById ignores where' },
  ];
  return rq;
}
