/**
 * The `ctx` LB3 user code sees in remote hooks, `rest.after`, `http` functions
 * and `createOptionsFromRemotingContext`: a look-alike of strong-remoting's
 * HttpContext, built once per request by the shared-method route. It is also
 * the route's args in the core sequence (parseArgs returns it, the ACL step,
 * the hooks interceptor, invoke and send receive it): the one record of an LB3
 * call — the method, its named args, the loaded instance or the deferred
 * sharedCtor error, the result.
 */
import { EventEmitter } from 'events';
import type { RequestContext } from '../../lib/rest/types';
import type { RemotingCallContext } from './types';

/** strong-remoting's default `supportedTypes` (XML ones dropped unless `rest.xml` is on). */
const DEFAULT_SUPPORTED_TYPES = ['application/json', 'application/javascript', 'application/xml', 'text/javascript', 'text/xml', 'json', 'xml', '*/*'];
const JSON_SUPPORTED_TYPES = DEFAULT_SUPPORTED_TYPES.filter((t) => !/\bxml\b/i.test(t));

/**
 * strong-remoting HttpContext look-alike. User code enumerates it (hooks log
 * `Object.keys(ctx)`), so its own enumerable keys are HttpContext's, in the
 * same order: the EventEmitter fields, method, typeRegistry, req, res,
 * options, args, methodString, supportedTypes, result; `ctorArgs`/`instance`
 * appear for prototype methods and `error` once an error happened. Our own
 * bookkeeping (`requestContext`, `sharedCtorError`) is not enumerable.
 */
export class RemotingContext extends EventEmitter implements RemotingCallContext {
  [k: string]: unknown;
  method: any;
  typeRegistry: unknown;
  req: any;
  res: any;
  /** The REST adapter options (`remoting.rest` of config.json). */
  options?: unknown;
  args: Record<string, unknown>;
  methodString: string;
  supportedTypes: string[];
  /** `{}` before invoke, as in LB3; the shaped result afterwards. */
  result?: unknown;
  declare instance?: unknown;
  declare ctorArgs?: Record<string, unknown>;
  declare error?: unknown;
  // Private fields behind prototype accessors keep the bookkeeping out of the enumerable keys;
  // cheaper per request than two Object.defineProperty calls on every new context.
  readonly #requestContext: RequestContext;
  #sharedCtorError: unknown = undefined;

  constructor(ctx: RequestContext, sharedMethod: any, restOptions: unknown, typeRegistry?: unknown) {
    super();
    this.#requestContext = ctx;
    this.method = sharedMethod;
    this.typeRegistry = typeRegistry;
    this.req = ctx.request;
    this.res = ctx.response;
    const options = (restOptions ?? {}) as { supportedTypes?: string[]; xml?: boolean };
    this.options = options;
    this.args = {};
    this.methodString = sharedMethod.stringName;
    this.supportedTypes = options.supportedTypes ?? (options.xml ? DEFAULT_SUPPORTED_TYPES : JSON_SUPPORTED_TYPES);
    this.result = {};
  }

  /** The core request context (not enumerable). */
  get requestContext(): RequestContext {
    return this.#requestContext;
  }

  /** As strong-remoting's HttpContext: the instance could not be loaded (reported after ACL; not enumerable). */
  get sharedCtorError(): unknown {
    return this.#sharedCtorError;
  }

  set sharedCtorError(err: unknown) {
    this.#sharedCtorError = err;
  }

  /** As HttpContext: path params, then body, then query, then a header of that name. */
  getArgByName(name: string): unknown {
    const req = this.req;
    const params = this.requestContext.params;
    if (params && params[name] !== undefined) return params[name];
    if (req.body && req.body[name] !== undefined) return req.body[name];
    if (req.query && req.query[name] !== undefined) return req.query[name];
    return req.get(name);
  }

  /** `this` of the invoked function: the instance for prototype methods, else the model class. */
  getScope(): unknown {
    return this.instance || this.method.ctor || (this.method.sharedMethod && this.method.sharedMethod.ctor);
  }

  /** No-op, as for strong-remoting's REST contexts outside its own writer. */
  setReturnArgByName(_name: string, _value: unknown): void {
    // strong-remoting uses this for header/status targets; our result writer handles them
  }
}

/**
 * Run `fn` (a model's `createOptionsFromRemotingContext`) while `rctx` looks
 * as strong-remoting's HttpContext does when it builds the method's arguments
 * inside its constructor: `args`, `methodString`, `supportedTypes` and
 * `result` are not set yet. (The sharedCtor's arguments are built later, on a
 * complete context.)
 */
export function whileBuildingArgs<T>(rctx: RemotingCallContext, fn: () => T): T {
  const c = rctx as unknown as Record<'args' | 'methodString' | 'supportedTypes' | 'result', unknown>;
  const { args, methodString, supportedTypes, result } = c;
  c.args = c.methodString = c.supportedTypes = c.result = undefined;
  try {
    return fn();
  } finally {
    c.args = args;
    c.methodString = methodString;
    c.supportedTypes = supportedTypes;
    c.result = result;
  }
}
