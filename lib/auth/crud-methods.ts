/**
 * The access facts of the methods every persisted model has (their names are
 * what access rules and ACL rows name): each method's access type and its
 * aliases, and the access type of relation methods by prefix. A native
 * controller implementing `deleteById` is guarded by rules on `deleteById`,
 * `destroyById` and `removeById`, as a WRITE — the same as before migration.
 */
import type { AccessType } from './access-rule';
import type { AclTarget } from './acl.authorizer';

/** A persisted model's built-in methods: access type and aliases. */
export const CRUD_METHODS: Readonly<Record<string, { accessType: AccessType; aliases?: readonly string[] }>> = {
  create: { accessType: 'WRITE' },
  patchOrCreate: { accessType: 'WRITE', aliases: ['upsert', 'updateOrCreate'] },
  replaceOrCreate: { accessType: 'WRITE' },
  upsertWithWhere: { accessType: 'WRITE', aliases: ['patchOrCreateWithWhere'] },
  exists: { accessType: 'READ' },
  findById: { accessType: 'READ' },
  replaceById: { accessType: 'WRITE' },
  find: { accessType: 'READ' },
  findOne: { accessType: 'READ' },
  destroyAll: { accessType: 'WRITE' },
  updateAll: { accessType: 'WRITE', aliases: ['update'] },
  deleteById: { accessType: 'WRITE', aliases: ['destroyById', 'removeById'] },
  count: { accessType: 'READ' },
  patchAttributes: { accessType: 'WRITE', aliases: ['updateAttributes'] },
  createChangeStream: { accessType: 'READ' },
  diff: { accessType: 'READ' },
  changes: { accessType: 'READ' },
  checkpoint: { accessType: 'REPLICATE' },
  currentCheckpoint: { accessType: 'READ' },
  createUpdates: { accessType: 'READ' },
  bulkUpdate: { accessType: 'WRITE' },
  findLastChange: { accessType: 'READ' },
  updateLastChange: { accessType: 'WRITE' },
};

const RELATION_PREFIXES: ReadonlyArray<[string, AccessType]> = [
  ['__get__', 'READ'],
  ['__findById__', 'READ'],
  ['__exists__', 'READ'],
  ['__count__', 'READ'],
  ['__create__', 'WRITE'],
  ['__update__', 'WRITE'],
  ['__destroy__', 'WRITE'],
  ['__delete__', 'WRITE'],
  ['__destroyById__', 'WRITE'],
  ['__updateById__', 'WRITE'],
  ['__link__', 'WRITE'],
  ['__unlink__', 'WRITE'],
];

/**
 * The ACL target of a model method by name, with the built-in method's aliases
 * and access type (or a relation method's, by its `__get__`-style prefix);
 * `extra` adds or overrides fields (a custom method's `accessType`).
 * `Book.prototype.patchAttributes` and `Book.find` name the method too.
 */
export function aclTargetFor(model: string, method: string, extra: Partial<AclTarget> = {}): AclTarget {
  const name = method.replace(/^.*\.(prototype\.)?/, '');
  const known = CRUD_METHODS[name];
  const target: AclTarget = { model, property: name };
  if (known) {
    target.accessType = known.accessType;
    if (known.aliases) target.aliases = known.aliases;
  } else {
    const prefix = RELATION_PREFIXES.find(([p]) => name.startsWith(p));
    if (prefix) target.accessType = prefix[1];
  }
  return { ...target, ...extra };
}
