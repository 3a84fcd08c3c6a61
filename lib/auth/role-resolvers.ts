/**
 * Role resolvers by name: the static roles (`$everyone`, `$authenticated`,
 * `$unauthenticated`; `$owner` needs data and is the principal source's) and
 * the app's custom roles (`registerRoleResolver('patron', fn)`), called the
 * way LB3 calls `Role.registerResolver` functions: with a callback, or
 * returning a promise (or, here, a boolean).
 */
import { STATIC_ROLES } from './access-rule';
import { isAuthenticated, type AccessContext } from './access-context';
import type { MaybePromise, RoleResolver } from './principal-source';

/** A resolver's answer: a boolean, now or later. Errors reject. */
export function callResolver(resolver: RoleResolver, role: string, context: AccessContext): MaybePromise<boolean> {
  let settled = false;
  let syncAnswer: boolean | undefined;
  let syncError: unknown;
  let resolveLater: ((v: boolean) => void) | undefined;
  let rejectLater: ((e: unknown) => void) | undefined;
  const callback = (err: unknown, inRole?: boolean): void => {
    if (settled) return;
    settled = true;
    if (resolveLater) return err ? rejectLater!(err) : resolveLater(!!inRole);
    syncError = err;
    syncAnswer = !!inRole;
  };
  const returned = resolver(role, context, callback);
  if (returned && typeof (returned as Promise<unknown>).then === 'function') {
    return (returned as Promise<unknown>).then((v) => {
      settled = true;
      return !!v;
    });
  }
  if (typeof returned === 'boolean') return returned;
  if (settled) {
    if (syncError) throw syncError;
    return syncAnswer!;
  }
  return new Promise<boolean>((resolve, reject) => {
    resolveLater = resolve;
    rejectLater = reject;
  });
}

/** The role registry of one principal source. */
export class RoleResolvers {
  readonly #resolvers = new Map<string, RoleResolver>();

  constructor(opts: { isUserType?: (type: string) => boolean } = {}) {
    const isUserType = opts.isUserType;
    this.register(STATIC_ROLES.EVERYONE, () => true);
    this.register(STATIC_ROLES.AUTHENTICATED, (_r, ctx) => isAuthenticated(ctx, isUserType));
    this.register(STATIC_ROLES.UNAUTHENTICATED, (_r, ctx) => !isAuthenticated(ctx, isUserType));
  }

  /** Add or replace the resolver of a role (the static ones too, as LB3 allows). */
  register(role: string, resolver: RoleResolver): void {
    if (typeof resolver !== 'function') throw new TypeError(`The resolver of role "${role}" must be a function.`);
    this.#resolvers.set(role, resolver);
  }

  get(role: string): RoleResolver | undefined {
    return this.#resolvers.get(role);
  }

  has(role: string): boolean {
    return this.#resolvers.has(role);
  }
}
