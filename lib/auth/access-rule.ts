/**
 * Access rules as data: the shape of an LB3 model's `acls` entry and of a row
 * of the ACL table, and the request they are matched against. The vocabulary
 * (READ/WRITE/EXECUTE/REPLICATE, ALLOW/DENY, ROLE/USER/APP, `*`) is LB3's.
 */

/** The wildcard of every rule field (`model`, `property`, `accessType`). */
export const ALL = '*';

/** What a method does to the data: READ, REPLICATE, WRITE or EXECUTE (EXECUTE rules match every kind). */
export type AccessType = 'READ' | 'REPLICATE' | 'WRITE' | 'EXECUTE';

/** A rule's permission; ALARM and AUDIT allow (as in LB3), DEFAULT means "not decided". */
export type Permission = 'ALLOW' | 'DENY' | 'ALARM' | 'AUDIT' | 'DEFAULT';

/** Built-in principal types; a rule may also name a user model (apps with several user models). */
export const PRINCIPAL_TYPES = { USER: 'USER', APP: 'APP', ROLE: 'ROLE', SCOPE: 'SCOPE' } as const;

/** The static roles every principal source understands. */
export const STATIC_ROLES = {
  OWNER: '$owner',
  RELATED: '$related',
  AUTHENTICATED: '$authenticated',
  UNAUTHENTICATED: '$unauthenticated',
  EVERYONE: '$everyone',
} as const;

/** The order LB3 ranks permissions in: a stronger one wins among wildcard matches, and it breaks score ties. */
export const PERMISSION_ORDER: Readonly<Record<Permission, number>> = { DEFAULT: 0, ALLOW: 1, ALARM: 2, AUDIT: 3, DENY: 4 };

/** One access rule, in the shape LB3 model JSON uses (plain data, evaluated by an authorizer). */
export interface AccessRule {
  principalType: 'ROLE' | 'USER' | 'APP' | (string & {});
  /** `$everyone`, `$authenticated`, `$unauthenticated`, `$owner`, a role name or a user/app id. */
  principalId: string;
  permission: 'ALLOW' | 'DENY' | 'ALARM' | 'AUDIT';
  /** Method name, a list of them, or `*` (default). */
  property?: string | string[];
  /** READ | WRITE | EXECUTE | REPLICATE | * (default). */
  accessType?: AccessType | '*';
}

/**
 * A rule bound to a model and to at most one property: an entry of the ACL
 * table, or a static rule once it was picked for a property.
 */
export interface ModelAccessRule {
  model?: string;
  property?: string;
  accessType?: string;
  permission?: string;
  principalType?: string;
  principalId?: string | number;
}

/** What is being accessed: the model, the method (with its aliases) and the kind of access. */
export interface AccessRequest {
  /** Model name, or `*`. */
  model: string;
  /** Method name, or `*`. */
  property: string;
  /** Every name the method answers to (its aliases and its name): rules on any of them apply. */
  methodNames: readonly string[];
  accessType: AccessType | '*';
}
