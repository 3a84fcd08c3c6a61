/**
 * Where an authorizer learns who the caller is and which roles they hold: a
 * principal source. The core's AclAuthorizer only evaluates rules; a source
 * answers the questions that need data — the request's access token, role
 * membership (static, custom and database roles) and the ACL table's rows.
 * lb3-shim ships two: LB3's own models while LB3 is present
 * (compat/security/lb3-principal.source.ts) and juggler models of the same
 * tables when it is gone (native-principal.source.ts).
 */
import type { RequestContext } from '../rest/types';
import type { ModelAccessRule } from './access-rule';
import type { AccessContext, Caller } from './access-context';
import type { AclRowQuery } from './rule-matching';

/** A value now, or later. */
export type MaybePromise<T> = T | Promise<T>;

export interface PrincipalSource {
  /**
   * The caller of a request (undefined: anonymous). Throw an HttpError to fail the
   * request (e.g. 401 INVALID_TOKEN for an expired token, as LB3's token middleware does).
   */
  authenticate(ctx: RequestContext): MaybePromise<Caller | undefined>;
  /** Is the caller of `context` in `role` (`$everyone`, `$owner`, a custom or database role)? */
  isInRole(role: string, context: AccessContext): MaybePromise<boolean>;
  /** Rows of the ACL table matching a request (none when the app keeps no ACL table). */
  aclRows?(query: AclRowQuery): MaybePromise<readonly ModelAccessRule[]>;
}

/**
 * A custom role: answers whether the caller of `context` holds `role`. May
 * return a boolean, a promise, or call `callback` (LB3's resolver signature).
 */
export type RoleResolver = (role: string, context: AccessContext, callback: (err: unknown, inRole?: boolean) => void) => unknown;
