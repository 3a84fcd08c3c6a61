/**
 * Running a scenario against two targets, step by step: each step goes to
 * the legacy target, then the candidate (then the second legacy run when
 * noise detection is on), each with its own variables and cookie jar; the
 * responses are normalised (session cookie values compared as variables) and
 * diffed field by field.
 */
import debugFactory from 'debug';
import { alignSessionCookies, CookieJar } from './cookie-jar';
import { sendRequest, type HttpRequestSpec } from './http-capture';
import { NoiseFilter } from './noise';
import { DEFAULT_RULES, normalizeText, type NormalizeRule } from './normalize';
import { compilePatterns, type PathPattern } from './paths';
import { diffCaptured } from './response-diff';
import { startAll, startAppTarget, urlTarget, type AppKind, type Target } from './targets';
import type { CapturedResponse, ComparisonReport, Scenario, StepResult } from './types';
import { VariableScope } from './variables';
import { formatSpecDifference } from './spec-diff';
import { checkSpec } from './spec-gate';
import { isWriteStep, WriteParity } from './write-parity';

const debug = debugFactory('lb3-shim:compare');

export interface CompareTargetsOptions {
  scenario: Scenario;
  legacy: Target;
  candidate: Target;
  /** A second legacy target: paths that differ between the two legacy runs are ignored (Diffy-style noise). */
  noise?: Target;
  /** Normalisation rules (default DEFAULT_RULES). */
  rules?: readonly NormalizeRule[];
  /** Report differences in key order (default true). */
  keyOrder?: boolean;
  /** Per-request timeout, ms (default 15000). */
  timeoutMs?: number;
  /**
   * Write parity: compare the starting data, and after every POST/PUT/PATCH/DELETE step
   * the rows of every model on both sides (targets must be app targets; see write-parity.ts).
   */
  writes?: boolean;
  /** The spec gate: diff the legacy LB3 app's OpenAPI against the candidate's /openapi.json (see spec-gate.ts). */
  spec?: boolean | { path?: string };
  /** Called after each step (progress bars). */
  onStep?: (step: StepResult, done: number, total: number) => void;
}

/** Run every step against already running targets (they are not stopped). */
export async function compareTargets(opts: CompareTargetsOptions): Promise<ComparisonReport> {
  const { scenario, legacy, candidate, noise } = opts;
  const started = Date.now();
  const sendOpts = { rules: opts.rules ?? DEFAULT_RULES, timeoutMs: opts.timeoutMs };
  const global = compilePatterns(scenario.ignore ?? []);
  const scopes = { legacy: new VariableScope(scenario.vars), candidate: new VariableScope(scenario.vars), noise: new VariableScope(scenario.vars) };
  // each side keeps its own cookies, as a browser per server would
  const jars = { legacy: new CookieJar(), candidate: new CookieJar(), noise: new CookieJar() };
  const steps: StepResult[] = [];
  const crashes: string[] = [];
  const spec = opts.spec ? await checkSpec({ legacy, candidate, specPath: typeof opts.spec === 'object' ? opts.spec.path : undefined }) : undefined;
  const writes = opts.writes ? new WriteParity({ legacy, candidate, noise }, sendOpts.rules) : undefined;
  await writes?.start(global);
  const checkAlive = (t: Target, role: string, i: number) => {
    const info = t.exited();
    if (info && !crashes.some((c) => c.startsWith(role))) crashes.push(`${role} ${t.label} exited (${info}) at or before step #${i + 1}:\n${t.output()}`);
  };

  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i];
    const notes: string[] = [];
    const legacyReq = withCookies(scopes.legacy.requestFor(step, notes), jars.legacy);
    let t0 = Date.now();
    const sentA = await sendRequest(legacy.baseUrl, legacyReq, sendOpts);
    const legacyMs = Date.now() - t0;
    t0 = Date.now();
    const sentB = await sendRequest(candidate.baseUrl, withCookies(scopes.candidate.requestFor(step, []), jars.candidate), sendOpts);
    const candidateMs = Date.now() - t0;
    jars.legacy.store(sentA.setCookies);
    jars.candidate.store(sentB.setCookies);
    const [a, b] = comparableCookies(sentA, sentB, sendOpts.rules);
    scopes.legacy.save(step, a.rawBody, 'legacy', notes);
    scopes.candidate.save(step, b.rawBody, 'candidate', notes);
    let a2: CapturedResponse | undefined;
    if (noise) {
      const sentA2 = await sendRequest(noise.baseUrl, withCookies(scopes.noise.requestFor(step, []), jars.noise), sendOpts);
      jars.noise.store(sentA2.setCookies);
      scopes.noise.save(step, sentA2.rawBody, 'second legacy', []);
      a2 = comparableCookies(sentA, sentA2, sendOpts.rules)[1];
    }
    const ignore: PathPattern[] = step.ignore ? [...global, ...compilePatterns(step.ignore)] : global;
    const diffOpts = { ignore, keyOrder: opts.keyOrder };
    let differences = diffCaptured(a, b, diffOpts);
    let noisy: string[] = [];
    if (a2) {
      const filter = new NoiseFilter(diffCaptured(a, a2, diffOpts));
      noisy = filter.paths;
      differences = filter.filter(differences);
    }
    let rows: StepResult['rows'];
    if (writes && isWriteStep(legacyReq)) {
      const check = await writes.afterWrite(ignore);
      differences = [...differences, ...check.differences];
      noisy = [...noisy, ...check.noise];
      rows = check.rows;
    }
    const result: StepResult = {
      index: i,
      name: step.name,
      method: legacyReq.method,
      path: legacyReq.path,
      legacy: strip(a),
      candidate: strip(b),
      differences,
      noise: noisy,
      ignored: [...(scenario.ignore ?? []), ...(step.ignore ?? []), ...noisy.filter((n) => !n.endsWith(' (key order)'))],
      notes,
      timing: { legacy: legacyMs, candidate: candidateMs },
      ...(rows ? { rows } : {}),
    };
    steps.push(result);
    debug('step %d %s: %d differences', i + 1, step.name, differences.length);
    if (a.status === 0 || b.status === 0 || (a2 && a2.status === 0)) {
      checkAlive(legacy, 'legacy', i);
      checkAlive(candidate, 'candidate', i);
      if (noise) checkAlive(noise, 'second legacy', i);
    }
    opts.onStep?.(result, i + 1, scenario.steps.length);
  }
  const writeSummary = writes?.summary();
  return {
    scenario: scenario.source ?? '<scenario>',
    legacy: legacy.label,
    candidate: candidate.label,
    noiseTarget: noise?.label,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    steps,
    differing: steps.filter((s) => s.differences.length > 0).length,
    crashes,
    ...(writeSummary ? { writes: writeSummary } : {}),
    ...(spec ? { spec } : {}),
  };
}

/** Drop the raw buffer and cookie lines kept by sendRequest (reports are serialised as JSON). */
function strip(r: CapturedResponse & { raw?: Buffer; setCookies?: string[] }): CapturedResponse {
  const { raw: _raw, setCookies: _setCookies, ...rest } = r;
  return rest;
}

/** The request with the side's cookies, unless the step sends a Cookie header of its own. */
function withCookies(req: HttpRequestSpec, jar: CookieJar): HttpRequestSpec {
  const cookie = jar.header();
  if (cookie === undefined || Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'cookie')) return req;
  return { ...req, headers: { ...req.headers, Cookie: cookie } };
}

type Sent = CapturedResponse & { raw: Buffer; setCookies: string[] };

/** Both responses with their Set-Cookie headers aligned (session cookie values compared as variables). */
function comparableCookies(a: Sent, b: Sent, rules: readonly NormalizeRule[]): [Sent, Sent] {
  if (a.setCookies.length === 0 || b.setCookies.length === 0) return [a, b];
  const [ca, cb] = alignSessionCookies(a.setCookies, b.setCookies);
  const withHeader = (r: Sent, lines: string[]): Sent => ({ ...r, headers: { ...r.headers, 'set-cookie': normalizeText(lines.join(', '), rules) } });
  return [withHeader(a, ca), withHeader(b, cb)];
}

/** How to reach one side: an LB3 app directory to boot, or a running server. */
export type TargetSpec = { app: string; kind: AppKind; env?: NodeJS.ProcessEnv } | { url: string; label?: string };

export interface RunComparisonOptions extends Omit<CompareTargetsOptions, 'legacy' | 'candidate' | 'noise'> {
  legacy: TargetSpec;
  candidate: TargetSpec;
  /** `true`: boot the legacy app a second time (app targets only); or where the second legacy runs. */
  noise?: boolean | TargetSpec;
}

/**
 * Start the targets (app directories boot in parallel, each in its own
 * process on a free port), compare, and stop what was started, also on failure.
 * Rejects when a target cannot start.
 */
export async function runComparison(opts: RunComparisonOptions): Promise<ComparisonReport> {
  let noiseSpec: TargetSpec | undefined;
  if (opts.noise === true) {
    if (!('app' in opts.legacy)) throw new Error('noise detection against a legacy URL needs the URL of a second legacy server');
    noiseSpec = opts.legacy;
  } else if (opts.noise) {
    noiseSpec = opts.noise;
  }
  const specs = [opts.legacy, opts.candidate, ...(noiseSpec ? [noiseSpec] : [])];
  const targets = await startAll(specs.map((spec) => (signal: AbortSignal) => startSpec(spec, signal)));
  try {
    return await compareTargets({ ...opts, legacy: targets[0], candidate: targets[1], noise: targets[2] });
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}

function startSpec(spec: TargetSpec, signal: AbortSignal): Promise<Target> {
  if ('url' in spec) {
    try {
      return Promise.resolve(urlTarget(spec.url, spec.label));
    } catch (err) {
      return Promise.reject(err);
    }
  }
  return startAppTarget({ kind: spec.kind, appDir: spec.app, env: spec.env, signal });
}

/** True when every step matched, no target crashed and (write parity) both sides started from the same data. */
export function comparisonPassed(report: ComparisonReport): boolean {
  return report.differing === 0 && report.crashes.length === 0 && !report.writes?.startingData.length && !report.spec?.differences.length;
}

/** A readable error listing every differing step (for mocha/chai tests); does nothing when all steps match. */
export function assertNoDifferences(report: ComparisonReport): void {
  if (comparisonPassed(report)) return;
  const lines = [
    ...report.crashes.map((c) => `CRASH: ${c}`),
    ...(report.spec?.differences ?? []).map((d) => `SPEC: ${formatSpecDifference(d)}`),
    ...(report.writes?.startingData ?? []).map((d) => `STARTING DATA: ${d.path}: legacy=${clip(d.legacy)} candidate=${clip(d.candidate)}`),
    `${report.differing} of ${report.steps.length} steps differ between ${report.legacy} and ${report.candidate}:`,
  ];
  for (const s of report.steps) {
    if (s.differences.length === 0) continue;
    lines.push(`  #${s.index + 1} ${s.name}`);
    for (const d of s.differences)
      lines.push(`    - ${d.path}${d.kind === 'key-order' ? ' (key order)' : ''}: legacy=${clip(d.legacy)} candidate=${clip(d.candidate)}`);
  }
  throw new Error(lines.join('\n'));
}

const clip = (s: string) => (s.length > 300 ? s.slice(0, 300) + '…' : s);
