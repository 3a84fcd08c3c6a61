/**
 * OpenAPI 3 object shapes used by the core, kept loose (extensions and
 * converted Swagger 2 fields pass through), plus named-schema helpers.
 *
 * Route operations carry their schemas inline so each route's argument parser
 * can compile on its own. A schema that should appear once under
 * `components.schemas` is marked with `x-schema-name` (see `namedSchema`);
 * the spec builder hoists it and leaves a `$ref` in its place.
 */
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:openapi:schema');

/** JSON schema in the OpenAPI 3.0 dialect (loose). */
export type SchemaObject = Record<string, unknown> & {
  type?: string;
  format?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  default?: unknown;
  $ref?: string;
};

/** OpenAPI parameter object (`in: path | query | header | cookie`). */
export type ParameterObject = Record<string, unknown> & {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: SchemaObject;
};

/** OpenAPI request body object. */
export type RequestBodyObject = Record<string, unknown> & {
  description?: string;
  required?: boolean;
  content?: Record<string, { schema?: SchemaObject } & Record<string, unknown>>;
};

/** The extension key marking a schema to be hoisted into `components.schemas`. */
export const SCHEMA_NAME_KEY = 'x-schema-name';

/** Mark `schema` as the named component `name` (stays inline in routes, `$ref` in the document). */
export function namedSchema(name: string, schema: SchemaObject): SchemaObject {
  return { ...schema, [SCHEMA_NAME_KEY]: name };
}

/**
 * Deep-copy `node`, replacing every schema marked with `x-schema-name` by a
 * `$ref` and storing the (recursively hoisted) schema in `schemas`. A name
 * already present in `schemas` keeps its first definition.
 */
export function hoistSchemas<T>(node: T, schemas: Record<string, unknown>): T {
  return hoist(node, schemas) as T;
}

function hoist(node: unknown, schemas: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => hoist(n, schemas));
  if (node === null || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const name = obj[SCHEMA_NAME_KEY];
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (key === SCHEMA_NAME_KEY && typeof name === 'string') continue;
    copy[key] = hoist(obj[key], schemas);
  }
  if (typeof name !== 'string') return copy;
  if (!(name in schemas)) schemas[name] = copy;
  else debug('schema %s defined more than once; keeping the first definition', name);
  return { $ref: `#/components/schemas/${name}` };
}
