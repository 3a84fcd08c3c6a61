/**
 * The core's access decisions equal LB3's own: for seeded random sets of static
 * rules and ACL-table rows, every (method, caller, model id) is decided by
 * loopback's `ACL.checkAccessForContext` and by lib/auth's `decideAccess` with a
 * NativePrincipalSource over the same tables ($owner, database roles, a custom
 * resolver, USER and APP principals, scopes, aliases, default permissions,
 * wildcard requests).
 */

import { expect } from 'chai';
import {
  callerOfToken,
  decideAccess,
  NativePrincipalSource,
  principalsOf,
  staticRulesFor,
  userOf,
  type AccessContext,
  type AccessRule,
} from '../../../lib/auth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRINCIPALS: Array<Pick<AccessRule, 'principalType' | 'principalId'>> = [
  { principalType: 'ROLE', principalId: '$everyone' },
  { principalType: 'ROLE', principalId: '$authenticated' },
  { principalType: 'ROLE', principalId: '$unauthenticated' },
  { principalType: 'ROLE', principalId: '$owner' },
  { principalType: 'ROLE', principalId: 'staff' },
  { principalType: 'ROLE', principalId: 'vip' },
  { principalType: 'ROLE', principalId: 'nobody-role' },
  { principalType: 'USER', principalId: '1' },
  { principalType: 'USER', principalId: '2' },
  { principalType: 'APP', principalId: 'app1' },
];
const PERMISSIONS = ['ALLOW', 'DENY', 'ALLOW', 'DENY', 'AUDIT'] as const;
const PROPERTIES: Array<AccessRule['property']> = [undefined, '*', 'find', 'findById', 'deleteById', 'destroyById', ['find', 'create'], 'custom', 'create'];
const ACCESS_TYPES: Array<AccessRule['accessType']> = [undefined, '*', 'READ', 'WRITE', 'EXECUTE', 'REPLICATE'];

interface Method {
  name: string;
  aliases: string[];
  accessType: string;
  accessScopes?: string[];
}
const METHODS: Method[] = [
  { name: 'find', aliases: [], accessType: 'READ' },
  { name: 'findById', aliases: [], accessType: 'READ' },
  { name: 'create', aliases: [], accessType: 'WRITE' },
  { name: 'deleteById', aliases: ['destroyById', 'removeById'], accessType: 'WRITE' },
  { name: 'custom', aliases: [], accessType: 'EXECUTE' },
  { name: 'changes', aliases: [], accessType: 'REPLICATE' },
  { name: 'scoped', aliases: [], accessType: 'EXECUTE', accessScopes: ['admin'] },
  // wildcard requests
  { name: '*', aliases: [], accessType: 'READ' },
  { name: 'find', aliases: [], accessType: '*' },
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function randomRule(r: () => number): AccessRule {
  const rule: AccessRule = { ...pick(r, PRINCIPALS), permission: pick(r, PERMISSIONS) };
  const property = pick(r, PROPERTIES);
  if (property !== undefined) rule.property = property;
  const accessType = pick(r, ACCESS_TYPES);
  if (accessType !== undefined) rule.accessType = accessType;
  return rule;
}

describe('lib/auth access decisions equal LB3 ACL.checkAccessForContext', function () {
  this.timeout(120000);
  let app: any;
  let Thing: any;
  let ACL: any;
  let AccessToken: any;
  let source: NativePrincipalSource;
  const tokens: Record<string, any> = {};

  before(async () => {
    app = loopback({ localRegistry: true, loadBuiltinModels: true });
    app.dataSource('db', { connector: 'memory' });
    const reg = app.registry;
    for (const name of ['User', 'AccessToken', 'ACL', 'Role', 'RoleMapping']) app.model(reg.getModel(name), { dataSource: 'db' });
    Thing = reg.createModel('Thing', { name: 'string' }, { relations: { owner: { type: 'belongsTo', model: 'User', foreignKey: 'ownerId' } } });
    app.model(Thing, { dataSource: 'db' });
    const { User, Role, RoleMapping } = app.models;
    ACL = app.models.ACL;
    AccessToken = app.models.AccessToken;
    for (const n of [1, 2, 3]) await User.create({ email: `u${n}@example.com`, password: 'x' });
    await Thing.create([
      { name: 'one', ownerId: 1 },
      { name: 'two', ownerId: 2 },
    ]);
    const staff = await Role.create({ name: 'staff' });
    await RoleMapping.create({ roleId: staff.id, principalType: 'USER', principalId: '2' });
    await RoleMapping.create({ roleId: staff.id, principalType: 'APP', principalId: 'app1' });
    Role.registerResolver('vip', (_role: string, ctx: any, cb: (e: unknown, v: boolean) => void) =>
      process.nextTick(() => cb(null, String(ctx.getUserId()) === '3')),
    );
    const created = new Date();
    tokens.user1 = new AccessToken({ id: 't1', userId: 1, ttl: 1000, created });
    tokens.user2 = new AccessToken({ id: 't2', userId: 2, ttl: 1000, created });
    tokens.user3 = new AccessToken({ id: 't3', userId: 3, ttl: 1000, created });
    tokens.app = new AccessToken({ id: 't4', appId: 'app1', ttl: 1000, created });
    tokens.scopedAdmin = new AccessToken({ id: 't5', userId: 1, ttl: 1000, created, scopes: ['admin'] });
    tokens.scopedOther = new AccessToken({ id: 't6', userId: 2, ttl: 1000, created, scopes: ['other'] });
    source = new NativePrincipalSource({ models: { AccessToken, Role, RoleMapping, ACL }, modelClass: (name) => reg.findModel(name) });
    source.registerRoleResolver('vip', (_role, ctx, cb) => process.nextTick(() => cb(null, String(userOf(ctx)?.id) === '3')));
  });

  function lb3Decision(method: Method, token: any, modelId: unknown): Promise<string> {
    const sharedMethod = { name: method.name, aliases: method.aliases, accessScopes: method.accessScopes, stringName: `Thing.${method.name}` };
    return new Promise((resolve, reject) =>
      ACL.checkAccessForContext(
        {
          accessToken: token,
          model: Thing,
          property: method.name === '*' ? undefined : method.name,
          method: method.name,
          sharedMethod: method.name === '*' ? undefined : sharedMethod,
          modelId,
          accessType: method.accessType === '*' ? undefined : method.accessType,
        },
        (err: unknown, req: any) => (err ? reject(err) : resolve(req.permission)),
      ),
    );
  }

  async function nativeDecision(method: Method, token: any, modelId: unknown, rules: AccessRule[], evaluate: 'all' | 'needed'): Promise<string> {
    const caller = callerOfToken(token);
    const context: AccessContext = {
      model: 'Thing',
      property: method.name,
      methodNames: method.name === '*' ? [] : [...method.aliases, method.name],
      accessType: method.accessType as AccessContext['accessType'],
      modelId,
      caller,
      principals: principalsOf(caller),
    };
    const d = await decideAccess({
      context,
      rules: staticRulesFor('Thing', rules, method.name),
      source,
      defaultPermission: Thing.settings.defaultPermission,
      methodScopes: method.accessScopes,
      evaluate,
    });
    return d.permission;
  }

  const TABLES: Array<Array<Record<string, string>>> = [
    [],
    [{ model: 'Thing', property: 'destroyById', accessType: 'WRITE', principalType: 'ROLE', principalId: 'staff', permission: 'ALLOW' }],
    [
      { model: '*', property: '*', accessType: '*', principalType: 'USER', principalId: '3', permission: 'DENY' },
      { model: 'Thing', property: 'find', accessType: 'EXECUTE', principalType: 'ROLE', principalId: '$everyone', permission: 'DENY' },
      { model: 'Thing', property: '*', accessType: 'READ', principalType: 'ROLE', principalId: '$owner', permission: 'ALLOW' },
    ],
  ];

  it('decides 100 random rule sets × 3 ACL tables × 9 methods × 7 callers × 3 model ids as LB3 does', async () => {
    const r = rng(20261204);
    const callers = [undefined, tokens.user1, tokens.user2, tokens.user3, tokens.app, tokens.scopedAdmin, tokens.scopedOther];
    const mismatches: string[] = [];
    let checks = 0;
    const seen = new Set<string>();
    for (let set = 0; set < 100; set++) {
      const rules = Array.from({ length: 1 + Math.floor(r() * 6) }, () => randomRule(r));
      const table = TABLES[set % TABLES.length];
      await ACL.destroyAll();
      if (table.length) await ACL.create(table);
      await new Promise((resolve) => setImmediate(resolve));
      Thing.settings.acls = rules;
      Thing.settings.defaultPermission = pick(r, [undefined, 'ALLOW', 'DENY']);
      for (const method of METHODS) {
        for (const token of callers) {
          for (const modelId of [undefined, 1, '2']) {
            const expected = await lb3Decision(method, token, modelId);
            seen.add(expected);
            for (const evaluate of ['all', 'needed'] as const) {
              checks++;
              const actual = await nativeDecision(method, token, modelId, rules, evaluate);
              if (actual !== expected) {
                mismatches.push(
                  `${evaluate}: ${method.name}/${method.accessType} by ${token?.id ?? 'anonymous'} on ${modelId}: LB3 ${expected}, core ${actual}; default ${Thing.settings.defaultPermission}; rules ${JSON.stringify(rules)}; table ${JSON.stringify(table)}`,
                );
              }
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 5), `${mismatches.length} of ${checks} decisions differ`).to.deep.equal([]);
    expect(checks).to.equal(100 * 9 * 7 * 3 * 2);
    // the sets exercise allowing, denying and auditing outcomes
    expect([...seen].sort()).to.deep.equal(['ALLOW', 'AUDIT', 'DENY']);
  });
});
