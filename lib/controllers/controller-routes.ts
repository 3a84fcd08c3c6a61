/**
 * Turn controller metadata into RouteSpecs. Everything (paths, operation
 * objects, interceptor lists) is computed here once; per request a route only
 * resolves the instance and calls the method.
 */
import debugFactory from 'debug';
import type { Interceptor, OperationObject, RequestContext, RouteSpec } from '../rest/types';
import type { ParameterObject, RequestBodyObject } from '../openapi/schema';
import { getControllerMetadata, type ControllerClass, type ControllerMetadata, type MethodMetadata, type RequestBodySpec } from './metadata';

const debug = debugFactory('lb3-shim:controllers:routes');

/** Join a base path and a method path, and turn OpenAPI `{id}` placeholders into router `:id` ones. */
export function joinRoutePath(basePath: string | undefined, path: string): string {
  const base = (basePath ?? '').replace(/\/+$/, '');
  const rel = path === '' || path === '/' ? '' : path.startsWith('/') ? path : `/${path}`;
  const joined = `${base}${rel}` || '/';
  return (joined.startsWith('/') ? joined : `/${joined}`).replace(/\{([^}/]+)\}/g, ':$1');
}

/** Names of the `:name` placeholders of a router path. */
export function pathParamNames(path: string): string[] {
  return Array.from(path.matchAll(/:([A-Za-z0-9_$-]+)/g), (m) => m[1]);
}

/**
 * The routes of a controller class. `resolveInstance` is called on every
 * request (e.g. from the per-request container scope) and must return the
 * instance whose method is invoked. `metadata` defaults to the decorator
 * metadata; pass it to build controllers from data.
 *
 * Throws at registration when a method is missing, an argument has no
 * source, or a path parameter is not in the path.
 */
export function controllerRoutes(
  ctor: ControllerClass,
  resolveInstance: (ctx: RequestContext) => object,
  metadata: ControllerMetadata = getControllerMetadata(ctor),
): RouteSpec[] {
  const routes: RouteSpec[] = [];
  for (const [method, m] of Object.entries(metadata.methods)) {
    if (typeof (ctor.prototype as Record<string, unknown>)[method] !== 'function') {
      throw new Error(`Controller ${ctor.name} has route metadata for "${method}" but no such method.`);
    }
    routes.push(methodRoute(ctor, method, m, metadata, resolveInstance));
  }
  debug('%s: %d route(s)', ctor.name, routes.length);
  return routes;
}

function methodRoute(
  ctor: ControllerClass,
  method: string,
  m: MethodMetadata,
  controller: ControllerMetadata,
  resolveInstance: (ctx: RequestContext) => object,
): RouteSpec {
  const where = `${ctor.name}.${method}`;
  const path = joinRoutePath(controller.basePath, m.path);
  const parameters = orderedParameters(where, path, m);

  const { status, responses, ...opFields } = m.spec ?? {};
  const operation: OperationObject = {
    ...opFields,
    operationId: m.spec?.operationId ?? where,
    tags: m.spec?.tags ?? controller.tags ?? [ctor.name],
    responses: successResponses(where, responses, status),
  };
  if (parameters.length) operation.parameters = parameters;
  if (m.requestBody) {
    operation.requestBody = requestBodyObject(m.requestBody.spec ?? {});
    // No gaps are allowed, so the body's argument index is its position among the parameters.
    operation['x-body-index'] = m.requestBody.index;
  }

  const interceptors: Interceptor[] = [...(controller.interceptors ?? []), ...(m.interceptors ?? [])];
  const authorize = m.authorize ?? controller.authorize;
  const meta = authorize === undefined ? m.meta : { ...m.meta, authorize };
  const authenticate = m.authenticate ?? controller.authenticate;

  const spec: RouteSpec = {
    verb: m.verb,
    path,
    operation,
    invoke(args: unknown[], ctx: RequestContext) {
      const instance = resolveInstance(ctx) as Record<string, (...a: unknown[]) => unknown>;
      return instance[method](...args);
    },
  };
  if (interceptors.length) spec.interceptors = interceptors;
  if (authenticate) spec.authenticate = { ...authenticate };
  if (meta) spec.meta = meta;
  if (m.hidden) spec.hidden = true;
  return spec;
}

/** Parameters in argument order; the body slot is skipped, any other gap is an error. */
function orderedParameters(where: string, path: string, m: MethodMetadata): ParameterObject[] {
  const slots = m.params ?? [];
  const bodyIndex = m.requestBody?.index ?? -1;
  const count = Math.max(slots.length, bodyIndex + 1);
  const inPath = new Set(pathParamNames(path));
  const out: ParameterObject[] = [];
  for (let i = 0; i < count; i++) {
    if (i === bodyIndex) continue;
    const p = slots[i];
    if (!p) throw new Error(`${where}: argument #${i} has no @param or @requestBody decorator.`);
    if (p.in === 'path' && !inPath.has(p.name)) {
      throw new Error(`${where}: path parameter "${p.name}" does not appear in the route path "${path}".`);
    }
    out.push(p.in === 'path' ? { ...p, required: true } : { ...p });
  }
  return out;
}

function requestBodyObject(spec: RequestBodySpec): RequestBodyObject {
  const { schema, content, required, ...rest } = spec;
  return {
    ...rest,
    required: required ?? true,
    content: content ?? { 'application/json': { schema: schema ?? { type: 'object' } } },
  };
}

/** Ensure the responses name the success status (spec.status, else an existing 2xx, else 200). */
function successResponses(where: string, given: Record<string, unknown> | undefined, status: number | undefined): Record<string, unknown> {
  const responses: Record<string, unknown> = { ...given };
  const code = status ?? (Object.keys(responses).some((k) => /^2\d\d$/.test(k)) ? undefined : 200);
  if (code !== undefined && !(String(code) in responses)) {
    responses[String(code)] = { description: code === 204 ? 'No Content' : `Return value of ${where}` };
  }
  return responses;
}
