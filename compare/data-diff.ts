/**
 * Write parity: the rows of two data snapshots, compared model by model and
 * row by row. Rows are keyed by their normalised id (so a sequence id keeps
 * its number and a generated uuid becomes `<uuid>`), with `#n` added when two
 * rows of a model share a key; values are normalised with the same rules as
 * responses. Paths read `data.<Model>.<key>.<property>`.
 */
import { normalizeJson, type NormalizeRule } from './normalize';
import type { PathPattern } from './paths';
import { diffJson } from './response-diff';
import type { DataSnapshot, Difference } from './types';

export interface DataDiffOptions {
  rules: readonly NormalizeRule[];
  ignore?: readonly PathPattern[];
}

/** A model's rows as `key → row`, normalised. */
function keyed(rows: ReadonlyArray<Record<string, unknown>>, rules: readonly NormalizeRule[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of normalizeJson(rows, rules) as Array<Record<string, unknown>>) {
    const id = row.id ?? row._id;
    let key = id === undefined ? '(no id)' : String(id);
    if (key in out) {
      let n = 1;
      while (`${key}#${n}` in out) n++;
      key = `${key}#${n}`;
    }
    out[key] = row;
  }
  return out;
}

/** Every differing row value between two snapshots (a model present on one side only counts as rows missing on the other). */
export function diffSnapshots(legacy: DataSnapshot, candidate: DataSnapshot, opts: DataDiffOptions): Difference[] {
  const models = [...new Set([...Object.keys(legacy.models), ...Object.keys(candidate.models)])];
  const out: Difference[] = [];
  for (const model of models) {
    const a = keyed(legacy.models[model] ?? [], opts.rules);
    const b = keyed(candidate.models[model] ?? [], opts.rules);
    // key order of rows/properties is the store's, not something a client sees
    out.push(...diffJson(a, b, ['data', model], { ignore: opts.ignore, keyOrder: false, kind: 'data' }));
  }
  return out;
}

/** Row counts per model (for reports). */
export function rowCounts(s: DataSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(s.models).map(([m, rows]) => [m, rows.length]));
}
