/**
 * The core authorizer for access rules: the sequence's authorize step of
 * every route that names an ACL target (`meta.acl`, or `@authorize({ acl })`
 * on a controller). Per route, once, at registration: the access request
 * (model, method name and aliases, access type) and the model's static rules
 * for that method, ranked. Per request: the caller from the principal
 * source, the ACL table rows and role membership from the source, one
 * decision (access-decision.ts). Denials throw LB3's errors: 401
 * AUTHORIZATION_REQUIRED for an anonymous caller, else the model's (or the
 * authorizer's) `aclErrorStatus`: 401, 403 ACCESS_DENIED, or 404
 * MODEL_NOT_FOUND naming the model and id.
 */
import debugFactory from 'debug';
import { errors } from '../errors/http-error';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer, Route } from '../rest/types';
import type { AccessRequest, AccessRule, AccessType, ModelAccessRule } from './access-rule';
import { principalsOf, type AccessContext, type Caller } from './access-context';
import { decideAccess, type AccessDecision } from './access-decision';
import { accessTypeOf } from './access-type';
import type { MaybePromise, PrincipalSource } from './principal-source';
import { staticRulesFor } from './rule-matching';

const debug = debugFactory('lb3-shim:auth:acl');

/**
 * What a route accesses, for its access rules: `meta: { acl: { model: 'Book', property: 'findById' } }`
 * or `@authorize({ acl: { model: 'Book', property: 'deleteById', aliases: ['destroyById', 'removeById'] } })`.
 */
export interface AclTarget {
  /** The model whose rules apply. */
  model: string;
  /** The method name rules name (`find`, `patchAttributes`, `__get__books`, a custom method). */
  property: string;
  /** Other names of the method (`updateAttributes` for `patchAttributes`): rules on them apply too. */
  aliases?: readonly string[];
  /** The method's access type; default LB3's rule from the property name and the route's verb. */
  accessType?: AccessType;
  /** Scopes a token must hold one of (default `DEFAULT`, which every unscoped token holds). */
  accessScopes?: readonly string[];
  /** Path parameter holding the model id (default `id`; then body `id`, then query `id`). */
  idParam?: string;
}

/** A model's access settings: its rules, and what a denial or a rule-less method answers. */
export interface AclModelSettings {
  acls?: readonly AccessRule[];
  /** ALLOW (default) or DENY for a method no rule applies to. */
  defaultPermission?: string;
  /** Status of a denial of a caller with a token: 401 (default), 403 or 404. */
  aclErrorStatus?: number;
}

export interface AclAuthorizerOptions {
  source: PrincipalSource;
  /** The access settings of a model by name (undefined: the route is misconfigured, registration fails). */
  model(name: string): AclModelSettings | undefined;
  /** The target of a route (default: `route.meta.acl`, then `route.meta.authorize.acl`). */
  target?(route: Route): AclTarget | undefined;
  /** Denial status when the model sets none (LB3: the app's `aclErrorStatus`); default 401. */
  aclErrorStatus?: number;
  /** The model id of a request (default: path `idParam`, then body `id`, then query `id`). */
  modelIdOf?(req: AuthorizationRequest, target: AclTarget): unknown;
  /** What role resolvers get as `context.request` (default: the AuthorizationRequest). */
  resolverRequest?(req: AuthorizationRequest): unknown;
  /** 'all' (LB3: every role rule resolved, authorizedRoles) or 'needed' (default). */
  evaluate?: 'all' | 'needed';
  /** Called with every decision made from rules (not for scope denials), before a denial throws. */
  onDecision?(req: AuthorizationRequest, decision: AccessDecision): void;
  /** The error for a denial (default: the core catalogue's LB3-worded errors). */
  denial?(status: number, model: string, modelId: unknown): Error;
}

/** A target compiled at registration: its access request, static rules and model settings. */
export interface CompiledTarget {
  target: AclTarget;
  request: AccessRequest;
  rules: ModelAccessRule[];
  settings: AclModelSettings;
}

/** `meta.acl`, or `meta.authorize.acl` (controllers: `@authorize({ acl })`). */
export function aclTargetOf(meta: Record<string, unknown> | undefined): AclTarget | undefined {
  if (!meta) return undefined;
  if (meta.acl) return meta.acl as AclTarget;
  const authorize = meta.authorize as { acl?: AclTarget } | undefined;
  return authorize && typeof authorize === 'object' && authorize.acl ? authorize.acl : undefined;
}

/** The core's denial errors for a status (LB3's messages and codes). */
export function aclDenial(status: number, model: string, modelId: unknown): Error {
  if (status === 401) return errors.authorizationRequired();
  if (status === 404) return errors.aclModelNotFound(model, modelId);
  return errors.aclAccessDenied(status);
}

function defaultModelId(req: AuthorizationRequest, target: AclTarget): unknown {
  const ctx = req.requestContext;
  const fromPath = ctx.params ? ctx.params[target.idParam ?? 'id'] : undefined;
  if (fromPath !== undefined) return fromPath;
  const r = ctx.request as { body?: { id?: unknown }; query?: { id?: unknown } };
  if (r.body && typeof r.body === 'object' && r.body.id !== undefined) return r.body.id;
  if (r.query && r.query.id !== undefined) return r.query.id;
  return undefined;
}

function isThenable<T>(v: MaybePromise<T>): v is Promise<T> {
  return v !== null && typeof v === 'object' && typeof (v as Promise<T>).then === 'function';
}

export class AclAuthorizer implements Authorizer {
  readonly name = 'acl';
  readonly #opts: AclAuthorizerOptions;
  readonly #routes = new WeakMap<Route, CompiledTarget>();

  constructor(opts: AclAuthorizerOptions) {
    this.#opts = opts;
  }

  /** Compile the route's target; false for routes without one. Throws for a model the options do not know. */
  appliesTo(route: Route): boolean {
    const target = this.#opts.target ? this.#opts.target(route) : aclTargetOf(route.meta);
    if (!target) return false;
    this.#routes.set(route, this.compile(target, route.verb, route.id));
    return true;
  }

  /** The access request and static rules of a target (also for hosts deciding outside a route). */
  compile(target: AclTarget, verb: string | undefined, where = `${target.model}.${target.property}`): CompiledTarget {
    const settings = this.#opts.model(target.model);
    if (!settings) throw new Error(`${where}: access rules for model "${target.model}" are unknown (no model of that name has access settings).`);
    const accessType = target.accessType ?? accessTypeOf({ name: target.property, verb });
    const request: AccessRequest = {
      model: target.model,
      property: target.property,
      methodNames: [...(target.aliases ?? []), target.property],
      accessType,
    };
    const rules = staticRulesFor(target.model, settings.acls, target.property);
    debug('%s: %s %s.%s, %d static rules', where, accessType, target.model, target.property, rules.length);
    return { target, request, rules, settings };
  }

  authorize(req: AuthorizationRequest): MaybePromise<AuthorizationDecision> {
    const compiled = this.#routes.get(req.route);
    if (!compiled) return 'abstain';
    const caller = this.#opts.source.authenticate(req.requestContext);
    if (isThenable(caller)) return caller.then((c) => this.#decide(req, compiled, c));
    return this.#decide(req, compiled, caller);
  }

  #decide(req: AuthorizationRequest, compiled: CompiledTarget, caller: Caller | undefined): MaybePromise<AuthorizationDecision> {
    const opts = this.#opts;
    const modelId = (opts.modelIdOf ?? defaultModelId)(req, compiled.target);
    const context: AccessContext = {
      ...compiled.request,
      modelId,
      caller,
      principals: principalsOf(caller),
      request: opts.resolverRequest ? opts.resolverRequest(req) : req,
    };
    const decision = decideAccess({
      context,
      rules: compiled.rules,
      source: opts.source,
      defaultPermission: compiled.settings.defaultPermission,
      methodScopes: compiled.target.accessScopes,
      evaluate: opts.evaluate,
    });
    if (isThenable(decision)) return decision.then((d) => this.#conclude(req, compiled, context, d));
    return this.#conclude(req, compiled, context, decision);
  }

  #conclude(req: AuthorizationRequest, compiled: CompiledTarget, context: AccessContext, decision: AccessDecision): AuthorizationDecision {
    if (decision.deniedBy === undefined) this.#opts.onDecision?.(req, decision);
    if (decision.allowed) return 'allow';
    const status = context.caller ? compiled.settings.aclErrorStatus || this.#opts.aclErrorStatus || 401 : 401;
    debug(
      'denied %s.%s (%s) for %s: %d',
      compiled.target.model,
      compiled.target.property,
      decision.permission,
      context.caller ? 'a caller' : 'anonymous',
      status,
    );
    throw (this.#opts.denial ?? aclDenial)(status, compiled.target.model, context.modelId);
  }
}
