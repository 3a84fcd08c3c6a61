/**
 * The access type of a method, by LB3's rule: an explicit `accessType` wins,
 * GET and HEAD routes read, the CRUD methods LB3 knows by name read or write,
 * everything else executes.
 */
import type { AccessType } from './access-rule';

const ACCESS_TYPES: readonly AccessType[] = ['READ', 'REPLICATE', 'WRITE', 'EXECUTE'];

const BY_NAME: Readonly<Record<string, AccessType>> = {
  create: 'WRITE',
  updateOrCreate: 'WRITE',
  upsertWithWhere: 'WRITE',
  upsert: 'WRITE',
  exists: 'READ',
  findById: 'READ',
  find: 'READ',
  findOne: 'READ',
  destroyById: 'WRITE',
  deleteById: 'WRITE',
  removeById: 'WRITE',
  count: 'READ',
};

/** A method as the access-type rule sees it. */
export interface MethodAccess {
  /** Method name, e.g. `findById`, `summary`, `__get__books`. */
  name: string;
  /** The method's declared access type (a custom remote method's `accessType`). */
  accessType?: string;
  /** The HTTP verb it is served with. */
  verb?: string;
}

/** LB3's access type of a method. Throws (naming the method) for an access type LB3 rejects. */
export function accessTypeOf(method: MethodAccess): AccessType {
  if (method.accessType) {
    if (!ACCESS_TYPES.includes(method.accessType as AccessType)) {
      throw new TypeError(`Method "${method.name}" declares accessType "${method.accessType}"; it must be one of ${ACCESS_TYPES.join(', ')}.`);
    }
    return method.accessType as AccessType;
  }
  const verb = typeof method.verb === 'string' ? method.verb.toUpperCase() : undefined;
  if (verb === 'GET' || verb === 'HEAD') return 'READ';
  return BY_NAME[method.name] ?? 'EXECUTE';
}
