/**
 * Runner side of write parity: a copy of every row the app's datasources
 * hold, read straight from the memory connector's store (no model code runs,
 * so `access`/`loaded` hooks cannot change what is compared). Datasources of
 * other connectors are listed as unsupported; a SQL snapshot (a schema dump or
 * a transaction per side) can be added here without changing the callers.
 */
import type { DataSnapshot } from '../types';

/** Connectors that hold no rows (nothing to compare, nothing to report): transient, and those without queries (mail). */
const holdsNoRows = (kind: string, connector: { all?: unknown } | undefined) => kind === 'transient' || typeof connector?.all !== 'function';

interface MemoryConnectorLike {
  name?: string;
  all?: unknown;
  /** model name → id → row as a JSON string (loopback-datasource-juggler's memory connector). */
  cache?: Record<string, Record<string, string>>;
}

/** Every datasource of an LB3 app, once each (`app.dataSources` has `db` and `Db` aliases). */
function dataSourcesOf(lb3App: any): Array<{ name: string; kind: string; connector: MemoryConnectorLike | undefined }> {
  const seen = new Set<unknown>();
  const out: Array<{ name: string; kind: string; connector: MemoryConnectorLike | undefined }> = [];
  for (const [key, ds] of Object.entries<any>(lb3App.dataSources ?? {})) {
    if (!ds || seen.has(ds)) continue;
    seen.add(ds);
    out.push({ name: ds.settings?.name ?? key, kind: String(ds.connector?.name ?? ds.settings?.connector ?? 'no connector'), connector: ds.connector });
  }
  return out;
}

/** Rows of every model on every memory datasource, in the store's order. */
export function takeDataSnapshot(lb3App: any): DataSnapshot {
  const models: DataSnapshot['models'] = {};
  const unsupported: string[] = [];
  for (const { name, kind, connector } of dataSourcesOf(lb3App)) {
    if (!connector || connector.name !== 'memory' || !connector.cache) {
      if (!holdsNoRows(kind, connector)) unsupported.push(`${name} (${kind})`);
      continue;
    }
    for (const [model, rows] of Object.entries(connector.cache)) {
      const key = model in models ? `${name}.${model}` : model;
      models[key] = Object.values(rows).map((json) => JSON.parse(json) as Record<string, unknown>);
    }
  }
  return { models, unsupported };
}
