/**
 * The default argument parser: one reader per argument, compiled once per
 * operation with ajv. Path/query/header/cookie values are coerced (they
 * arrive as strings); the JSON body is validated without coercion.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import debugFactory from 'debug';
import type { Request } from 'express';
import { errors } from '../errors/http-error';
import type { OperationObject, RequestContext } from './types';

const debug = debugFactory('lb3-shim:rest:parse-args');

type Schema = Record<string, unknown>;
type Reader = (ctx: RequestContext) => unknown;

/** Shared by every operation without arguments; frozen so no caller can pollute it. */
const NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

// OpenAPI schemas carry keywords ajv does not know (example, xml, x-*...): not strict.
const ajvLogger = { log: debug, warn: debug, error: debug };
let coercingAjv: Ajv | undefined;
let strictAjv: Ajv | undefined;
/** Compiled validators by schema text: most operations share `{type:'string'}`-like schemas. */
const cache = new Map<string, ValidateFunction>();

function compile(kind: 'coerce' | 'strict', schema: Schema): ValidateFunction {
  const key = `${kind}:${JSON.stringify(schema)}`;
  let fn = cache.get(key);
  if (!fn) {
    const ajv =
      kind === 'coerce'
        ? (coercingAjv ??= addFormats(new Ajv({ strict: false, coerceTypes: 'array', logger: ajvLogger })))
        : (strictAjv ??= addFormats(new Ajv({ strict: false, allErrors: true, logger: ajvLogger })));
    fn = ajv.compile(schema);
    cache.set(key, fn);
  }
  return fn;
}

/**
 * Build the default argument parser for an operation: reads `operation.parameters`
 * (in: path | query | header | cookie, with `schema`) and `operation.requestBody`
 * (application/json schema), coerces/validates with ajv, and returns positional
 * arguments: parameters in listed order, with the body inserted at index
 * `operation['x-body-index']` (default: after the parameters). Errors are
 * HttpError 400 naming the argument (422 for an invalid body).
 *
 * Throws at build time when a schema cannot be compiled (e.g. an unresolvable `$ref`).
 */
export function buildArgParser(operation: OperationObject): (ctx: RequestContext) => unknown[] {
  const params = operation.parameters ?? [];
  const body = operation.requestBody;
  if (params.length === 0 && !body) return () => NO_ARGS;

  const opName = operation.operationId ?? 'operation';
  const readers: Reader[] = params.map((p) => paramReader(p, opName));
  if (body) {
    const at = operation['x-body-index'];
    const index = typeof at === 'number' && at >= 0 && at <= readers.length ? at : readers.length;
    readers.splice(index, 0, bodyReader(body, opName));
  }
  const n = readers.length;
  debug('%s: %d argument reader(s)', opName, n);
  return (ctx) => {
    const args = new Array<unknown>(n);
    for (let i = 0; i < n; i++) args[i] = readers[i](ctx);
    return args;
  };
}

function paramReader(p: Record<string, unknown>, opName: string): Reader {
  const name = p.name as string;
  const loc = p.in as string;
  if (p['x-request-options'] === true) return () => ({});
  if (typeof name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(loc)) {
    throw new Error(`${opName}: unsupported parameter ${JSON.stringify(p)} (need name and in: path|query|header|cookie).`);
  }
  // OpenAPI also allows `content: {'application/json': {schema}}` for JSON-encoded parameters.
  const jsonContent = (p.content as Record<string, { schema?: Schema }> | undefined)?.['application/json'];
  const schema: Schema = (p.schema as Schema | undefined) ?? jsonContent?.schema ?? {};
  const required = loc === 'path' || p.required === true;
  const type = schema.type;
  const parseJson = type === 'object' || jsonContent !== undefined;
  const isArray = type === 'array';
  const hasDefault = schema.default !== undefined;

  let validate: ValidateFunction | undefined;
  try {
    validate = Object.keys(schema).length === 0 ? undefined : compile('coerce', { type: 'object', properties: { v: schema } });
  } catch (err) {
    throw new Error(`${opName}: cannot compile the schema of parameter "${name}": ${(err as Error).message}`);
  }
  // A bare string schema needs no ajv call for a string value.
  const plainString = type === 'string' && Object.keys(schema).every((k) => k === 'type' || k === 'description');
  // Reused across requests: validation is synchronous, and ajv coerces into the holder's property.
  const holder: { v?: unknown } = {};
  const raw = rawGetter(loc, name);

  return (ctx) => {
    let value = raw(ctx);
    if (value === undefined) {
      if (hasDefault) return cloneDefault(schema.default);
      if (required) throw errors.missingRequired(name);
      return undefined;
    }
    if (plainString && typeof value === 'string') return value;
    if (typeof value === 'string') {
      if (parseJson) value = parseJsonArgument(name, value);
      else if (isArray && value.startsWith('[')) value = tryJson(value);
    }
    if (!validate) return value;
    holder.v = value;
    const ok = validate(holder);
    value = holder.v;
    holder.v = undefined;
    if (!ok) throw argumentError(name, validate.errors ?? []);
    return value;
  };
}

function rawGetter(loc: string, name: string): Reader {
  switch (loc) {
    case 'path':
      return (ctx) => ctx.params?.[name];
    case 'query':
      return (ctx) => (ctx.request.query as Record<string, unknown> | undefined)?.[name];
    case 'header': {
      const lower = name.toLowerCase();
      return (ctx) => ctx.request.headers[lower];
    }
    default:
      return (ctx) => (ctx.request as Request & { cookies?: Record<string, unknown> }).cookies?.[name];
  }
}

function parseJsonArgument(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw errors.invalidArgument(name, `not valid JSON: ${JSON.stringify(text.length > 60 ? text.slice(0, 60) + '...' : text)}`);
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function cloneDefault(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/** `/v/limit` (the holder's property) → `limit must be number`. */
function argumentError(name: string, errs: ErrorObject[]) {
  const e = errs[0];
  const sub = e ? e.instancePath.replace(/^\/v\/?/, '') : '';
  const reason = e ? `${sub ? `${sub} ` : ''}${e.message ?? 'is invalid'}` : 'is invalid';
  return errors.invalidArgument(
    name,
    reason,
    errs.map((x) => ({ path: x.instancePath.replace(/^\/v/, ''), code: x.keyword, message: x.message, info: x.params })),
  );
}

function bodyReader(rb: Record<string, unknown>, opName: string): Reader {
  const name = typeof rb['x-parameter-name'] === 'string' ? (rb['x-parameter-name'] as string) : 'body';
  const content = (rb.content ?? {}) as Record<string, { schema?: Schema }>;
  const schema = content['application/json']?.schema;
  const required = rb.required === true;
  let validate: ValidateFunction | undefined;
  try {
    validate = schema && Object.keys(schema).length ? compile('strict', schema) : undefined;
  } catch (err) {
    throw new Error(`${opName}: cannot compile the request body schema: ${(err as Error).message}`);
  }
  return (ctx) => {
    const req = ctx.request;
    const value: unknown = req.body;
    if (value === undefined || (isEmptyObject(value) && !hasBody(req))) {
      if (required) throw errors.missingRequired(name);
      return undefined;
    }
    if (validate && !validate(value)) {
      const errs = validate.errors ?? [];
      const details = errs.map((e) => ({ path: e.instancePath, code: e.keyword, message: e.message, info: e.params }));
      const reason = errs.map((e) => `${e.instancePath ? `${e.instancePath} ` : ''}${e.message}`).join('; ');
      throw errors.invalidBody(reason, details);
    }
    return value;
  };
}

/** body-parser leaves `{}` when the request had no body; a sent `{}` still counts as a body. */
function hasBody(req: Request): boolean {
  const h = req.headers;
  if (h['transfer-encoding'] !== undefined) return true;
  const len = h['content-length'];
  return len !== undefined && len !== '0';
}

function isEmptyObject(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const _ in v as object) return false;
  return true;
}
