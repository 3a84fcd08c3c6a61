/**
 * A principal source as the sequence's authentication strategy: the caller
 * it finds becomes `ctx.principal` (`{ id: userId ?? tokenId, caller, accessToken }`),
 * and its errors (401 INVALID_TOKEN for an expired token) fail every route,
 * as LB3's token middleware does.
 */
import type { AuthenticationStrategy, Principal, RequestContext } from '../rest/types';
import type { Caller } from './access-context';
import type { MaybePromise, PrincipalSource } from './principal-source';

function toPrincipal(caller: Caller | undefined): Principal | undefined {
  if (!caller) return undefined;
  const id = (caller.userId ?? caller.tokenId) as string | number;
  return { id, caller, accessToken: caller.token };
}

export function principalSourceStrategy(source: PrincipalSource, name = 'access-token'): AuthenticationStrategy {
  return {
    name,
    authenticate(ctx: RequestContext): MaybePromise<Principal | undefined> {
      const caller = source.authenticate(ctx);
      if (caller && typeof (caller as Promise<Caller>).then === 'function') return (caller as Promise<Caller | undefined>).then(toPrincipal);
      return toPrincipal(caller as Caller | undefined);
    },
  };
}
