/**
 * Field-level differences between two captured responses: the status, each
 * header, and each leaf of a JSON body (or the whole text of a non-JSON
 * body). Ignored paths cover their whole subtree.
 */
import { compilePatterns, isIgnored, type PathPattern } from './paths';
import type { CapturedResponse, Difference } from './types';

export interface DiffOptions {
  /** Compiled ignore patterns (see compilePatterns). */
  ignore?: readonly PathPattern[];
  /** Report objects whose keys come in a different order (default true: LB3 clients may see it). */
  keyOrder?: boolean;
}

const ABSENT = '(absent)';

/** Every difference between `legacy` and `candidate` that no ignore pattern covers. */
export function diffCaptured(legacy: CapturedResponse, candidate: CapturedResponse, opts: DiffOptions = {}): Difference[] {
  const ignore = opts.ignore ?? [];
  const keyOrder = opts.keyOrder ?? true;
  const out: Difference[] = [];
  if (legacy.status !== candidate.status && !isIgnored(['status'], ignore)) {
    out.push({ kind: 'status', path: 'status', legacy: String(legacy.status), candidate: String(candidate.status) });
  }
  const names = new Set([...Object.keys(legacy.headers), ...Object.keys(candidate.headers)]);
  for (const name of names) {
    const a = legacy.headers[name];
    const b = candidate.headers[name];
    if (a !== b && !isIgnored(['headers', name], ignore)) {
      out.push({ kind: 'header', path: `headers.${name}`, legacy: show(a), candidate: show(b) });
    }
  }
  walk(legacy.body, candidate.body, ['body'], { ignore, keyOrder, out, kind: 'body' });
  return out;
}

/**
 * Leaf-by-leaf differences between two parsed JSON values under `root`
 * (e.g. `['data', 'Book']`), reported with `kind` (write parity uses `data`).
 */
export function diffJson(a: unknown, b: unknown, root: string[], opts: DiffOptions & { kind: Difference['kind'] }): Difference[] {
  const out: Difference[] = [];
  walk(a, b, root, { ignore: opts.ignore ?? [], keyOrder: opts.keyOrder ?? true, out, kind: opts.kind });
  return out;
}

/** Compile string patterns once (throws naming a malformed one). */
export function ignorePatterns(paths: readonly string[] = []): PathPattern[] {
  return compilePatterns(paths);
}

interface WalkState {
  ignore: readonly PathPattern[];
  keyOrder: boolean;
  out: Difference[];
  kind: Difference['kind'];
}

const MISSING = Symbol('missing');

function walk(a: unknown, b: unknown, path: string[], st: WalkState): void {
  if (isIgnored(path, st.ignore)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a);
    const bKeys = Object.keys(b);
    const union = [...aKeys, ...bKeys.filter((k) => !Object.prototype.hasOwnProperty.call(a, k))];
    for (const key of union) {
      const av = Object.prototype.hasOwnProperty.call(a, key) ? a[key] : MISSING;
      const bv = Object.prototype.hasOwnProperty.call(b, key) ? b[key] : MISSING;
      walk(av, bv, [...path, key], st);
    }
    if (st.keyOrder && aKeys.length === bKeys.length && union.length === aKeys.length && aKeys.some((k, i) => bKeys[i] !== k)) {
      const visible = (keys: string[]) => keys.filter((k) => !isIgnored([...path, k], st.ignore));
      const av = visible(aKeys);
      const bv = visible(bKeys);
      if (av.some((k, i) => bv[i] !== k)) st.out.push({ kind: 'key-order', path: path.join('.'), legacy: JSON.stringify(av), candidate: JSON.stringify(bv) });
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(i < a.length ? a[i] : MISSING, i < b.length ? b[i] : MISSING, [...path, String(i)], st);
    return;
  }
  if (a === b || (a !== MISSING && b !== MISSING && JSON.stringify(a) === JSON.stringify(b))) return;
  st.out.push({ kind: st.kind, path: path.join('.'), legacy: showValue(a), candidate: showValue(b) });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const show = (v: string | undefined) => (v === undefined ? ABSENT : JSON.stringify(v));

function showValue(v: unknown): string {
  if (v === MISSING || v === undefined) return ABSENT;
  return JSON.stringify(v) ?? String(v);
}

/** One line per difference: `body.items.1.price: legacy=3 candidate=4`. */
export function formatDifference(d: Difference, labels: { legacy: string; candidate: string } = { legacy: 'legacy', candidate: 'candidate' }): string {
  const clip = (s: string) => (s.length > 300 ? s.slice(0, 300) + '…' : s);
  const what = d.kind === 'key-order' ? `${d.path || 'body'} (key order)` : d.path;
  return `${what}: ${labels.legacy}=${clip(d.legacy)} ${labels.candidate}=${clip(d.candidate)}`;
}
