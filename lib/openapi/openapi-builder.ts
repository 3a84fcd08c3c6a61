/**
 * Build the /openapi.json document from compiled routes plus contributed
 * fragments. Routes keep their schemas inline (their argument parsers need
 * them); named schemas are hoisted into components.schemas here.
 */
import debugFactory from 'debug';
import type { Route } from '../rest/types';
import { hoistSchemas } from './schema';

const debug = debugFactory('lb3-shim:openapi:builder');

export interface OpenApiBuildOptions {
  title?: string;
  version?: string;
  /** Server base path, prefixed to route paths (`/api`). */
  basePath?: string;
  /**
   * Extra documents merged in (paths, components) - compat passes the converted LB3 spec here.
   * Their paths are taken as they are (not prefixed with basePath); later documents win per path+verb
   * and per component name.
   */
  merge?: Array<Record<string, unknown>>;
}

type Doc = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

/** Express/find-my-way `/a/:id(^\\d+)` → OpenAPI `/a/{id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_$-]+)(\([^)]*\))?/g, '{$1}');
}

function joinBase(basePath: string | undefined, path: string): string {
  const base = (basePath ?? '').replace(/\/+$/, '');
  if (!base) return path;
  return path === '/' ? base : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Build an OpenAPI 3.0.x document from compiled routes (express `:param` paths become `{param}`). */
export function buildOpenApiSpec(routes: readonly Route[], options: OpenApiBuildOptions = {}): Record<string, unknown> {
  const doc: Doc = {
    openapi: '3.0.3',
    info: { title: options.title ?? 'lb3-shim', version: options.version ?? '1.0.0' },
    paths: {},
    components: { schemas: {} },
  };
  const operationIds = new Set<string>();
  for (const route of routes) {
    if (route.hidden || route.operation['x-visibility'] === 'undocumented') continue;
    const path = toOpenApiPath(joinBase(options.basePath, route.path));
    const op = hoistSchemas(route.operation, doc.components.schemas) as Record<string, unknown>;
    delete op['x-body-index']; // internal: positional mapping for the argument parser
    if (!op.responses || Object.keys(op.responses as object).length === 0) op.responses = { '200': { description: 'OK' } };
    declarePathParams(path, op);
    if (typeof op.operationId === 'string') op.operationId = uniqueId(op.operationId, operationIds);
    (doc.paths[path] ??= {})[route.verb] = op;
  }
  for (const fragment of options.merge ?? []) mergeDocument(doc, fragment);
  return doc;
}

/** OpenAPI requires every `{name}` in the path to be a declared path parameter; add plain strings for missing ones. */
function declarePathParams(path: string, op: Record<string, unknown>): void {
  // the per-request options object (`@param.options()`) is not a client parameter
  const params = ((Array.isArray(op.parameters) ? op.parameters : []) as Array<Record<string, unknown>>).filter((p) => p['x-request-options'] !== true);
  if (Array.isArray(op.parameters) && params.length !== op.parameters.length) op.parameters = params.length ? params : undefined;
  const names = Array.from(path.matchAll(/\{([^}]+)\}/g), (m) => m[1]);
  if (names.length === 0) return;
  const missing = names.filter((n) => !params.some((p) => p.in === 'path' && p.name === n));
  if (missing.length) op.parameters = [...params, ...missing.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))];
}

function uniqueId(id: string, seen: Set<string>): string {
  let candidate = id;
  for (let i = 2; seen.has(candidate); i++) candidate = `${id}_${i}`;
  if (candidate !== id) debug('duplicate operationId %s renamed %s', id, candidate);
  seen.add(candidate);
  return candidate;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Merge `fragment` into `doc`: paths per path+verb, components per section+name, tags by name. */
function mergeDocument(doc: Doc, fragment: Record<string, unknown>): void {
  if (isObject(fragment.info)) doc.info = { ...(doc.info as Record<string, unknown>), ...fragment.info };
  if (isObject(fragment.paths)) {
    for (const [path, item] of Object.entries(fragment.paths)) {
      if (!isObject(item)) continue;
      Object.assign((doc.paths[path] ??= {}), item);
    }
  }
  if (isObject(fragment.components)) {
    for (const [section, entries] of Object.entries(fragment.components)) {
      if (!isObject(entries)) continue;
      Object.assign((doc.components[section] ??= {}), entries);
    }
  }
  if (Array.isArray(fragment.tags)) {
    const tags = (doc.tags ??= []) as Array<Record<string, unknown>>;
    for (const tag of fragment.tags as Array<Record<string, unknown>>) {
      const at = tags.findIndex((t) => t.name === tag.name);
      if (at >= 0) tags[at] = { ...tags[at], ...tag };
      else tags.push(tag);
    }
  }
}
