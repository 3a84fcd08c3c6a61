/**
 * Native models inside an LB3 app: each route of a migrated model X that its
 * native controller implements takes X's LB3 route slot; the others stay LB3.
 *
 *   load:    model modules from `<app>/migrated/index` (native-loader.ts) for
 *            the models the migration config names (migration-config.ts)
 *   compile: the native controller's routes (lib/ decorators), keyed by verb +
 *            path; X's repository class over X's juggler model (the one class
 *            LB3 relations, operation hooks and mixins already use: one copy of
 *            the data, one datasource); X's access rules from its module
 *   apply:   a RouteOwner for RemoteRoutesAdapter: where a native route has the
 *            same verb and path as an LB3 route of X, the native target takes
 *            the LB3 route's place in LB3's route order (precedence unchanged)
 *
 * A claimed route keeps the LB3 request pipeline around the native method:
 * argument coercion by strong-remoting's rules (the LB3-compatible argument
 * spec of the method it replaces), access tokens, the ACL check, remote hooks
 * (app-level, wildcard and X's own) with LB3's ctx, and the response writer —
 * only the invocation is native. The traffic switch (traffic-switch.ts) picks
 * the side per request and shadows reads.
 */
import debugFactory from 'debug';
import type { Application } from '../../lib/application';
import { controllerRoutes } from '../../lib/controllers/controller-routes';
import { resolveKey } from '../../lib/context/container';
import type { ModelModule } from '../../lib/model-module';
import { buildInterceptorChain, type InvocationChain } from '../../lib/rest/interceptor-chain';
import type { HttpVerb, RequestContext, RouteSpec } from '../../lib/rest/types';
import type { RemotingContext } from '../remoting/remoting-context';
import type { CompiledSharedMethod } from '../routes/shared-method.route';
import type { RouteClaim, RouteOwner, RouteTarget } from '../routes/remote-routes.adapter';
import type { MigrationConfig } from './migration-config';
import { loadModelModules } from './native-loader';
import { TrafficSwitch, type OutcomeComparator, type SideOutcome, type SwitchStats } from './traffic-switch';

const debug = debugFactory('lb3-shim:compat:native-models');

/** The side chosen for a request, keyed by its LB3 remoting context (read by gated model hooks and by invoke). */
const sideOf = new WeakMap<object, 'native' | 'lb3'>();

/** The hook kinds a model's own hooks are turned into interceptors for (afterError also runs for ACL denials, before any interceptor: it stays LB3's). */
const GATED_KINDS = ['before', 'after'] as const;

/** A native route of a model module, ready to take an LB3 slot. */
interface NativeRoute {
  model: string;
  /** `BookController.findById` */
  id: string;
  verb: HttpVerb;
  path: string;
  /** The native method with its interceptors (module-level, controller, method). */
  chain: InvocationChain;
  /** Where each positional argument comes from among the LB3 args. */
  argNames: Array<{ name: string } | { body: true }>;
  /** The controller's OpenAPI operation (documented in /openapi.json instead of LB3's). */
  operation: Record<string, unknown>;
}

/** One route of the app as `lb3-shim routes` lists it. */
export interface OwnedRoute {
  model: string;
  verb: string;
  path: string;
  /** The LB3 method, e.g. `Book.prototype.patchAttributes`. */
  method: string;
  /** Who answers it: native, LB3, or split by a ramp (a shadow, if any, is the other side). */
  side: 'native' | 'lb3' | 'split';
  /** The native route serving it (its operationId), e.g. `Book.findById`. */
  native?: string;
  /** The model's switch (`native`, `ramp:10`, ...). */
  switch?: string;
}

/** OpenAPI `/a/{id}` → route `/a/:id`. */
function openApiToRoutePath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/** The key of a (verb, path) pair: case-insensitive, parameter names ignored. */
function routeKey(verb: string, path: string): string {
  const p = path
    .split('/')
    .filter(Boolean)
    .map((s) => (s[0] === ':' ? ':' : s.toLowerCase()))
    .join('/');
  return `${verb.toLowerCase()} /${p}`;
}

export interface NativeModelsOptions {
  lb3App: any;
  app: Application;
  appDir: string | undefined;
  config: MigrationConfig;
  /** Shadow comparison (default: equal JSON forms). */
  compare?: OutcomeComparator;
  /** Mismatch log line sink (default console.warn). */
  log?: (line: string) => void;
}

/** The migrated models of one shim: their routes, switches and counters. */
export class NativeModels implements RouteOwner {
  readonly #routes = new Map<string, NativeRoute>();
  readonly #switches = new Map<string, TrafficSwitch>();
  readonly #modules: Map<string, ModelModule>;
  readonly #owned = new Map<string, OwnedRoute>();
  readonly #claimed = new Set<NativeRoute>();

  constructor(opts: NativeModelsOptions) {
    const { lb3App, app, config } = opts;
    const available = loadModelModules(config.migratedDir, opts.appDir ?? process.cwd());
    this.#modules = new Map();
    for (const [name, sw] of config.models) {
      const mod = available.get(name);
      if (!mod)
        throw new Error(
          `Model "${name}" is switched to "${sw.label}" (${config.source}) but ${config.migratedDir}/index exports no model module named "${name}" (it exports: ${[...available.keys()].join(', ') || 'none'}).`,
        );
      const Model = lb3App.models?.[name];
      if (!Model)
        throw new Error(`Native model "${name}" has no LB3 model of that name to take over (LB3 models: ${Object.keys(lb3App.models || {}).join(', ')}).`);
      this.#modules.set(name, mod);
      this.#remotes = lb3App.remotes();
      this.#switches.set(name, new TrafficSwitch({ model: name, switch: sw, compare: opts.compare, log: opts.log }));
      if (mod.acls) {
        // the module's access rules are X's rules from now on; LB3's ACL engine evaluates them with LB3's roles and tokens
        Model.settings.acls = mod.acls.map((a) => ({ ...a }));
      }
      // the native repository over X's juggler model class: the same rows LB3 sees
      app.repository(name, { value: new mod.repository(Model) });
      const key = `controllers.native.${name}`;
      app.bind(key, { class: mod.controller, lifetime: 'transient' });
      for (const spec of controllerRoutes(mod.controller, (ctx: RequestContext) => resolveKey<object>(ctx.scope, key))) {
        this.#addRoute(name, spec, mod);
      }
      debug('native model %s (%s): %d routes', name, sw.label, [...this.#routes.values()].filter((r) => r.model === name).length);
    }
  }

  #addRoute(model: string, spec: RouteSpec, mod: ModelModule): void {
    const params = (spec.operation.parameters ?? []) as Array<{ name: string }>;
    const bodyIndex = spec.operation['x-body-index'] as number | undefined;
    const argNames: NativeRoute['argNames'] = [];
    let p = 0;
    const count = params.length + (bodyIndex === undefined ? 0 : 1);
    for (let i = 0; i < count; i++) argNames.push(i === bodyIndex ? { body: true } : { name: params[p++].name });
    const interceptors = [...(mod.interceptors ?? []), ...(spec.interceptors ?? [])];
    const chain = buildInterceptorChain(interceptors, (ictx) => spec.invoke(ictx.args, ictx.requestContext));
    const route: NativeRoute = { model, id: String(spec.operation.operationId), verb: spec.verb, path: spec.path, chain, argNames, operation: spec.operation };
    const key = routeKey(spec.verb, spec.path);
    if (this.#routes.has(key)) throw new Error(`${route.id}: ${spec.verb.toUpperCase()} ${spec.path} is declared twice in the native controllers.`);
    this.#routes.set(key, route);
  }

  /** RouteOwner: the native target for an LB3 route of a native model, if its controller implements it. */
  claim(c: RouteClaim): RouteTarget | undefined {
    const model: string = c.sharedClass.name;
    const sw = this.#switches.get(model);
    if (!sw) return undefined;
    const native = this.#routes.get(routeKey(c.verb === 'all' ? 'post' : c.verb, c.path));
    const owned: OwnedRoute = { model, verb: c.verb, path: c.path, method: c.sharedMethod.stringName, side: 'lb3', switch: sw.label };
    this.#owned.set(`${c.verb} ${c.path}`, owned);
    if (!native || !sw.reachesNative) return undefined;
    owned.side = sw.answering;
    owned.native = native.id;
    this.#claimed.add(native);
    if (this.#modules.get(model)?.hooksAsInterceptors) this.#gateOwnHooks(c.sharedMethod.stringName);
    return nativeTarget(native, c.compiled, sw, c.sharedMethod);
  }

  readonly #gated = new Set<string>();
  #remotes: any;

  /**
   * X's own hooks of a native method (`X.beforeRemote('create')`, i.e. listeners
   * registered exactly on `before.X.create`; wildcards such as `**`, `X.*` or
   * `*.create` are not touched) skip requests the native side answers: the
   * module's interceptors do that work there. Requests answered by LB3 (ramp,
   * shadow, rollback) still run them. Hooks added after boot are not gated.
   */
  #gateOwnHooks(stringName: string): void {
    if (this.#gated.has(stringName)) return;
    this.#gated.add(stringName);
    const tree = this.#remotes?.listenerTree;
    if (!tree) return;
    for (const kind of GATED_KINDS) {
      let node = tree[kind];
      for (const part of stringName.split('.')) node = node?.[part];
      if (!node || !node._listeners) continue;
      const gate = (fn: (...a: unknown[]) => unknown) =>
        function gatedModelHook(this: unknown, ctx: object, next: () => void, method: unknown): unknown {
          if (sideOf.get(ctx) === 'native') return next();
          return fn.call(this, ctx, next, method);
        };
      node._listeners = Array.isArray(node._listeners) ? node._listeners.map(gate) : gate(node._listeners);
      debug('%s hooks of %s run only for LB3-served requests', kind, stringName);
    }
  }

  /** Models served (partly) natively, by name. */
  models(): string[] {
    return [...this.#modules.keys()];
  }

  /** Per-model counters: requests per side, shadow matches and mismatches. */
  stats(): SwitchStats[] {
    return [...this.#switches.values()].map((s) => s.stats());
  }

  /** Every LB3 route of the native models with the side that serves it. */
  ownedRoutes(): OwnedRoute[] {
    return [...this.#owned.values()];
  }

  /**
   * The OpenAPI fragment of the native routes LB3's document does not list.
   * A native route in an LB3 route's slot answers with LB3's argument coercion
   * and response writer, so clients see LB3's contract: LB3's operation
   * (parameters, request body, responses, operationId) stays the one listed.
   * Only a native route with no LB3 operation for its verb and path (parameter
   * names ignored) is documented, from its controller, with an operationId
   * unique across both documents.
   */
  openApiFragment(basePath: string, lb3Document: Record<string, unknown> = {}): Record<string, unknown> {
    const lb3Paths = (lb3Document.paths ?? {}) as Record<string, Record<string, unknown>>;
    const listed = new Set<string>();
    const seen = new Set<string>();
    for (const [path, item] of Object.entries(lb3Paths)) {
      for (const [verb, op] of Object.entries(item ?? {})) {
        listed.add(routeKey(verb, openApiToRoutePath(path)));
        const id = (op as { operationId?: unknown } | null)?.operationId;
        if (typeof id === 'string') seen.add(id);
      }
    }
    const paths: Record<string, Record<string, unknown>> = {};
    const base = basePath.replace(/\/+$/, '');
    for (const r of this.#claimed) {
      if (listed.has(routeKey(r.verb, base + r.path))) continue;
      const op: Record<string, unknown> = { ...r.operation };
      delete op['x-body-index'];
      const params = ((op.parameters as Array<Record<string, unknown>> | undefined) ?? []).filter((p) => p['x-request-options'] !== true);
      if (params.length) op.parameters = params;
      else delete op.parameters;
      let id = String(op.operationId);
      for (let i = 2; seen.has(id); i++) id = `${op.operationId}_${i}`;
      seen.add(id);
      op.operationId = id;
      const path = base + r.path.replace(/:([A-Za-z0-9_$-]+)/g, '{$1}');
      (paths[path] ??= {})[r.verb] = op;
    }
    return { paths };
  }

  /** Native routes that match no LB3 route of their model (not served: LB3 decides the URL space while it is present). */
  unclaimed(): string[] {
    return [...this.#routes.values()].filter((r) => !this.#claimed.has(r)).map((r) => `${r.id} (${r.verb.toUpperCase()} ${r.path})`);
  }
}

/** The LB3 route pipeline with the native method as its invocation, behind the traffic switch. */
function nativeTarget(native: NativeRoute, compiled: CompiledSharedMethod, sw: TrafficSwitch, sharedMethod: any): RouteTarget {
  const bodyArg: string | undefined = (sharedMethod.accepts ?? []).find((a: any) => a?.http?.source === 'body')?.arg;
  const method: string = sharedMethod.stringName;

  function nativeArgs(lb3Args: Record<string, unknown>): unknown[] {
    return native.argNames.map((a) => ('body' in a ? (bodyArg ? lb3Args[bodyArg] : undefined) : lb3Args[a.name]));
  }

  async function run(side: 'native' | 'lb3', rctx: RemotingContext, ctx: RequestContext): Promise<unknown> {
    if (side === 'lb3') return compiled.invoke(rctx, ctx);
    // prototype methods: the id is a sharedCtor argument
    const lb3Args = rctx.ctorArgs ? { ...rctx.ctorArgs, ...rctx.args } : rctx.args;
    const result = await native.chain({ requestContext: ctx, route: ctx.route, args: nativeArgs(lb3Args) });
    rctx.result = result;
    return result;
  }

  async function settle(side: 'native' | 'lb3', rctx: RemotingContext, ctx: RequestContext): Promise<SideOutcome> {
    try {
      return { ok: true, value: toPlain(await run(side, rctx, ctx)) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  async function invoke(rctx: RemotingContext, ctx: RequestContext): Promise<unknown> {
    const side = sideOf.get(rctx) ?? sw.pick();
    const verb = ctx.request.method;
    if (!sw.shadows || (verb !== 'GET' && verb !== 'HEAD')) return run(side, rctx, ctx);
    const primary = await settle(side, rctx, ctx);
    const primaryResult = rctx.result;
    const shadow = await settle(side === 'native' ? 'lb3' : 'native', rctx, ctx);
    sw.record(method, primary, shadow);
    if (!primary.ok) throw primary.error;
    rctx.result = primaryResult;
    return primaryResult;
  }

  return {
    toRouteSpec(verb, path, fixedParams, mount) {
      const spec = compiled.toRouteSpec(verb, path, fixedParams, mount);
      const lb3Parse = spec.parseArgs!;
      // the side is chosen before the remote hooks run, so X's own gated hooks know it
      const parseArgs = (ctx: RequestContext): RemotingContext | Promise<RemotingContext> => {
        const out = lb3Parse(ctx);
        if (!(out instanceof Promise)) {
          sideOf.set(out, sw.pick());
          return out;
        }
        return out.then((rctx) => {
          sideOf.set(rctx, sw.pick());
          return rctx;
        });
      };
      return { ...spec, parseArgs, invoke, meta: { ...spec.meta, native: { model: native.model, method: native.id, switch: sw.label, side: sw.answering } } };
    },
  };
}

/** Model instances → their JSON data (what the response would carry). */
function toPlain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null');
}
