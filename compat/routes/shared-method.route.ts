/**
 * One strong-remoting shared method as core routes.
 *
 * Everything is compiled once per method (argument extractors for the method
 * and its sharedCtor, result shaper and writer). The route's args are the LB3
 * call itself, a RemotingContext (strong-remoting's `ctx`), and it flows
 * through the sequence's steps:
 *
 *   parseArgs → rctx: build the LB3 ctx → extract + coerce args (400s here) → what
 *              HttpContext does on creation for streaming methods → load the
 *              instance for prototype methods (error deferred) → rest.before
 *   authorize(rctx): the ACL authorizer (compat/security/acl.authorizer.ts)
 *   invoke(rctx) → result: the remote-hooks interceptor (deferred sharedCtor
 *              error → before hooks → … → after hooks) around: required/date
 *              checks → call the LB3 function (callback or promise) → shape
 *   onError(err, rctx): afterError hooks (ACL denials included), which may replace the error
 *   send(result, rctx): rest.after (null → 404 for findById/findOne, HEAD exists) → write
 *
 * That is LB3's phase order (see docs of compat/remoting/remote-hooks.adapter.ts).
 */
import debugFactory from 'debug';
import type { HttpVerb, Interceptor, RequestContext, RouteSpec } from '../../lib/rest/types';
import type { RemotingKit, ArgsExtractor, ArgsExtractorOptions } from '../remoting/remoting-kit';
import { RemotingContext, whileBuildingArgs } from '../remoting/remoting-context';
import { callLb3Function, settleNowOrLater } from '../remoting/lb3-call';
import { buildStreamEarlyStart, buildStreamPrelude } from '../remoting/stream-writer';

const debug = debugFactory('lb3-shim:compat:shared-method');

/** Route metadata for authorizers (ACL) and interceptors (remote hooks): `RouteSpec.meta.lb3`. */
export interface Lb3RouteMeta {
  modelName: string;
  /** Method name without `prototype.` */
  methodName: string;
  /** `Model.method` or `Model.prototype.method` (hook patterns match this). */
  stringName: string;
  isStatic: boolean;
  accessType?: string;
  /** The LB3 model class (shared class ctor). */
  ctor: any;
  sharedClass: any;
  sharedMethod: any;
}

export interface CompileSharedMethodOptions {
  sharedMethod: any;
  sharedClass: any;
  kit: RemotingKit;
  /** `remoting.rest` options of the app (exposed as LB3 ctx.options). */
  restOptions?: unknown;
  /** strong-remoting's type registry of the app (exposed as LB3 ctx.typeRegistry; it converts the arguments). */
  typeRegistry?: any;
  /** Remote hooks (compat/remote-hooks.adapter.ts): the route's interceptor and `onError`. */
  hooks?: Lb3RouteHooks;
}

/** What a compat route needs to run LB3 remote hooks (before/after around invoke, afterError). */
export interface Lb3RouteHooks {
  interceptor: Interceptor<RemotingContext>;
  onError(ctx: RequestContext, err: unknown, rctx: RemotingContext): unknown;
}

/** A compiled shared method; `toRouteSpec` makes one core route per (verb, path). */
export interface CompiledSharedMethod {
  readonly meta: Lb3RouteMeta;
  /** The LB3 call of this request. Synchronous when there is nothing asynchronous to do (a static method without `rest.before`). */
  parseArgs(ctx: RequestContext): RemotingContext | Promise<RemotingContext>;
  /** Call the LB3 function with the call's (possibly hook-edited) args; resolves to the shaped result. */
  invoke(rctx: RemotingContext, ctx: RequestContext): Promise<unknown>;
  /** Write `result` (after `rest.after`, which may replace it). Synchronous without `rest.after`. */
  send(ctx: RequestContext, result: unknown, rctx: RemotingContext): void | Promise<void>;
  /**
   * One core route. `mount` is the class mount path (e.g. `/Widgets`): the
   * route then sets `req.baseUrl`/`req.url` as LB3's class router does
   * (`/api/Widgets` and `/1?x=1`).
   */
  toRouteSpec(verb: HttpVerb, path: string, fixedParams?: Record<string, string>, mount?: string): RouteSpec<RemotingContext>;
}

/** Run an LB3 `(ctx, next)` hook such as `rest.before`/`rest.after` (callback or promise): undefined when it settled synchronously. */
function runLb3Hook(hook: (...a: any[]) => unknown, rctx: RemotingContext): Promise<void> | undefined {
  const scope = rctx.getScope();
  return settleNowOrLater((cb) => hook.call(scope, rctx, cb));
}

/**
 * Move the first `segments` path segments of `req.url` (relative to
 * restApiRoot) into `req.baseUrl`, as express does for strong-remoting's
 * per-class router: `/api` + `/Widgets/1?x=1` → `/api/Widgets` + `/1?x=1`.
 */
export function rebaseOnMount(req: { url: string; baseUrl: string }, segments: number): void {
  const url = req.url;
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  let pos = 0;
  for (let k = 0; k < segments; k++) {
    const next = pathname.indexOf('/', pos + 1);
    pos = next < 0 ? pathname.length : next;
  }
  req.baseUrl = (req.baseUrl || '') + pathname.slice(0, pos);
  const rest = url.slice(pos);
  req.url = rest === '' || rest[0] !== '/' ? '/' + rest : rest;
}

/** Compile a shared method once; the returned functions are the per-request path. */
export function compileSharedMethod(opts: CompileSharedMethodOptions): CompiledSharedMethod {
  const { sharedMethod, sharedClass, kit, hooks } = opts;
  const ctor = sharedClass.ctor;
  const isStatic = !!sharedMethod.isStatic;
  const http = Array.isArray(sharedMethod.http) ? (sharedMethod.http[0] ?? {}) : (sharedMethod.http ?? {});
  const errorStatus: number | undefined = http.errorStatus;
  const restBefore = sharedMethod.rest && typeof sharedMethod.rest.before === 'function' ? sharedMethod.rest.before : undefined;
  const restAfter = sharedMethod.rest && typeof sharedMethod.rest.after === 'function' ? sharedMethod.rest.after : undefined;

  const restOptions: any = opts.restOptions ?? {};
  const extractorOptions: ArgsExtractorOptions = {
    typeRegistry: opts.typeRegistry,
    // raw 'optionsFromRequest' (loopback turns its models' ones into functions already)
    optionsFromRequest(_ctx, rctx): unknown {
      if (typeof ctor?.createOptionsFromRemotingContext === 'function') return ctor.createOptionsFromRemotingContext(rctx);
      return {};
    },
    restOptions,
  };
  const extractor: ArgsExtractor = kit.buildArgsExtractor(sharedMethod.accepts ?? [], extractorOptions);
  // computed arguments (options from createOptionsFromRemotingContext, http functions) see the context as
  // strong-remoting's HttpContext constructor has it: before methodString, supportedTypes and result
  const computedArgs = ([] as any[]).concat(sharedMethod.accepts ?? []).some((a) => a && (typeof a.http === 'function' || a.http === 'optionsFromRequest'));
  const sharedCtor = isStatic ? undefined : (sharedMethod.sharedCtor ?? sharedClass.sharedCtor);
  const ctorExtractor = sharedCtor ? kit.buildArgsExtractor(sharedCtor.accepts ?? [], extractorOptions) : undefined;
  const shape = kit.buildResultShaper(sharedMethod.returns ?? []);
  const write = kit.buildResultWriter(
    { returns: sharedMethod.returns ?? [], http: { status: http.status } },
    { xml: restOptions.xml, supportedTypes: restOptions.supportedTypes },
  );

  // streaming methods: what strong-remoting's HttpContext does on creation, before ACL and hooks
  const streamPrelude = buildStreamPrelude(sharedMethod.returns);
  const streamEarlyStart = buildStreamEarlyStart(sharedMethod.returns);

  const meta: Lb3RouteMeta = {
    modelName: sharedClass.name,
    methodName: sharedMethod.name,
    stringName: sharedMethod.stringName,
    isStatic,
    accessType: sharedMethod.accessType,
    ctor,
    sharedClass,
    sharedMethod,
  };

  async function loadInstance(ctx: RequestContext, rctx: RemotingContext): Promise<void> {
    try {
      const ctorArgs = ctorExtractor!.extract(ctx, rctx);
      rctx.ctorArgs = ctorArgs;
      const out = await callLb3Function(sharedCtor.fn, ctor, ctorExtractor!.prepareInvoke(ctorArgs), true);
      rctx.instance = out ? out.values[0] : undefined;
    } catch (err) {
      // LB3 reports it only after the ACL, before the before-hooks (the interceptor and invoke throw it)
      debug('%s: sharedCtor failed, deferred: %s', meta.stringName, (err as Error)?.message ?? err);
      rctx.sharedCtorError = err;
    }
  }

  /** The asynchronous tail of parseArgs: load the instance (prototype methods), then `rest.before`. */
  async function parseArgsAsync(ctx: RequestContext, rctx: RemotingContext): Promise<RemotingContext> {
    if (ctorExtractor) await loadInstance(ctx, rctx);
    if (restBefore) {
      const pending = runLb3Hook(restBefore, rctx);
      if (pending !== undefined) await pending;
    }
    return rctx;
  }

  const compiled: CompiledSharedMethod = {
    meta,

    // Not async: static methods without `rest.before` (most of them) answer synchronously, and the
    // sequence then skips a microtask hop; a synchronous throw is handled like a rejection.
    parseArgs(ctx) {
      const rctx = new RemotingContext(ctx, sharedMethod, restOptions, opts.typeRegistry);
      const req = ctx.request as any;
      req.params = ctx.params;
      req.remotingContext = rctx;
      rctx.args = computedArgs ? whileBuildingArgs(rctx, () => extractor.extract(ctx, rctx)) : extractor.extract(ctx, rctx);
      // after coercion (HttpContext builds the args first), before the sharedCtor, ACL and hooks
      if (streamPrelude !== undefined) streamPrelude(ctx);
      if (streamEarlyStart !== undefined) streamEarlyStart(ctx);
      if (ctorExtractor || restBefore) return parseArgsAsync(ctx, rctx);
      return rctx;
    },

    async invoke(rctx, ctx) {
      if (rctx.sharedCtorError !== undefined) throw rctx.sharedCtorError;
      let result: unknown;
      try {
        // the named args, which LB3 before-hooks may have edited, in `accepts` order
        const positional = extractor.prepareInvoke(rctx.args);
        const fn = sharedMethod.getFunction();
        // a fresh stack: juggler throws and catches an Error per where-value, and capturing its
        // stack under the sequence's frames cost ~13 µs per request (docs/performance.md)
        const out = await callLb3Function(fn, rctx.getScope(), positional, true);
        result = out ? shape(out.fromPromise ? out.values[0] : out.values, out.fromPromise, ctx.response) : undefined;
      } catch (err) {
        throw kit.applyErrorStatus(err, errorStatus);
      }
      rctx.result = result;
      return result;
    },

    send(ctx, result, rctx) {
      // the result after the after-hooks; `rest.after` may still replace ctx.result, as in LB3
      rctx.result = result;
      if (restAfter) {
        const pending = runLb3Hook(restAfter, rctx);
        if (pending !== undefined) return pending.then(() => write(ctx, rctx.result));
      }
      write(ctx, rctx.result);
    },

    toRouteSpec(verb, path, fixedParams, mount) {
      const fixed = fixedParams && Object.keys(fixedParams).length > 0 ? fixedParams : undefined;
      const mountSegments = mount ? mount.split('/').filter(Boolean).length : 0;
      const parseArgs =
        fixed || mountSegments > 0
          ? (ctx: RequestContext): RemotingContext | Promise<RemotingContext> => {
              if (mountSegments > 0) rebaseOnMount(ctx.request, mountSegments);
              if (fixed) ctx.params = { ...ctx.params, ...fixed };
              return compiled.parseArgs(ctx);
            }
          : compiled.parseArgs;
      return {
        verb,
        path,
        operation: { operationId: meta.stringName, 'x-visibility': 'undocumented' },
        hidden: true,
        parseArgs,
        invoke: compiled.invoke,
        send: compiled.send,
        interceptors: hooks ? [hooks.interceptor] : undefined,
        onError: hooks ? hooks.onError : undefined,
        meta: { lb3: meta },
      };
    },
  };
  return compiled;
}
