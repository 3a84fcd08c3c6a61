/**
 * LoopBack-4-style decorators (TypeScript `experimentalDecorators`). They only
 * record plain data (see metadata.ts); `controllerRoutes()` turns it into
 * RouteSpecs. Stacked decorators keep their written order: the topmost
 * `@intercept` is the outermost.
 */
import type { HttpVerb, Interceptor } from '../rest/types';
import type { ParameterObject, SchemaObject } from '../openapi/schema';
import { ownMetadata, ownMethodMetadata, type AnyClass, type AuthenticateMetadata, type OperationSpec, type RequestBodySpec } from './metadata';

/** Decorator usable on a class and on a method. */
export type ClassOrMethodDecorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => void;
export type MethodOnlyDecorator = (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => void;
export type ParamDecorator = (target: object, key: string | symbol | undefined, index: number) => void;

/** Resolve the class and method name a member decorator was applied to. */
function member(decorator: string, target: object, key: string | symbol | undefined): { ctor: AnyClass; method: string } {
  if (typeof target === 'function') {
    throw new Error(`@${decorator} cannot decorate static member ${target.name}.${String(key)}: use an instance method.`);
  }
  const ctor = (target as { constructor: AnyClass }).constructor;
  if (typeof key !== 'string') {
    throw new Error(`@${decorator} on ${ctor.name}: only string-named methods (not constructor arguments or symbols) are supported.`);
  }
  return { ctor, method: key };
}

/** Controller-level settings: `basePath` prefixes every method path, `tags` label every operation. */
export function api(spec: { basePath?: string; tags?: string[] } = {}): (ctor: AnyClass) => void {
  return (ctor) => {
    const meta = ownMetadata(ctor);
    if (spec.basePath !== undefined) meta.basePath = spec.basePath;
    if (spec.tags !== undefined) meta.tags = spec.tags;
  };
}

function operation(verb: HttpVerb, name: string) {
  return (path: string, spec?: OperationSpec): MethodOnlyDecorator =>
    (target, key) => {
      const { ctor, method } = member(name, target, key);
      const m = ownMethodMetadata(ctor, method);
      if (m.verb !== undefined) {
        throw new Error(`${ctor.name}.${method} already has @${m.verb === 'delete' ? 'del' : m.verb}('${m.path}'): one verb decorator per method.`);
      }
      m.verb = verb;
      m.path = path;
      if (spec) m.spec = spec;
    };
}

/** Map the method to `GET path`. `spec` adds operation fields (`summary`, `responses`, `status`...). */
export const get = operation('get', 'get');
export const post = operation('post', 'post');
export const put = operation('put', 'put');
export const patch = operation('patch', 'patch');
/** Map the method to `DELETE path` (`delete` is a reserved word). */
export const del = operation('delete', 'del');
export const head = operation('head', 'head');

/** Record `spec` as the parameter object of one argument. */
function paramDecorator(spec: ParameterObject): ParamDecorator {
  return (target, key, index) => {
    const { ctor, method } = member(`param.${spec.in}('${spec.name}')`, target, key);
    const m = ownMethodMetadata(ctor, method);
    const params = (m.params ??= []);
    if (params[index] !== undefined || m.requestBody?.index === index) {
      throw new Error(`${ctor.name}.${method}: argument #${index} has more than one @param/@requestBody decorator.`);
    }
    params[index] = spec;
  };
}

type Location = ParameterObject['in'];
type ExtraSpec = Partial<ParameterObject>;

function typed(loc: Location, type: string, format?: string) {
  return (name: string, spec: ExtraSpec = {}): ParamDecorator => {
    const schema: SchemaObject = format ? { type, format } : { type };
    const p: ParameterObject = { name, in: loc, schema, ...spec };
    if (loc === 'path') p.required = true; // OpenAPI: path parameters are always required
    return paramDecorator(p);
  };
}

function location(loc: Location) {
  return {
    string: typed(loc, 'string'),
    number: typed(loc, 'number'),
    integer: typed(loc, 'integer'),
    boolean: typed(loc, 'boolean'),
    /** A string holding an ISO date-time. */
    dateTime: typed(loc, 'string', 'date-time'),
  };
}

/**
 * Decorate an argument with an OpenAPI parameter object, or use the
 * shorthands: `@param.path.number('id')`, `@param.query.object('filter')`,
 * `@param.query.array('ids', 'number')`, `@param.header.string('x-key')`.
 * Path parameters are always required; others only with `{ required: true }`.
 */
export const param = Object.assign((spec: ParameterObject): ParamDecorator => paramDecorator(spec), {
  /**
   * The per-request options object for repositories (juggler `options`, seen by
   * operation hooks as `ctx.options`). Never read from the client: the core
   * passes a fresh object; a host such as compat passes what the app's
   * framework builds from the request (e.g. the access token).
   */
  options: (): ParamDecorator => paramDecorator({ name: 'options', in: 'query', schema: { type: 'object' }, 'x-request-options': true }),
  path: location('path'),
  header: location('header'),
  query: {
    ...location('query'),
    /** A JSON string (`?filter={"a":1}`) or a bracket object (`?filter[a]=1`). */
    object: (name: string, schema: SchemaObject = { type: 'object' }, spec: ExtraSpec = {}): ParamDecorator =>
      paramDecorator({ name, in: 'query', schema, ...spec }),
    /** Repeated (`?ids=1&ids=2`) or single values; items coerced to `itemType`. */
    array: (name: string, itemType: string | SchemaObject = 'string', spec: ExtraSpec = {}): ParamDecorator =>
      paramDecorator({
        name,
        in: 'query',
        schema: { type: 'array', items: typeof itemType === 'string' ? { type: itemType } : itemType },
        ...spec,
      }),
  },
});

/**
 * Mark the argument receiving the JSON request body. Required unless
 * `{ required: false }`; `schema` is a shorthand for the application/json
 * content schema (default `{ type: 'object' }`).
 */
export function requestBody(spec: RequestBodySpec = {}): ParamDecorator {
  return (target, key, index) => {
    const { ctor, method } = member('requestBody', target, key);
    const m = ownMethodMetadata(ctor, method);
    if (m.requestBody) throw new Error(`${ctor.name}.${method} has more than one @requestBody argument.`);
    if (m.params?.[index] !== undefined) {
      throw new Error(`${ctor.name}.${method}: argument #${index} has both @param and @requestBody.`);
    }
    m.requestBody = { index, spec };
  };
}

/** Apply to a class (all its routes) or a method; written order = outermost first. */
export function intercept(...interceptors: Interceptor[]): ClassOrMethodDecorator {
  return (target, key) => {
    // Decorators run bottom-up, so prepend to keep the written (top-down) order.
    if (key === undefined) {
      const meta = ownMetadata(target as AnyClass);
      meta.interceptors = [...interceptors, ...(meta.interceptors ?? [])];
    } else {
      const { ctor, method } = member('intercept', target, key);
      const m = ownMethodMetadata(ctor, method);
      m.interceptors = [...interceptors, ...(m.interceptors ?? [])];
    }
  };
}

/** Require an authenticated principal (`required` defaults to true), optionally from named strategies. */
export function authenticate(opts: AuthenticateMetadata = {}): ClassOrMethodDecorator {
  const value: AuthenticateMetadata = { required: opts.required ?? true };
  if (opts.strategies) value.strategies = opts.strategies;
  return (target, key) => {
    if (key === undefined) ownMetadata(target as AnyClass).authenticate = value;
    else {
      const { ctor, method } = member('authenticate', target, key);
      ownMethodMetadata(ctor, method).authenticate = value;
    }
  };
}

/** Attach authorization metadata, readable by authorizers as `route.meta.authorize`. */
export function authorize(meta: unknown): ClassOrMethodDecorator {
  return (target, key) => {
    if (key === undefined) ownMetadata(target as AnyClass).authorize = meta;
    else {
      const { ctor, method } = member('authorize', target, key);
      ownMethodMetadata(ctor, method).authorize = meta;
    }
  };
}
