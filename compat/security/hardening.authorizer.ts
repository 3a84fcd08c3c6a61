/**
 * The request-time hardening switches (compat/security/hardening.ts) as a core
 * Authorizer on LB3 routes, registered after the LB3 ACL authorizer: it sees the
 * coerced arguments (`filter`, `where`, `data`), the raw query and body, and the
 * caller's token. Each check throws an LB3-shaped error (400 with a `code`, or
 * the related model's own ACL denial); otherwise it abstains.
 */
import debugFactory from 'debug';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer, Route } from '../../lib/rest/types';
import { lb3Errors } from '../errors/lb3-errors';
import type { RemotingContext } from '../remoting/remoting-context';
import { checkLb3Access } from './acl.authorizer';
import { MAX_PATTERN_LENGTH, type Hardening } from './hardening';

const debug = debugFactory('lb3-shim:compat:hardening');

const FILTER_ARGS = ['filter', 'where'];
const REGEXP_OPERATORS = new Set(['regexp', 'like', 'nlike', 'ilike', 'nilike']);
/** A group containing a quantifier, itself quantified: `(a+)+`, `(x*){2,}`, `(a|aa)+`. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\}|\|)(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;
const READ_RELATION = /^__(get|findById|count|exists)__(.+)$/;
const WRITE_RELATION = /^__(create|update|updateById|destroy|destroyById|delete|link|unlink)__(.+)$/;

export class Lb3HardeningAuthorizer implements Authorizer {
  readonly name = 'lb3-hardening';
  readonly #lb3App: any;
  readonly #h: Hardening;

  constructor(opts: { lb3App: any; hardening: Hardening }) {
    this.#lb3App = opts.lb3App;
    this.#h = opts.hardening;
  }

  appliesTo(route: Route): boolean {
    return route.meta?.lb3 !== undefined;
  }

  authorize(request: AuthorizationRequest): AuthorizationDecision | Promise<AuthorizationDecision> {
    // an LB3 route's args are its RemotingContext (parseArgs returns it)
    const rctx = request.args as RemotingContext | undefined;
    if (!rctx || typeof rctx !== 'object' || !rctx.method) return 'abstain';
    const sharedMethod = rctx.method;
    const args: Record<string, unknown> = rctx.args ?? {};
    const req: any = request.requestContext.request;
    const h = this.#h;
    if (h.prototypeKeys) {
      checkKeys(req.query, 'the query string');
      checkKeys(req.body, 'the request body');
      for (const [name, value] of Object.entries(args)) checkKeys(value, `the \`${name}\` argument`);
    }
    for (const name of FILTER_ARGS) {
      const value = args[name];
      if (value === null || typeof value !== 'object') continue;
      if (h.filterLimits) checkComplexity(name, value, h.filterLimits.maxDepth, h.filterLimits.maxInq);
      if (h.regexp) checkRegexps(value, h.regexp);
    }
    if (h.filterLimits) capLimit(args, sharedMethod, h.filterLimits.maxLimit);
    // related-model ACLs only mean something where LB3 enforces ACLs at all
    if (!h.include || !this.#lb3App.isAuthEnabled) return 'abstain';
    return this.#checkRelated(sharedMethod, args, rctx, req.accessToken).then(() => 'abstain' as const);
  }

  /** The related models' ACLs: for every `include` of the filter, and for a relation method's target. */
  async #checkRelated(sharedMethod: any, args: Record<string, unknown>, rctx: unknown, accessToken: unknown): Promise<void> {
    const Model = sharedMethod.sharedClass?.ctor ?? sharedMethod.ctor;
    if (!Model || !Model.relations) return;
    const targets: Array<{ Model: any; method: string }> = [];
    const filter = args.filter;
    if (filter && typeof filter === 'object') collectIncludes(Model, (filter as any).include, targets, 0);
    const name: string = sharedMethod.name ?? '';
    const read = READ_RELATION.exec(name);
    const write = read ? undefined : WRITE_RELATION.exec(name);
    const relation = (read ?? write) && Model.relations[(read ?? write)![2]];
    if (relation && relation.modelTo) targets.push({ Model: relation.modelTo, method: read ? 'find' : 'create' });
    for (const t of targets) {
      const method = t.Model.sharedClass?.findMethodByName?.(t.method);
      if (!method || typeof t.Model.checkAccess !== 'function') continue;
      debug('checking %s.%s for %s', t.Model.modelName, t.method, sharedMethod.stringName);
      await checkLb3Access({ lb3App: this.#lb3App, Model: t.Model, modelId: undefined, sharedMethod: method, accessToken, remotingContext: rctx });
    }
  }
}

/** Related models named by an include value (string, array, `{rel: sub}`, `{relation, scope}`), recursively. */
function collectIncludes(Model: any, include: unknown, out: Array<{ Model: any; method: string }>, depth: number): void {
  if (include === undefined || include === null || depth > 20 || !Model?.relations) return;
  const add = (name: unknown, sub?: unknown) => {
    if (typeof name !== 'string') return;
    const rel = Model.relations[name];
    if (!rel || !rel.modelTo) return;
    out.push({ Model: rel.modelTo, method: 'find' });
    if (sub !== undefined) collectIncludes(rel.modelTo, sub, out, depth + 1);
  };
  if (typeof include === 'string') add(include);
  else if (Array.isArray(include)) for (const item of include) collectIncludes(Model, item, out, depth + 1);
  else if (typeof include === 'object') {
    const o = include as Record<string, any>;
    if (typeof o.relation === 'string') add(o.relation, o.scope?.include);
    else for (const [k, v] of Object.entries(o)) add(k, v);
  }
}

/** Walk objects/arrays without recursion, calling `visit(key, value, depth)` for each entry. */
function walk(root: unknown, visit: (key: string, value: unknown, depth: number, parent: object) => void): void {
  if (root === null || typeof root !== 'object') return;
  const stack: Array<[object, number]> = [[root as object, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    for (const key of Object.keys(node)) {
      const value = (node as any)[key];
      visit(key, value, depth, node);
      if (value !== null && typeof value === 'object') stack.push([value, depth + 1]);
    }
  }
}

function checkKeys(root: unknown, where: string): void {
  walk(root, (key, value) => {
    if (key === '__proto__') throw lb3Errors.forbiddenKey(key, where);
    if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in (value as object))
      throw lb3Errors.forbiddenKey('constructor.prototype', where);
  });
}

function checkComplexity(arg: string, root: object, maxDepth: number, maxInq: number): void {
  walk(root, (key, value, depth) => {
    if (depth > maxDepth) throw lb3Errors.filterTooComplex(arg, `nested deeper than ${maxDepth} levels`);
    if ((key === 'inq' || key === 'nin') && Array.isArray(value) && value.length > maxInq) {
      throw lb3Errors.filterTooComplex(arg, `\`${key}\` lists ${value.length} values (at most ${maxInq})`);
    }
  });
}

function checkRegexps(root: object, policy: 'refuse' | 'limit'): void {
  walk(root, (key, value) => {
    if (!REGEXP_OPERATORS.has(key)) return;
    if (policy === 'refuse') throw lb3Errors.regexpRefused(key, 'regular-expression filters are disabled');
    const pattern = value instanceof RegExp ? value.source : typeof value === 'string' ? value : undefined;
    if (pattern === undefined) return;
    if (pattern.length > MAX_PATTERN_LENGTH) throw lb3Errors.regexpRefused(key, `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
    if (NESTED_QUANTIFIER.test(pattern)) throw lb3Errors.regexpRefused(key, 'the pattern nests quantifiers (catastrophic backtracking)');
  });
}

/** Cap `filter.limit` of find-like methods (and give one when absent). */
function capLimit(args: Record<string, unknown>, sharedMethod: any, maxLimit: number): void {
  const accepts: Array<{ arg: string }> = sharedMethod.accepts ?? [];
  if (!accepts.some((a) => a.arg === 'filter')) return;
  const filter = args.filter;
  if (filter === undefined || filter === null) {
    if (/^(find|__get__)/.test(sharedMethod.name ?? '')) args.filter = { limit: maxLimit };
    return;
  }
  if (typeof filter !== 'object') return;
  const f = filter as { limit?: unknown };
  const n = Number(f.limit);
  if (f.limit === undefined || !Number.isFinite(n) || n > maxLimit || n < 0) f.limit = maxLimit;
}
