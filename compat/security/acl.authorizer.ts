/**
 * LB3 ACLs as a core Authorizer: the sequence's authorize step of every LB3
 * route (and of native routes declaring `lb3Acl`), decided per route when it
 * is registered.
 *
 * - LB3 routes: strong-remoting's `auth` phase, i.e. the hook loopback's
 *   `enableAuth()` installed as `remotes.authorization`, which calls
 *   `Model.checkAccess(req.accessToken, modelId, sharedMethod, ctx, cb)`
 *   and fails with LB3's own denial errors (401 AUTHORIZATION_REQUIRED,
 *   403 ACCESS_DENIED, 404 MODEL_NOT_FOUND by `aclErrorStatus`).
 * - native routes declaring `meta.lb3Acl` (see {@link Lb3AclMeta}): the same
 *   `Model.checkAccess` call and the same errors, so one set of LB3 ACLs
 *   (static and database rows, roles, resolvers) guards both kinds of routes.
 *
 * The errors are thrown, never returned as 'deny', so the core sequence's
 * generic 401/403 never answers an LB3-guarded route.
 */
import debugFactory from 'debug';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer, RequestContext, Route } from '../../lib/rest/types';
import type { RemotingContext } from '../remoting/remoting-context';
import { RemotingPhases } from '../remoting/remoting-phases';
import { AclDecisionCache } from './acl-decision-cache';
import { lb3Errors } from '../errors/lb3-errors';
import type { Lb3Adapter } from '../adapter';
import type { CallerClass } from './acl-decision-cache';

const debug = debugFactory('lb3-shim:compat:acl');

const allow = (): AuthorizationDecision => 'allow';

/**
 * LB3-style ACL declaration for a native (lib/) route:
 * `route({ ..., meta: { lb3Acl: { model: 'Note', property: 'find', accessType: 'READ' } } })`,
 * or on a controller method: `@authorize({ lb3Acl: { model: 'Note', property: 'find' } })`.
 */
export interface Lb3AclMeta {
  /** LB3 model name (or class) whose ACLs apply. */
  model: string | { modelName: string };
  /** ACL `property` (method name), e.g. `find`, `__get__notes`. */
  property: string;
  /** READ | WRITE | EXECUTE | REPLICATE (default: LB3's rule from the property name and `verb`). */
  accessType?: string;
  /** HTTP verb used by LB3's default access-type rule (GET/HEAD → READ). Default: the route's verb. */
  verb?: string;
  /** Path parameter holding the model id (default `id`; then body `id`, then query `id`, as LB3). */
  idParam?: string;
}

/** `meta.lb3Acl` of a route spec, or `meta.authorize.lb3Acl` (controllers: `@authorize({ lb3Acl })`). */
export function nativeAclOf(meta: Record<string, unknown> | undefined): Lb3AclMeta | undefined {
  if (!meta) return undefined;
  if (meta.lb3Acl) return meta.lb3Acl as Lb3AclMeta;
  const authorize = meta.authorize as { lb3Acl?: Lb3AclMeta } | undefined;
  return authorize && typeof authorize === 'object' && authorize.lb3Acl ? authorize.lb3Acl : undefined;
}

function aclModelName(acl: Lb3AclMeta): string {
  return typeof acl.model === 'string' ? acl.model : acl.model.modelName;
}

/** Denial status as LB3: anonymous → 401, else model `aclErrorStatus`, app `aclErrorStatus`, 401. */
export function lb3AclErrorStatus(lb3App: any, Model: any, accessToken: unknown): number {
  if (!accessToken) return 401;
  const settings = (Model && Model.settings) || {};
  return settings.aclErrorStatus || lb3App.get('aclErrorStatus') || 401;
}

/** Model id as LB3's auth hook finds it: the loaded instance, then path, body, query `id`. */
function modelIdFor(ctx: RequestContext, idParam: string): unknown {
  const req = ctx.request as any;
  const fromPath = ctx.params ? ctx.params[idParam] : undefined;
  if (fromPath !== undefined) return fromPath;
  if (req.body && req.body.id !== undefined) return req.body.id;
  if (req.query && req.query.id !== undefined) return req.query.id;
  return undefined;
}

/** Check an LB3 ACL for any route: resolves when allowed, rejects with LB3's error when denied. */
export function checkLb3Access(opts: {
  lb3App: any;
  Model: any;
  modelId: unknown;
  sharedMethod: { name: string; aliases: string[]; accessType?: string; http?: { verb?: string }; stringName?: string };
  accessToken: unknown;
  remotingContext: unknown;
}): Promise<void> {
  const { lb3App, Model, modelId, sharedMethod, accessToken } = opts;
  return new Promise<void>((resolve, reject) => {
    Model.checkAccess(accessToken, modelId, sharedMethod, opts.remotingContext, (err: unknown, allowed: boolean) => {
      if (err) return reject(err);
      if (allowed) return resolve();
      debug('denied %s for %s', sharedMethod.stringName ?? sharedMethod.name, accessToken ? 'a token' : 'anonymous');
      reject(lb3Errors.aclDenied(lb3AclErrorStatus(lb3App, Model, accessToken), Model.modelName, modelId));
    });
  });
}

/** The core Authorizer enforcing the LB3 app's ACLs. */
export class Lb3AclAuthorizer implements Authorizer {
  readonly name = 'lb3-acl';
  readonly #lb3App: any;
  readonly #phases: RemotingPhases;

  readonly #cache: AclDecisionCache | undefined;
  readonly #nativeRoutes: boolean;

  /**
   * `loopback` (the app's own package) enables the memo of caller-independent decisions (see
   * AclDecisionCache). `nativeRoutes` (default true): also guard native routes declaring `lb3Acl`
   * (createShim enables it with `enableAuth()`, as LB3 checks no ACL without it).
   */
  constructor(opts: { lb3App: any; phases?: RemotingPhases; loopback?: any; nativeRoutes?: boolean }) {
    this.#lb3App = opts.lb3App;
    this.#phases = opts.phases ?? new RemotingPhases(opts.lb3App.remotes());
    this.#cache = opts.loopback ? new AclDecisionCache({ lb3App: opts.lb3App, loopback: opts.loopback }) : undefined;
    this.#nativeRoutes = opts.nativeRoutes ?? true;
  }

  /** Forget memoised decisions (model ACL settings or methods changed at runtime). */
  reset(): void {
    this.#cache?.reset();
  }

  /**
   * At registration: LB3 routes, and native routes declaring `lb3Acl`, get this authorizer;
   * other routes never call it. A `lb3Acl` naming a model the LB3 app does not have fails here.
   */
  appliesTo(route: Route): boolean {
    if (route.meta?.lb3 !== undefined) return true;
    const acl = nativeAclOf(route.meta);
    if (acl === undefined) return false;
    const modelName = aclModelName(acl);
    if (!this.#findModel(modelName)) throw lb3Errors.unknownAclModel(route.id, modelName);
    return this.#nativeRoutes;
  }

  /**
   * strong-remoting's `auth` phase for an LB3 route (its args are the LB3 call), `Model.checkAccess`
   * for a native one. Synchronous when there is nothing to check or the memo answers; the
   * sequence then skips a microtask hop. Denials throw LB3's errors.
   */
  authorize(request: AuthorizationRequest): AuthorizationDecision | Promise<AuthorizationDecision> {
    const route = request.route;
    if (route.meta?.lb3 !== undefined) {
      const rctx = request.args as RemotingContext;
      const phases = this.#phases;
      if (!phases.isStock()) return phases.runThroughAuth(rctx).then(allow);
      if (!phases.hasAuthorization()) return 'abstain';
      const cache = this.#cache;
      const caller = cache?.callerClass(rctx.req.accessToken);
      if (caller !== undefined && cache!.isAllowed(rctx.method, caller)) return 'allow';
      return this.#checkLb3(rctx, caller);
    }
    return this.#checkNative(request.requestContext, nativeAclOf(route.meta)!).then(allow);
  }

  /** strong-remoting's `auth` step (`remotes.authorization`), remembered when the memo may keep it. */
  async #checkLb3(rctx: RemotingContext, caller: CallerClass | undefined): Promise<AuthorizationDecision> {
    const cache = this.#cache;
    const sharedMethod = rctx.method;
    const generation = cache?.begin(sharedMethod, caller);
    const acl = cache ? cache.runCheck(() => this.#phases.authorize(rctx)) : this.#phases.authorize(rctx);
    if (acl !== undefined) await acl;
    if (generation !== undefined) cache!.remember(sharedMethod, caller!, generation);
    return 'allow';
  }

  /** The LB3 model class of that name that can check access, if the app has one. */
  #findModel(modelName: string): any {
    const app = this.#lb3App;
    const Model = (app.models && app.models[modelName]) || app.registry.findModel(modelName);
    return Model && typeof Model.checkAccess === 'function' ? Model : undefined;
  }

  async #checkNative(ctx: RequestContext, acl: Lb3AclMeta): Promise<void> {
    const app = this.#lb3App;
    const modelName = aclModelName(acl);
    // looked up per request: a live app may have replaced or removed the model since registration
    const Model = this.#findModel(modelName);
    if (!Model) throw lb3Errors.unknownAclModel(ctx.route.id, modelName);
    const req = ctx.request as any;
    const sharedMethod = {
      name: acl.property,
      aliases: [] as string[],
      accessType: acl.accessType,
      http: { verb: acl.verb ?? ctx.route.verb },
      stringName: `${modelName}.${acl.property}`,
      isStatic: true,
      ctor: Model,
    };
    // what role resolvers may read from a remoting context
    const remotingContext = { req, res: ctx.response, args: {}, method: sharedMethod, methodString: sharedMethod.stringName, requestContext: ctx };
    await checkLb3Access({
      lb3App: app,
      Model,
      modelId: modelIdFor(ctx, acl.idParam ?? 'id'),
      sharedMethod,
      accessToken: req.accessToken,
      remotingContext,
    });
  }
}

/** What the ACL adapter decided from the LB3 app. */
export interface AclPlan {
  /** `enableAuth()` was called at boot: native `lb3Acl` routes are checked, and the decision memo is on. */
  authEnabled: boolean;
}

/**
 * load/compile: whether auth is enabled; apply: the authorizer, registered for every LB3 route
 * (the authorize step is strong-remoting's `auth` phase, a no-op until `enableAuth()`).
 */
export const aclAdapter: Lb3Adapter<boolean, AclPlan, Lb3AclAuthorizer> = {
  kind: 'ACLs',
  load: ({ lb3App }) => !!lb3App.isAuthEnabled,
  compile: (authEnabled) => ({ authEnabled }),
  apply(plan, { lb3App, app, phases }) {
    const acl = new Lb3AclAuthorizer({
      lb3App,
      phases,
      // the app's own loopback module (lb3App.loopback) is the reference for what a stock ACL check is
      loopback: plan.authEnabled ? lb3App.loopback : undefined,
      nativeRoutes: plan.authEnabled,
    });
    app.authorizer(acl);
    return acl;
  },
};
