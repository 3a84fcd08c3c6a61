/**
 * Memo of LB3 ACL decisions that cannot depend on who the caller is.
 *
 * With `enableAuth()`, LB3 evaluates the ACLs of every request from scratch:
 * it rebuilds the model's static ACL objects, queries the ACL table and runs
 * the role resolvers (about a third of the CPU of a simple GET). For most
 * routes the answer is a pure function of (method, anonymous or not): when
 * every static ACL of the model names only `$everyone`, `$authenticated` or
 * `$unauthenticated`, the ACL table has no rows, and nothing replaced LB3's
 * checks. Then the first "allowed" answer LB3 gives for a (method, caller
 * class) is remembered and reused; denials are never memoised (LB3 computes
 * them again and builds its own error).
 *
 * Anything that could make the answer depend on the caller or the data turns
 * the memo off for that model or for the whole app:
 * - a static ACL with another principal (`$owner`, custom roles, USER/APP ids);
 * - a token with scopes other than LB3's default (scopes change the answer);
 * - ACL rows: only an ACL model on the memory connector is trusted (every write
 *   goes through this process and is observed); any write clears the memo and
 *   the table is counted again;
 * - an overridden `Model.checkAccess`, `ACL.checkAccessForContext`, or a
 *   `remotes.authorization` hook that is not the one `enableAuth()` installs.
 * Call {@link AclDecisionCache.reset} when model settings change at runtime.
 *
 * Decisions that do depend on the caller (`$owner`, custom roles) are still made
 * by LB3 on every request, but while the ACL table is known to be empty the
 * table query LB3 starts for them ({@link runCheck}) is answered with no rows
 * without a juggler query, unless the ACL model has `access` observers.
 */
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:acl-cache');

/** Roles whose membership depends only on whether a token is present. */
const TOKEN_ONLY_ROLES = new Set(['$everyone', '$authenticated', '$unauthenticated']);

export type CallerClass = 'anonymous' | 'user';

export class AclDecisionCache {
  readonly #enabled: boolean;
  #allowed = new WeakMap<object, Set<CallerClass>>();
  #modelOk = new WeakMap<object, boolean>();
  readonly #baseCheckAccess: unknown;
  /** True once the (memory) ACL table was counted empty and not written since. */
  #tableEmpty = false;
  /** Bumped by every ACL-table write and reset(); a decision started under an older value is not kept. */
  #generation = 0;
  /** True only while LB3's synchronous start of an ACL check runs (see runCheck). */
  #inCheck = false;

  constructor(opts: { lb3App: any; loopback: any }) {
    const ACL = opts.lb3App.registry.getModelByType('ACL');
    const Base = opts.lb3App.registry.getModel('Model');
    this.#baseCheckAccess = Base && Base.checkAccess;
    const connector = ACL && typeof ACL.getDataSource === 'function' ? ACL.getDataSource()?.connector?.name : undefined;
    this.#enabled =
      !!ACL &&
      connector === 'memory' &&
      sameFunction(ACL.checkAccessForContext, opts.loopback.ACL?.checkAccessForContext) &&
      isStockAuthorizationHook(opts.lb3App, opts.loopback);
    if (!this.#enabled) {
      debug('off (ACL connector %s, stock hooks: %s)', connector, ACL ? isStockAuthorizationHook(opts.lb3App, opts.loopback) : 'no ACL model');
      return;
    }
    const recount = (): void => {
      this.#tableEmpty = false;
      const mine = ++this.#generation;
      this.#allowedReset();
      ACL.count().then(
        (n: number) => {
          if (mine === this.#generation) this.#tableEmpty = n === 0;
        },
        () => undefined,
      );
    };
    ACL.observe('after save', (_ctx: unknown, next: () => void) => (recount(), next()));
    ACL.observe('after delete', (_ctx: unknown, next: () => void) => (recount(), next()));
    recount();
    this.#answerEmptyTableQueries(ACL);
  }

  /**
   * Run `check`, LB3's ACL check of one request (`remotes.authorization`). Its
   * synchronous part ends with `ACL.find(<model, property, accessType>)`; when
   * the table is known empty that query gets `[]` on the next tick instead.
   */
  runCheck<T>(check: () => T): T {
    if (!this.#tableEmpty) return check();
    this.#inCheck = true;
    try {
      return check();
    } finally {
      this.#inCheck = false;
    }
  }

  /** Wrap `ACL.find`: the original, except for the one table query inside {@link runCheck}. */
  #answerEmptyTableQueries(ACL: any): void {
    const find = ACL.find;
    if (typeof find !== 'function') return;
    const self = this;
    ACL.find = function aclFind(this: unknown, filter: unknown, cb: unknown, ...rest: unknown[]): unknown {
      if (
        self.#inCheck &&
        this === ACL &&
        typeof cb === 'function' &&
        rest.length === 0 &&
        self.#tableEmpty &&
        isAclTableQuery(filter) &&
        !hasObservers(ACL, 'access')
      ) {
        self.#inCheck = false;
        process.nextTick(cb as (err: null, rows: unknown[]) => void, null, []);
        return undefined;
      }
      return find.call(this, filter, cb, ...rest);
    };
  }

  /** The caller class of a request's token, or undefined when its answer may differ per token. */
  callerClass(token: any): CallerClass | undefined {
    if (!this.#enabled) return undefined;
    if (!token) return 'anonymous';
    if (token.userId == null) return undefined;
    const scopes = token.scopes;
    if (scopes != null && !(Array.isArray(scopes) && scopes.length === 1 && scopes[0] === 'DEFAULT')) return undefined;
    return 'user';
  }

  /** A decision the memo may answer: the generation to pass to {@link remember}, or undefined. */
  begin(sharedMethod: any, caller: CallerClass | undefined): number | undefined {
    if (caller === undefined || !this.#tableEmpty || !this.#modelCacheable(sharedMethod.ctor)) return undefined;
    return this.#generation;
  }

  isAllowed(sharedMethod: any, caller: CallerClass): boolean {
    return this.#allowed.get(sharedMethod)?.has(caller) === true;
  }

  /** Remember that LB3 allowed it, unless the ACL table changed since `begin`. */
  remember(sharedMethod: any, caller: CallerClass, generation: number): void {
    if (generation !== this.#generation || !this.#tableEmpty) return;
    let set = this.#allowed.get(sharedMethod);
    if (set === undefined) this.#allowed.set(sharedMethod, (set = new Set()));
    set.add(caller);
  }

  /** Forget everything (model settings or methods changed). */
  reset(): void {
    this.#generation++;
    this.#allowedReset();
  }

  #allowedReset(): void {
    this.#allowed = new WeakMap();
    this.#modelOk = new WeakMap();
  }

  #modelCacheable(Model: any): boolean {
    if (!Model) return false;
    let ok = this.#modelOk.get(Model);
    if (ok === undefined) {
      const acls: any[] = (Model.settings && Model.settings.acls) || [];
      ok = Model.checkAccess === this.#baseCheckAccess && acls.every((a) => a && a.principalType === 'ROLE' && TOKEN_ONLY_ROLES.has(a.principalId));
      this.#modelOk.set(Model, ok);
      debug('%s: %s', Model.modelName, ok ? 'memoised' : 'checked every time');
    }
    return ok;
  }
}

/** `{ where: { model, property, accessType } }`, the query of loopback's `ACL.checkAccessForContext`. */
function isAclTableQuery(filter: any): boolean {
  if (!filter || typeof filter !== 'object') return false;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== 'where') return false;
  const where = filter.where;
  if (!where || typeof where !== 'object') return false;
  const whereKeys = Object.keys(where);
  return whereKeys.length === 3 && whereKeys[0] === 'model' && whereKeys[1] === 'property' && whereKeys[2] === 'accessType';
}

/** Does a query on `Model` notify observers of `operation` (its own or a base model's)? */
function hasObservers(Model: any, operation: string): boolean {
  for (let m = Model; m; m = m.base) {
    const list = m._observers && m._observers[operation];
    if (list && list.length) return true;
  }
  return false;
}

/**
 * The same function, or the same source: loopback defines model methods in a
 * customizer that runs once per model class, so apps with a local registry get
 * their own closures of the same code.
 */
function sameFunction(a: unknown, b: unknown): boolean {
  return typeof a === 'function' && typeof b === 'function' && (a === b || String(a) === String(b));
}

/**
 * Is `remotes.authorization` the hook `enableAuth()` installs? It is a fresh
 * closure per app, so it is compared by its source with the one a throwaway
 * app of the same loopback package gets.
 */
function isStockAuthorizationHook(lb3App: any, loopback: any): boolean {
  const hook = lb3App.remotes().authorization;
  if (typeof hook !== 'function') return false;
  const probe = loopback({ localRegistry: true, loadBuiltinModels: false });
  probe.enableAuth();
  return sameFunction(probe.remotes().authorization, hook);
}
