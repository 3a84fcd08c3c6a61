/**
 * The app's access-control data: rows of the ACL model, roles and role
 * mappings, and the resolvers registered with `Role.registerResolver`
 * (read from the app's Role model; the four built-in `$` roles left out).
 */
import type { AclFacts } from './types';

const BUILTIN_ROLES = new Set(['$owner', '$authenticated', '$unauthenticated', '$everyone']);

export interface SecurityFacts {
  /** ACL rows per model name (`*` rows apply to every model). */
  aclRows: Map<string, AclFacts[]>;
  aclRowCount: number;
  roles: string[];
  resolvers: string[];
  roleMappings: number;
}

async function rowsOf(Model: any): Promise<any[]> {
  if (!Model?.dataSource || typeof Model.find !== 'function') return [];
  try {
    return await Model.find();
  } catch {
    return [];
  }
}

export async function securityFacts(lb3App: any): Promise<SecurityFacts> {
  const models = lb3App.models ?? {};
  const loopback = lb3App.loopback ?? {};
  const Role = models.Role ?? loopback.Role;
  const resolvers = Object.keys(Role?.resolvers ?? {}).filter((r) => !BUILTIN_ROLES.has(r));
  const aclRows = new Map<string, AclFacts[]>();
  const rows = await rowsOf(models.ACL);
  for (const r of rows) {
    const key = String(r.model ?? '*');
    const list = aclRows.get(key) ?? [];
    list.push({
      from: 'row',
      accessType: String(r.accessType ?? '*'),
      property: String(r.property ?? '*'),
      principalType: String(r.principalType ?? 'ROLE'),
      principalId: String(r.principalId ?? ''),
      permission: String(r.permission ?? 'DENY'),
    });
    aclRows.set(key, list);
  }
  const roles = (await rowsOf(models.Role)).map((r) => String(r.name));
  const roleMappings = (await rowsOf(models.RoleMapping)).length;
  return { aclRows, aclRowCount: rows.length, roles, resolvers, roleMappings };
}
