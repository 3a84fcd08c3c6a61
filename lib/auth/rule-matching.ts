/**
 * How access rules are ranked and decided, with LB3's semantics (its
 * `ACL.getMatchingScore`, `ACL.resolvePermission` and `ACL.getStaticACLs`):
 *
 * - a rule's score weighs, from most to least significant: how well its
 *   model, property and access type match the request (exact 3, rule
 *   wildcard 2, request wildcard 1, mismatch: the rule does not apply), its
 *   principal type (USER > APP > ROLE > other), the role it names (custom
 *   roles > `$owner` > `$related` > `$authenticated`/`$unauthenticated` >
 *   `$everyone`), then its permission (DENY > AUDIT > ALARM > ALLOW);
 * - an EXECUTE rule matches every access type, a WRITE rule also REPLICATE;
 *   a rule's property matches the method's name or any of its aliases;
 * - for a specific request the best-scored applicable rule decides; for a
 *   request with a wildcard, an exactly matching rule or the first stronger
 *   permission does; nothing applicable leaves the model's default
 *   permission (ALLOW unless the model sets `defaultPermission`).
 *
 * Pure functions over plain data; the principal matching is in access-decision.ts.
 */
import {
  ALL,
  PERMISSION_ORDER,
  PRINCIPAL_TYPES,
  STATIC_ROLES,
  type AccessRequest,
  type AccessRule,
  type ModelAccessRule,
  type Permission,
} from './access-rule';

const ROLE_WEIGHT: Readonly<Record<string, number>> = {
  [STATIC_ROLES.OWNER]: 4,
  [STATIC_ROLES.RELATED]: 3,
  [STATIC_ROLES.AUTHENTICATED]: 2,
  [STATIC_ROLES.UNAUTHENTICATED]: 2,
  [STATIC_ROLES.EVERYONE]: 1,
};

/** The weight of one of model/property/accessType, or -1 when the rule does not apply. */
function fieldScore(field: 'model' | 'property' | 'accessType', rule: ModelAccessRule, req: AccessRequest): number {
  const ruleValue = rule[field] || ALL;
  const requested = req[field] || ALL;
  let exact = ruleValue === requested;
  if (field === 'property' && !exact) exact = req.methodNames.includes(ruleValue);
  if (field === 'accessType' && !exact) {
    if (ruleValue === 'EXECUTE') exact = true;
    else if (ruleValue === 'WRITE') exact = requested === 'REPLICATE';
  }
  if (exact) return 3;
  if (ruleValue === ALL) return 2;
  if (requested === ALL) return 1;
  return -1;
}

/** LB3's matching score of a rule for a request: higher is more specific; -1 when the rule does not apply. */
export function matchingScore(rule: ModelAccessRule, req: AccessRequest): number {
  let score = 0;
  for (const field of ['model', 'property', 'accessType'] as const) {
    const s = fieldScore(field, rule, req);
    if (s < 0) return -1;
    score = score * 4 + s;
  }
  const type = rule.principalType;
  score = score * 4 + (type === PRINCIPAL_TYPES.USER ? 4 : type === PRINCIPAL_TYPES.APP ? 3 : type === PRINCIPAL_TYPES.ROLE ? 2 : 1);
  score *= 8;
  if (type === PRINCIPAL_TYPES.ROLE) score += ROLE_WEIGHT[String(rule.principalId)] ?? 5;
  return score * 4 + PERMISSION_ORDER[(rule.permission || 'ALLOW') as Permission] - 1;
}

/** Is the request for a wildcard (any model, property or access type)? */
export function isWildcard(req: AccessRequest): boolean {
  return req.model === ALL || req.property === ALL || req.accessType === ALL;
}

/** Does a rule name exactly this model, method (or alias) and access type? */
function exactlyMatches(rule: ModelAccessRule, req: AccessRequest): boolean {
  if (rule.model !== req.model || rule.accessType !== req.accessType) return false;
  return rule.property === req.property || (rule.property !== undefined && req.methodNames.includes(rule.property));
}

/** Rules sorted by descending score (stable: equal scores keep their order), with their scores. */
export function rankRules<R extends ModelAccessRule>(rules: readonly R[], req: AccessRequest): Array<{ rule: R; score: number }> {
  return rules.map((rule) => ({ rule, score: matchingScore(rule, req) })).sort((a, b) => b.score - a.score);
}

/**
 * The permission the rules give a request (the rules whose principal matched the
 * caller), `DEFAULT` settled to `defaultPermission` (or ALLOW).
 */
export function resolvePermission(rules: readonly ModelAccessRule[], req: AccessRequest, defaultPermission?: string): Permission {
  let permission: string | undefined = 'DEFAULT';
  const wildcard = isWildcard(req);
  for (const { rule, score } of rankRules(rules, req)) {
    if (score < 0) break;
    if (!wildcard || exactlyMatches(rule, req)) {
      permission = rule.permission;
      break;
    }
    // a wildcard request: the first strictly stronger permission wins
    if (PERMISSION_ORDER[rule.permission as Permission] > PERMISSION_ORDER[permission as Permission]) {
      permission = rule.permission;
      break;
    }
  }
  return settle(permission, defaultPermission);
}

/** DEFAULT (or nothing) → the model's default permission, else ALLOW. */
export function settle(permission: string | undefined, defaultPermission?: string): Permission {
  if (!permission || permission === 'DEFAULT') return (defaultPermission || 'ALLOW') as Permission;
  return permission as Permission;
}

/** Does a permission allow? (Everything but DENY does: ALARM and AUDIT allow, as in LB3.) */
export function isAllowed(permission: string | undefined, defaultPermission?: string): boolean {
  return settle(permission, defaultPermission) !== 'DENY';
}

/**
 * A model's static rules that apply to a property, bound to the model and the
 * property (LB3's `getStaticACLs`): rules without a property or with `*`, rules
 * naming the property, and rules whose property list contains it. Rules are
 * picked by the method's own name only; a rule naming one of its aliases still
 * applies when it comes from the ACL table.
 */
export function staticRulesFor(model: string, rules: readonly AccessRule[] | undefined, property: string): ModelAccessRule[] {
  const out: ModelAccessRule[] = [];
  for (const rule of rules ?? []) {
    let prop = rule.property;
    if (Array.isArray(prop)) {
      if (!prop.includes(property)) continue;
      prop = property;
    }
    if (prop && prop !== ALL && prop !== property) continue;
    out.push({
      model,
      property: prop || ALL,
      principalType: rule.principalType,
      principalId: rule.principalId,
      accessType: rule.accessType || ALL,
      permission: rule.permission,
    });
  }
  return out;
}

/** The ACL-table query of a request (LB3's): rows for the model or `*`, any method name or `*`, the access type (REPLICATE: or WRITE) or `*`. */
export interface AclRowQuery {
  model: string;
  /** Undefined: any property (a wildcard request). */
  properties?: readonly string[];
  /** Undefined: any access type (a wildcard request). */
  accessTypes?: readonly string[];
}

export function aclRowQuery(req: AccessRequest): AclRowQuery {
  return {
    model: req.model,
    properties: req.property === ALL ? undefined : [...req.methodNames, ALL],
    accessTypes: req.accessType === ALL ? undefined : req.accessType === 'REPLICATE' ? ['REPLICATE', 'WRITE', ALL] : [req.accessType, ALL],
  };
}

/** The juggler `where` of an ACL-table query (the one LB3 sends). */
export function aclRowWhere(query: AclRowQuery): Record<string, unknown> {
  return {
    model: { inq: [query.model, ALL] },
    property: query.properties ? { inq: [...query.properties] } : undefined,
    accessType: query.accessTypes ? { inq: [...query.accessTypes] } : undefined,
  };
}
