/**
 * Who asks for what: the caller a principal source found on a request (an
 * access token's facts), the principals it stands for, and the access
 * context role resolvers are asked about.
 */
import type { AccessRequest } from './access-rule';
import { PRINCIPAL_TYPES } from './access-rule';

/** The caller behind a request, as a principal source authenticated it (an access token's facts). */
export interface Caller {
  /** The user the token belongs to. */
  userId?: unknown;
  /** The user's principal type: `USER` (default), or the user model's name in apps with several user models. */
  principalType?: string;
  /** The application the token belongs to, if any. */
  appId?: unknown;
  /** The token's id. */
  tokenId?: string;
  /** Scopes granted to the token (none: `DEFAULT`). */
  scopes?: readonly string[];
  /** The token object itself (an LB3 AccessToken or a native one), for role resolvers. */
  token?: unknown;
}

/** One principal a caller stands for: `{ type: 'USER', id: 3 }`, `{ type: 'APP', id: 'x' }`. */
export interface AclPrincipal {
  type: string;
  id: unknown;
}

/** The scope of methods and tokens that declare none. */
export const DEFAULT_SCOPES: readonly string[] = ['DEFAULT'];

/** The principals of a caller: its user (typed by `principalType`, default USER) and its application. */
export function principalsOf(caller: Caller | undefined): AclPrincipal[] {
  const out: AclPrincipal[] = [];
  if (!caller) return out;
  if (caller.userId != null) out.push({ type: caller.principalType || PRINCIPAL_TYPES.USER, id: caller.userId });
  if (caller.appId != null && !(out.length && out[0].type === PRINCIPAL_TYPES.APP && String(out[0].id) === String(caller.appId))) {
    out.push({ type: PRINCIPAL_TYPES.APP, id: caller.appId });
  }
  return out;
}

/**
 * Does the token carry a scope the method accepts? (Methods without `accessScopes`
 * and tokens without `scopes` both have `DEFAULT`; an anonymous caller has `DEFAULT`.)
 */
export function isScopeAllowed(caller: Caller | undefined, methodScopes: readonly string[] | undefined): boolean {
  const tokenScopes = caller?.scopes ?? DEFAULT_SCOPES;
  const required = methodScopes ?? DEFAULT_SCOPES;
  return Array.isArray(tokenScopes) && Array.isArray(required) && required.some((s) => tokenScopes.includes(s));
}

/** What a role resolver is asked about: the request, the target instance and the caller. */
export interface AccessContext extends AccessRequest {
  /** The id of the model instance the method works on (path `id`, body `id` or query `id`), if any. */
  modelId?: unknown;
  /** The caller (undefined: anonymous). */
  caller?: Caller;
  /** The principals the caller stands for. */
  principals: readonly AclPrincipal[];
  /**
   * Whatever the host passes along for resolvers (the core: the request's
   * AuthorizationRequest; compat: also LB3's remoting context).
   */
  request?: unknown;
}

/** The user principal of a context (the first USER, or custom user-model, principal). */
export function userOf(ctx: Pick<AccessContext, 'principals'>, isUserType: (type: string) => boolean = () => true): AclPrincipal | undefined {
  for (const p of ctx.principals) {
    if (p.type === PRINCIPAL_TYPES.APP || p.type === PRINCIPAL_TYPES.ROLE || p.type === PRINCIPAL_TYPES.SCOPE) continue;
    if (p.type === PRINCIPAL_TYPES.USER || isUserType(p.type)) return p;
  }
  return undefined;
}

/** Is the caller authenticated (a user or an application)? */
export function isAuthenticated(ctx: Pick<AccessContext, 'principals'>, isUserType?: (type: string) => boolean): boolean {
  return userOf(ctx, isUserType)?.id != null || ctx.principals.some((p) => p.type === PRINCIPAL_TYPES.APP && p.id != null);
}
