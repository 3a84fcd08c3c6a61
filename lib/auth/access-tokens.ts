/**
 * Access tokens as LB3 resolves them (`AccessToken.resolve` and
 * `validate`): a token id not in the table is no token (anonymous); a token
 * older than its `ttl` seconds, or an eternal one (`ttl: -1`) where the user
 * model does not set `allowEternalTokens`, is deleted and the request fails
 * with 401 INVALID_TOKEN; a token without a valid `created` date or `ttl`
 * fails with LB3's assertion messages (500).
 */
import debugFactory from 'debug';
import { errors } from '../errors/http-error';
import type { Caller } from './access-context';

const debug = debugFactory('lb3-shim:auth:tokens');

/** A stored token (an AccessToken model instance). */
export interface StoredToken {
  id: string;
  ttl?: number;
  created?: Date;
  userId?: unknown;
  principalType?: string;
  appId?: unknown;
  scopes?: string[];
  destroy?(): Promise<unknown>;
}

export interface TokenValidationOptions {
  /** The user model of a token (its `principalType`, else the AccessToken `user` relation's target); undefined: none found. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  userModelOf?(token: StoredToken): any;
  /** "now" in ms (tests). */
  now?: () => number;
}

/** Is the token still valid? Throws LB3's assertion errors for a malformed one. */
export function isTokenValid(token: StoredToken, opts: TokenValidationOptions = {}): boolean {
  const created = token.created;
  if (!(created && typeof (created as Date).getTime === 'function')) throw new Error('token.created must be a valid Date');
  if (token.ttl === 0) throw new Error('token.ttl must be not be 0');
  if (!token.ttl) throw new Error('token.ttl must exist');
  if (!(token.ttl >= -1)) throw new Error('token.ttl must be >= -1');
  if (token.ttl === -1) {
    const User = opts.userModelOf?.(token);
    return !!(User && User.settings && User.settings.allowEternalTokens);
  }
  const elapsedSeconds = ((opts.now ?? Date.now)() - created.getTime()) / 1000;
  return elapsedSeconds < token.ttl;
}

/**
 * Find and validate a token by id: the token, undefined when there is none,
 * or an HttpError 401 INVALID_TOKEN (after deleting it) when it expired.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function resolveAccessToken(TokenModel: any, id: string, opts: TokenValidationOptions = {}): Promise<StoredToken | undefined> {
  const token: StoredToken | null = await TokenModel.findById(id);
  if (!token) return undefined;
  if (isTokenValid(token, opts)) return token;
  debug('token of user %s expired', token.userId);
  if (typeof token.destroy === 'function') await token.destroy();
  throw errors.invalidToken();
}

/** The caller a token stands for. */
export function callerOfToken(token: StoredToken | null | undefined): Caller | undefined {
  if (!token) return undefined;
  return { userId: token.userId, principalType: token.principalType, appId: token.appId, tokenId: token.id, scopes: token.scopes, token };
}
