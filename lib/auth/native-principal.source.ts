/**
 * The principal source of an app without LB3: juggler models of LB3's
 * access-control tables (auth-models.ts) answer who the caller is and which
 * roles they hold, with LB3's rules:
 *
 * - authenticate: the token id from the request (token-extractor.ts), looked
 *   up and validated once per request (access-tokens.ts); `req.accessToken`
 *   is set as `loopback.token()` sets it (the token, or null);
 * - `$everyone`, `$authenticated`, `$unauthenticated` and custom resolvers
 *   (role-resolvers.ts); `$owner` by LB3's owner rule ({@link isOwner});
 * - any other role: a Role row of that name and a RoleMapping row mapping one
 *   of the caller's principals (USER id, APP id) to it — direct mappings
 *   only, as LB3 (a ROLE principal mapped to a role does not make its members
 *   members);
 * - ACL table rows from the ACL model; on the memory connector the table is
 *   counted once and after each write, and an empty table is answered without
 *   a query.
 */
import debugFactory from 'debug';
import type { RequestContext } from '../rest/types';
import { PRINCIPAL_TYPES, STATIC_ROLES, type ModelAccessRule } from './access-rule';
import { userOf, type AccessContext, type Caller } from './access-context';
import { callerOfToken, resolveAccessToken, type StoredToken } from './access-tokens';
import type { AuthModels } from './auth-models';
import type { MaybePromise, PrincipalSource, RoleResolver } from './principal-source';
import { callResolver, RoleResolvers } from './role-resolvers';
import { aclRowWhere, type AclRowQuery } from './rule-matching';
import { tokenIdFromRequest, type TokenLookupOptions } from './token-extractor';

const debug = debugFactory('lb3-shim:auth:native-source');

/* eslint-disable @typescript-eslint/no-explicit-any -- juggler model classes and instances are untyped */

export interface NativePrincipalSourceOptions {
  /** The access-control models (defineAuthModels); `ACL` may be left out (no ACL table). */
  models: Pick<AuthModels, 'AccessToken' | 'Role' | 'RoleMapping'> & Partial<Pick<AuthModels, 'ACL'>>;
  /** The juggler class of a model by name (`$owner` loads the instance; user models are recognised by it). */
  modelClass(name: string): any;
  /** Where tokens are looked for (`loopback.token()` options). */
  tokens?: TokenLookupOptions;
  /** The app has several user models (LB3: the User model's `accessTokens` relation is polymorphic). Default false. */
  multipleUserModels?: boolean;
}

/** Same ids, as LB3 compares owners: neither empty, equal or equal as strings (e.g. an ObjectID). */
function sameId(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || a === '' || b === undefined || b === null || b === '') return false;
  return a === b || String(a) === String(b);
}

/** Is the class `User` or a subclass of it (in its own model builder)? */
export function isUserClass(modelClass: any): boolean {
  const User = modelClass?.modelBuilder?.models?.User;
  if (!User) return false;
  return modelClass === User || modelClass.prototype instanceof User;
}

function callback<T>(fn: (cb: (err: unknown, v?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));
}

/**
 * LB3's owner rule: is the user the owner of the model instance? A User model's
 * own instance is owned by itself; otherwise the instance is loaded and, unless
 * the model sets `ownerRelations`, its `userId` or `owner` property must equal
 * the user's id, else its first belongsTo relation to a user model is followed;
 * with `ownerRelations` (true or a list of relation names) any listed belongsTo
 * relation to a user model may hold the user.
 */
export async function isOwner(opts: {
  modelClass: any;
  modelId: unknown;
  userId: unknown;
  principalType?: string;
  multipleUserModels?: boolean;
  options?: object;
}): Promise<boolean> {
  const { modelClass, modelId, userId } = opts;
  const principalType = opts.principalType || PRINCIPAL_TYPES.USER;
  if (!userId) return false;
  const multiple = !!opts.multipleUserModels;
  const typeOk = (!multiple && principalType === PRINCIPAL_TYPES.USER) || (multiple && principalType !== PRINCIPAL_TYPES.USER);
  if (!typeOk) return false;
  if (isUserClass(modelClass) && (principalType === PRINCIPAL_TYPES.USER || principalType === modelClass.modelName)) return sameId(modelId, userId);
  const inst = await modelClass.findById(modelId, opts.options ?? {});
  if (!inst) return false;
  const considered = (rel: any): boolean =>
    rel.type === 'belongsTo' &&
    isUserClass(rel.modelTo) &&
    ((!multiple && principalType === PRINCIPAL_TYPES.USER) || (multiple && principalType === rel.modelTo.modelName));
  const relatedUserIs = async (name: string): Promise<boolean> => {
    const user = await callback<any>((cb) => inst[name](cb));
    return !!user && sameId(user.id, userId);
  };
  const ownerRelations = modelClass.settings?.ownerRelations;
  if (!ownerRelations) {
    const ownerId = inst.userId || inst.owner;
    if (principalType === PRINCIPAL_TYPES.USER && ownerId && typeof ownerId !== 'function') return sameId(ownerId, userId);
    for (const [name, rel] of Object.entries<any>(modelClass.relations ?? {})) {
      if (considered(rel)) return relatedUserIs(name);
    }
    return false;
  }
  for (const [name, rel] of Object.entries<any>(modelClass.relations ?? {})) {
    if (!considered(rel)) continue;
    if (ownerRelations !== true && !(Array.isArray(ownerRelations) && ownerRelations.includes(name))) continue;
    if (await relatedUserIs(name)) return true;
  }
  return false;
}

export class NativePrincipalSource implements PrincipalSource {
  readonly #opts: NativePrincipalSourceOptions;
  readonly #roles: RoleResolvers;
  readonly #callers = new WeakMap<object, MaybePromise<Caller | undefined>>();
  /** True while the (memory) ACL table is known to be empty. */
  #aclTableEmpty = false;
  #aclGeneration = 0;

  constructor(opts: NativePrincipalSourceOptions) {
    this.#opts = opts;
    this.#roles = new RoleResolvers({ isUserType: (type) => isUserClass(opts.modelClass(type)) });
    this.#roles.register(STATIC_ROLES.OWNER, (_role, ctx) => this.#isOwner(ctx));
    this.#watchAclTable();
  }

  /** Add a custom role (LB3's `Role.registerResolver`): `(role, context, cb)`, a promise or a boolean. */
  registerRoleResolver(role: string, resolver: RoleResolver): void {
    this.#roles.register(role, resolver);
  }

  /** The caller of a request: its access token's, looked up once per request. */
  authenticate(ctx: RequestContext): MaybePromise<Caller | undefined> {
    const req = ctx.request as any;
    const known = this.#callers.get(req);
    if (known !== undefined) return known;
    let found: MaybePromise<Caller | undefined>;
    if (req.accessToken !== undefined) found = callerOfToken(req.accessToken);
    else {
      const id = tokenIdFromRequest(req, this.#opts.tokens);
      if (!id) {
        req.accessToken = null;
        found = undefined;
      } else {
        found = this.#lookUp(req, id);
      }
    }
    this.#callers.set(req, found);
    return found;
  }

  async #lookUp(req: any, id: string): Promise<Caller | undefined> {
    try {
      const token = await resolveAccessToken(this.#opts.models.AccessToken, id, { userModelOf: (t) => this.#userModelOf(t) });
      req.accessToken = token ?? null;
      return callerOfToken(token);
    } catch (err) {
      req.accessToken = null;
      throw err;
    }
  }

  #userModelOf(token: StoredToken): any {
    if (token.principalType) return this.#opts.modelClass(token.principalType);
    return this.#opts.models.AccessToken.relations?.user?.modelTo;
  }

  isInRole(role: string, context: AccessContext): MaybePromise<boolean> {
    const resolver = this.#roles.get(role);
    if (resolver) return callResolver(resolver, role, context);
    if (context.principals.length === 0) return false;
    if (context.principals.some((p) => p.type === PRINCIPAL_TYPES.ROLE && p.id === role)) return true;
    return this.#isMapped(role, context);
  }

  async #isMapped(role: string, context: AccessContext): Promise<boolean> {
    const { Role, RoleMapping } = this.#opts.models;
    const found = await Role.findOne({ where: { name: role } });
    if (!found) return false;
    const roleId = String(found.id);
    const checks = context.principals.map(async (p) => {
      if (!p.type || !p.id) return false;
      const mapping = await RoleMapping.findOne({ where: { roleId, principalType: p.type, principalId: String(p.id) } });
      return !!mapping;
    });
    return (await Promise.all(checks)).some(Boolean);
  }

  #isOwner(ctx: AccessContext): MaybePromise<boolean> {
    const modelClass = ctx.model ? this.#opts.modelClass(ctx.model) : undefined;
    if (!modelClass || !ctx.modelId) return false;
    const user = userOf(ctx, (type) => isUserClass(this.#opts.modelClass(type)));
    return isOwner({
      modelClass,
      modelId: ctx.modelId,
      userId: user?.id,
      principalType: user?.type,
      multipleUserModels: this.#opts.multipleUserModels,
      options: { accessToken: (ctx.caller?.token as object | undefined) ?? undefined },
    });
  }

  aclRows(query: AclRowQuery): MaybePromise<readonly ModelAccessRule[]> {
    const ACL = this.#opts.models.ACL;
    if (!ACL || this.#aclTableEmpty) return [];
    return ACL.find({ where: aclRowWhere(query) });
  }

  /** On the memory connector every write goes through this process: count the table after each one. */
  #watchAclTable(): void {
    const ACL = this.#opts.models.ACL;
    const connector = ACL && typeof ACL.getDataSource === 'function' ? ACL.getDataSource()?.connector?.name : undefined;
    if (connector !== 'memory') return;
    const recount = (): void => {
      this.#aclTableEmpty = false;
      const mine = ++this.#aclGeneration;
      ACL.count().then(
        (n: number) => {
          if (mine === this.#aclGeneration) this.#aclTableEmpty = n === 0;
        },
        () => undefined,
      );
    };
    ACL.observe('after save', (_ctx: unknown, next: () => void) => (recount(), next()));
    ACL.observe('after delete', (_ctx: unknown, next: () => void) => (recount(), next()));
    recount();
    debug('ACL table on the memory connector: counted after every write');
  }
}
