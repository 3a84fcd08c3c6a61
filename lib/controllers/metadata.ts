/**
 * Controller metadata in plain data form, and the store the decorators write
 * into. Code that builds controllers without decorators (compat, tests)
 * passes a `ControllerMetadata` to `controllerRoutes()` directly.
 *
 * No reflect-metadata: one WeakMap keyed by the class constructor.
 */
import type { HttpVerb, Interceptor } from '../rest/types';
import type { ParameterObject, RequestBodyObject, SchemaObject } from '../openapi/schema';

/** Any class whose instances handle routes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ControllerClass = new (...args: any[]) => object;

/** Any class a decorator is applied to (its constructor function). */
export type AnyClass = abstract new (...args: never[]) => unknown;

/** `@authenticate()` options; copied into `RouteSpec.authenticate`. */
export interface AuthenticateMetadata {
  required?: boolean;
  strategies?: string[];
}

/** Extra operation fields given to `@get(path, spec)` and friends. */
export interface OperationSpec extends Record<string, unknown> {
  summary?: string;
  description?: string;
  /** OpenAPI responses; the success status key is added when missing. */
  responses?: Record<string, unknown>;
  /** Success status code (default 200). */
  status?: number;
  tags?: string[];
  operationId?: string;
  /** Keep the route out of /openapi.json (it is still served). */
  'x-visibility'?: 'undocumented';
}

/** `@requestBody()` input: a full OpenAPI request body, or the `schema` shorthand. */
export interface RequestBodySpec extends RequestBodyObject {
  /** Shorthand for `content['application/json'].schema` (default `{ type: 'object' }`). */
  schema?: SchemaObject;
}

/** One controller method mapped to an HTTP endpoint. */
export interface MethodMetadata {
  verb: HttpVerb;
  /** Relative to the controller's basePath; `{id}` or `:id` placeholders. */
  path: string;
  spec?: OperationSpec;
  /** Parameter objects by argument index (the body's index stays empty). */
  params?: Array<ParameterObject | undefined>;
  /** The request body and its argument index. */
  requestBody?: { index: number; spec?: RequestBodySpec };
  /** Method-level interceptors, outermost first. */
  interceptors?: Interceptor[];
  /** Overrides the controller-level value. */
  authenticate?: AuthenticateMetadata;
  /** Stored as `RouteSpec.meta.authorize`; overrides the controller-level value. */
  authorize?: unknown;
  /** Extra `RouteSpec.meta` entries. */
  meta?: Record<string, unknown>;
  /** Keep the route out of /openapi.json. */
  hidden?: boolean;
}

/** Everything `controllerRoutes()` needs to know about a controller. */
export interface ControllerMetadata {
  /** Prefix of every method path (default ''). */
  basePath?: string;
  /** OpenAPI tags of every operation (default: the class name). */
  tags?: string[];
  /** Controller-level interceptors, outermost first; they wrap method-level ones. */
  interceptors?: Interceptor[];
  authenticate?: AuthenticateMetadata;
  authorize?: unknown;
  /** Keyed by method name. */
  methods: Record<string, MethodMetadata>;
}

/**
 * Method entries are created by parameter decorators before the verb
 * decorator runs, so verb/path may be missing until then.
 */
type DraftMethod = Partial<MethodMetadata> & { params?: Array<ParameterObject | undefined> };
interface DraftController extends Omit<ControllerMetadata, 'methods'> {
  methods: Record<string, DraftMethod>;
}

const store = new WeakMap<AnyClass, DraftController>();

/** The mutable record decorators write into (created on first use). @internal */
export function ownMetadata(ctor: AnyClass): DraftController {
  let meta = store.get(ctor);
  if (!meta) {
    meta = { methods: {} };
    store.set(ctor, meta);
  }
  return meta;
}

/** The mutable method record decorators write into. @internal */
export function ownMethodMetadata(ctor: AnyClass, method: string): DraftMethod {
  const meta = ownMetadata(ctor);
  return (meta.methods[method] ??= {});
}

/**
 * The decorator metadata of `ctor`, merged with its base classes' (subclass
 * wins per method; class-level interceptors of bases run outside).
 * Methods that got parameter decorators but no verb decorator are left out.
 */
export function getControllerMetadata(ctor: ControllerClass): ControllerMetadata {
  const chain: DraftController[] = [];
  for (let c: AnyClass | null = ctor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const m = store.get(c);
    if (m) chain.unshift(m);
  }
  const result: ControllerMetadata = { methods: {} };
  for (const m of chain) {
    if (m.basePath !== undefined) result.basePath = m.basePath;
    if (m.tags !== undefined) result.tags = m.tags;
    if (m.authenticate !== undefined) result.authenticate = m.authenticate;
    if (m.authorize !== undefined) result.authorize = m.authorize;
    if (m.interceptors?.length) result.interceptors = [...(result.interceptors ?? []), ...m.interceptors];
    for (const [name, method] of Object.entries(m.methods)) {
      if (method.verb === undefined || method.path === undefined) continue;
      result.methods[name] = { ...method, verb: method.verb, path: method.path };
    }
  }
  return result;
}
