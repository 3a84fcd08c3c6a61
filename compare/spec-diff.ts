/**
 * The spec gate: every client-visible difference between two OpenAPI 3
 * documents — paths, verbs, operation ids and tags, parameters (where, name,
 * required, schema, style), request bodies and responses (status codes, media
 * types, schemas), and the component schemas they refer to. Prose
 * (`description`, `summary`, examples) is not compared: it changes no client;
 * neither is a `false` that is OpenAPI's default (`deprecated: false`) nor
 * whether a parameter, request body or response is shared through a `$ref`.
 */
import { diffJson } from './response-diff';
import type { SpecDifference } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is untyped JSON here
type Doc = Record<string, any>;
const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const PROSE = new Set(['description', 'summary', 'example', 'examples', 'externalDocs']);
/** Fields whose OpenAPI default is `false`: `false` and absent mean the same to a client. */
const FALSE_BY_DEFAULT = new Set(['deprecated', 'required', 'allowEmptyValue', 'nullable', 'readOnly', 'writeOnly', 'uniqueItems', 'allowReserved']);
/** Component kinds referenced by `$ref` whose place (inline or shared) a client cannot see; schemas keep their names. */
const INLINED = ['parameters', 'requestBodies', 'responses', 'headers', 'examples'];
const ABSENT = '(absent)';

/** A deep copy without prose keys and `false` defaults, object keys sorted (key order in a spec is not client-visible). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const child = (v as Record<string, unknown>)[k];
      if (PROSE.has(k) || (FALSE_BY_DEFAULT.has(k) && child === false)) continue;
      out[k] = canonical(child);
    }
    return out;
  }
  return v;
}

/** `doc` with `$ref`s to shared parameters, request bodies, responses and headers replaced by what they point at. */
function inlineRefs(doc: Doc): Doc {
  const components = doc.components ?? {};
  const resolve = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => resolve(x, depth));
    if (!v || typeof v !== 'object') return v;
    const ref = (v as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && depth < 20) {
      const m = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
      if (m && INLINED.includes(m[1]) && components[m[1]]?.[m[2]] !== undefined) return resolve(components[m[1]][m[2]], depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) out[k] = resolve(child, depth);
    return out;
  };
  return { ...doc, paths: resolve(doc.paths ?? {}, 0) };
}

const show = (v: unknown) => (v === undefined ? ABSENT : JSON.stringify(canonical(v)));

class SpecDiffer {
  readonly out: SpecDifference[] = [];

  item(change: SpecDifference['change'], kind: SpecDifference['kind'], where: string, legacy: unknown, candidate: unknown): void {
    this.out.push({ change, kind, where, field: '', legacy: show(legacy), candidate: show(candidate) });
  }

  /** Leaf-by-leaf differences of two values (both present) under `field`. */
  fields(kind: SpecDifference['kind'], where: string, field: string, a: unknown, b: unknown): void {
    for (const d of diffJson(canonical(a), canonical(b), field ? [field] : [], { keyOrder: false, kind: 'body' })) {
      this.out.push({ change: 'changed', kind, where, field: d.path, legacy: d.legacy, candidate: d.candidate });
    }
  }

  /** Two keyed collections: removed, added, and `same` for the ones on both sides. */
  keyed<T>(
    a: Record<string, T>,
    b: Record<string, T>,
    kind: SpecDifference['kind'],
    where: (k: string) => string,
    same: (k: string, x: T, y: T) => void,
  ): void {
    for (const k of Object.keys(a)) if (!(k in b)) this.item('removed', kind, where(k), a[k], undefined);
    for (const k of Object.keys(b)) if (!(k in a)) this.item('added', kind, where(k), undefined, b[k]);
    for (const k of Object.keys(a)) if (k in b) same(k, a[k], b[k]);
  }
}

function operations(item: Doc | undefined): Record<string, Doc> {
  const out: Record<string, Doc> = {};
  for (const verb of VERBS) if (item?.[verb]) out[verb] = item[verb];
  return out;
}

/** Path-level and operation-level parameters by `in.name` (the operation's win, as OpenAPI says). */
function parameters(pathItem: Doc, op: Doc): Record<string, Doc> {
  const out: Record<string, Doc> = {};
  for (const p of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])] as Doc[]) out[`${p.in}.${p.name}`] = p;
  return out;
}

function compareOperation(d: SpecDiffer, where: string, pa: Doc, pb: Doc, a: Doc, b: Doc): void {
  for (const field of ['operationId', 'tags', 'deprecated', 'security']) {
    const [x, y] = [a, b].map((o) => (o[field] === false && FALSE_BY_DEFAULT.has(field) ? undefined : o[field]));
    if (show(x) !== show(y)) d.out.push({ change: 'changed', kind: 'operation', where, field, legacy: show(x), candidate: show(y) });
  }
  d.keyed(
    parameters(pa, a),
    parameters(pb, b),
    'parameter',
    (k) => `${where} parameter ${k}`,
    (k, x, y) => d.fields('parameter', `${where} parameter ${k}`, '', x, y),
  );
  if (a.requestBody || b.requestBody) {
    if (!a.requestBody || !b.requestBody) d.item(a.requestBody ? 'removed' : 'added', 'request body', where, a.requestBody, b.requestBody);
    else d.fields('request body', where, 'requestBody', a.requestBody, b.requestBody);
  }
  d.keyed<Doc>(
    a.responses ?? {},
    b.responses ?? {},
    'response',
    (s) => `${where} response ${s}`,
    (s, x, y) => d.fields('response', `${where} response ${s}`, '', x, y),
  );
}

/** Every client-visible difference from `legacy` to `candidate`, in document order. */
export function diffOpenApi(legacyDoc: Doc, candidateDoc: Doc): SpecDifference[] {
  const d = new SpecDiffer();
  const legacy = inlineRefs(legacyDoc);
  const candidate = inlineRefs(candidateDoc);
  const pathsA: Record<string, Doc> = legacy.paths ?? {};
  const pathsB: Record<string, Doc> = candidate.paths ?? {};
  const verbsOf = (item: Doc) => Object.keys(operations(item)).map((v) => v.toUpperCase());
  for (const p of Object.keys(pathsA)) if (!(p in pathsB)) d.item('removed', 'path', p, verbsOf(pathsA[p]), undefined);
  for (const p of Object.keys(pathsB)) if (!(p in pathsA)) d.item('added', 'path', p, undefined, verbsOf(pathsB[p]));
  for (const p of Object.keys(pathsA)) {
    if (!(p in pathsB)) continue;
    const [pa, pb] = [pathsA[p], pathsB[p]];
    d.keyed(
      operations(pa),
      operations(pb),
      'operation',
      (v) => `${v.toUpperCase()} ${p}`,
      (v, a, b) => compareOperation(d, `${v.toUpperCase()} ${p}`, pa, pb, a, b),
    );
  }
  d.keyed<Doc>(
    legacy.components?.schemas ?? {},
    candidate.components?.schemas ?? {},
    'schema',
    (n) => `schema ${n}`,
    (n, a, b) => d.fields('schema', `schema ${n}`, '', a, b),
  );
  return d.out;
}

/** One line: `removed operation DELETE /api/Books/{id}`, `changed parameter GET /api/X parameter query.q: required false → true`. */
export function formatSpecDifference(s: SpecDifference): string {
  const clip = (v: string) => (v.length > 200 ? v.slice(0, 200) + '…' : v);
  const verbs = (v: string) => (s.kind === 'path' ? ` (${(JSON.parse(v) as string[]).join(', ')})` : '');
  if (s.change === 'removed') return `removed ${s.kind} ${s.where}${verbs(s.legacy)}`;
  if (s.change === 'added') return `added ${s.kind} ${s.where}${verbs(s.candidate)}`;
  return `changed ${s.kind} ${s.where}${s.field ? `: ${s.field}` : ''}: ${clip(s.legacy)} → ${clip(s.candidate)}`;
}
