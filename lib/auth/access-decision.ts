/**
 * One access decision with LB3's semantics (its `ACL.checkAccessForContext`):
 * a token whose scopes the method does not accept is denied; otherwise the
 * ACL table's rows and the model's static rules are matched against the
 * caller — a rule naming the caller's own principal applies, a ROLE rule
 * applies when the principal source puts the caller in that role — and the
 * best-ranked applicable rule decides (rule-matching.ts).
 *
 * `evaluate: 'all'` asks the source about every ROLE rule, as LB3 does (every
 * resolver runs; `authorizedRoles` lists the allowing roles the caller holds).
 * `'needed'` asks in rank order and stops at the first applicable rule: the
 * same decision, fewer role look-ups, no `authorizedRoles`.
 *
 * Synchronous while the source answers synchronously.
 */
import { PRINCIPAL_TYPES, type ModelAccessRule, type Permission } from './access-rule';
import { isScopeAllowed, type AccessContext } from './access-context';
import type { MaybePromise, PrincipalSource } from './principal-source';
import { aclRowQuery, isWildcard, rankRules, resolvePermission, settle } from './rule-matching';

/** The outcome of one access check. */
export interface AccessDecision {
  allowed: boolean;
  /** The deciding permission (DEFAULT settled to the model's default). */
  permission: Permission;
  /** `evaluate: 'all'` and allowed: the roles of applicable allowing rules (LB3's `options.authorizedRoles`); else `{}`. */
  authorizedRoles: Record<string, true>;
  /** `scope`: the token's scopes do not include one the method accepts. */
  deniedBy?: 'scope';
}

export interface AccessCheck {
  /** The context role resolvers see; it is also the request (model, property, method names, access type). */
  context: AccessContext;
  /** The model's static rules for the property (staticRulesFor). */
  rules: readonly ModelAccessRule[];
  source: Pick<PrincipalSource, 'isInRole' | 'aclRows'>;
  /** The model's `defaultPermission` (default ALLOW). */
  defaultPermission?: string;
  /** The method's `accessScopes` (default `DEFAULT`). */
  methodScopes?: readonly string[];
  /** Default 'needed'. */
  evaluate?: 'all' | 'needed';
}

function isThenable<T>(v: MaybePromise<T>): v is Promise<T> {
  return v !== null && typeof v === 'object' && typeof (v as Promise<T>).then === 'function';
}

/** Does a rule name one of the caller's own principals (type and id, ids compared as strings)? */
function namesPrincipal(rule: ModelAccessRule, ctx: AccessContext): boolean {
  for (const p of ctx.principals) if (p.type === rule.principalType && String(p.id) === String(rule.principalId)) return true;
  return false;
}

/** LB3's `ACL.isAllowed` of one rule: DEFAULT takes the model default; a missing permission allows. */
function ruleAllows(permission: string | undefined, defaultPermission?: string): boolean {
  return (permission === 'DEFAULT' ? defaultPermission || 'ALLOW' : permission) !== 'DENY';
}

/** Decide one request. */
export function decideAccess(check: AccessCheck): MaybePromise<AccessDecision> {
  const { context, source } = check;
  if (!isScopeAllowed(context.caller, check.methodScopes)) {
    return { allowed: false, permission: 'DENY', authorizedRoles: {}, deniedBy: 'scope' };
  }
  const rows = source.aclRows ? source.aclRows(aclRowQuery(context)) : [];
  if (isThenable(rows)) return rows.then((r) => decideWith(check, r));
  return decideWith(check, rows);
}

function decideWith(check: AccessCheck, rows: readonly ModelAccessRule[]): MaybePromise<AccessDecision> {
  const candidates = rows.length === 0 ? check.rules : [...rows, ...check.rules];
  if (check.evaluate === 'all' || isWildcard(check.context)) return decideAll(check, candidates);
  return decideNeeded(check, candidates);
}

/** LB3's way: every rule naming the caller applies; every ROLE rule asks the source. */
function decideAll(check: AccessCheck, candidates: readonly ModelAccessRule[]): MaybePromise<AccessDecision> {
  const { context, source, defaultPermission } = check;
  const direct: ModelAccessRule[] = [];
  const asked: Array<{ rule: ModelAccessRule; inRole: MaybePromise<boolean> }> = [];
  let pending = false;
  for (const rule of candidates) {
    if (namesPrincipal(rule, context)) direct.push(rule);
    else if (rule.principalType === PRINCIPAL_TYPES.ROLE) {
      const inRole = source.isInRole(String(rule.principalId), context);
      if (isThenable(inRole)) pending = true;
      asked.push({ rule, inRole });
    }
  }
  const finish = (answers: readonly boolean[]): AccessDecision => {
    const effective = [...direct];
    const roles: Record<string, true> = {};
    answers.forEach((inRole, i) => {
      if (!inRole) return;
      const rule = asked[i].rule;
      effective.push(rule);
      if (ruleAllows(rule.permission, defaultPermission)) roles[String(rule.principalId)] = true;
    });
    const permission = resolvePermission(effective, context, defaultPermission);
    const allowed = permission !== 'DENY';
    return { allowed, permission, authorizedRoles: allowed ? roles : {} };
  };
  if (!pending) return finish(asked.map((a) => a.inRole as boolean));
  return Promise.all(asked.map((a) => a.inRole)).then(finish);
}

/** Rank order, first applicable rule decides (a request without wildcards only). */
function decideNeeded(check: AccessCheck, candidates: readonly ModelAccessRule[]): MaybePromise<AccessDecision> {
  const { context, source, defaultPermission } = check;
  const ranked = rankRules(candidates, context);
  const decided = (rule: ModelAccessRule | undefined): AccessDecision => {
    const permission = settle(rule?.permission, defaultPermission);
    return { allowed: permission !== 'DENY', permission, authorizedRoles: {} };
  };
  const from = (start: number): MaybePromise<AccessDecision> => {
    for (let i = start; i < ranked.length; i++) {
      const { rule, score } = ranked[i];
      if (score < 0) break;
      if (namesPrincipal(rule, context)) return decided(rule);
      if (rule.principalType !== PRINCIPAL_TYPES.ROLE) continue;
      const inRole = source.isInRole(String(rule.principalId), context);
      if (isThenable(inRole)) return inRole.then((yes) => (yes ? decided(rule) : from(i + 1)));
      if (inRole) return decided(rule);
    }
    return decided(undefined);
  };
  return from(0);
}
