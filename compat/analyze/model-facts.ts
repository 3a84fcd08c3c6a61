/**
 * What one booted LB3 model is made of, read from the objects the app's own
 * loopback built: the base chain, properties, validations, hidden, the
 * settings that change REST behaviour, relations, remote methods and their
 * argument sources, operation hooks, static ACLs, the change stream.
 */
import type { AclFacts, PropertyFacts, RelationFacts, RemoteArg, RemoteMethodFacts, ValidationFacts } from './types';

/** Models of loopback itself that are not app models even when attached. */
const CORE_BASES = new Set(['Model', 'PersistedModel', 'KeyValueModel']);

/** Settings that change what REST clients see (reported when the model sets them). */
const REST_SETTINGS = [
  'public',
  'plural',
  'http',
  'replaceOnPUT',
  'strict',
  'forceId',
  'idInjection',
  'validateUpsert',
  'trackChanges',
  'enableRemoteReplication',
  'scope',
  'scopes',
] as const;

/** Is `M` one of LoopBack's built-in models (User, AccessToken, ACL, Role, RoleMapping, Email...)? */
export function isBuiltinModel(lb3App: any, M: any): boolean {
  const loopback = lb3App.loopback ?? {};
  return CORE_BASES.has(M.modelName) || loopback[M.modelName] === M;
}

/** Nearest first, up to and including `Model`. */
export function baseChain(M: any): string[] {
  const out: string[] = [];
  for (let b = M.base; b && b.modelName; b = b.base) out.push(b.modelName);
  return out;
}

/** The nearest built-in ancestor (its remote methods are not "custom"). */
export function builtinAncestor(lb3App: any, M: any): any {
  for (let b = M.base; b; b = b.base) if (b.modelName && isBuiltinModel(lb3App, b)) return b;
  return undefined;
}

const typeName = (t: unknown): string => {
  if (Array.isArray(t)) return `[${t.length ? typeName(t[0]) : 'any'}]`;
  if (typeof t === 'function') return (t.name || 'function').toLowerCase();
  if (typeof t === 'string') return t.toLowerCase();
  if (t && typeof t === 'object') return 'object';
  return 'any';
};

export function propertiesOf(M: any): PropertyFacts[] {
  const hidden = new Set<string>(M.settings?.hidden ?? []);
  return Object.entries<any>(M.definition?.properties ?? {}).map(([name, p]) => {
    const out: PropertyFacts = { name, type: typeName(p.type), required: !!p.required, id: !!p.id, hidden: hidden.has(name) };
    if (p.defaultFn !== undefined) out.default = `fn:${p.defaultFn}`;
    else if (p.default !== undefined) out.default = typeof p.default === 'function' ? `fn:${p.default.name || 'function'}` : p.default;
    return out;
  });
}

export function validationsOf(M: any): ValidationFacts[] {
  const out: ValidationFacts[] = [];
  for (const [property, list] of Object.entries<any[]>(M.validations ?? {})) {
    for (const v of list ?? []) out.push({ property, kind: String(v.validation ?? 'custom') });
  }
  return out;
}

/** Settings juggler fills in for every model (reported only when a model differs). */
const JUGGLER_DEFAULTS: Record<string, unknown> = { idInjection: true, validateUpsert: true, strict: false, forceId: false, public: true };

/** The REST-relevant settings where the model differs from its built-in ancestor (or juggler's defaults). */
export function restSettingsOf(lb3App: any, M: any): Record<string, unknown> {
  const defaults = { ...JUGGLER_DEFAULTS, ...(builtinAncestor(lb3App, M)?.settings ?? {}) };
  const out: Record<string, unknown> = {};
  for (const key of REST_SETTINGS) {
    const v = key === 'public' ? M.shared : M.settings?.[key];
    if (v !== undefined && JSON.stringify(v) !== JSON.stringify(defaults[key])) out[key] = v;
  }
  return out;
}

export function relationsOf(M: any): RelationFacts[] {
  return Object.entries<any>(M.relations ?? {}).map(([name, r]) => {
    const out: RelationFacts = {
      name,
      type: String(r.type),
      model: r.polymorphic && !r.modelTo ? '(polymorphic)' : (r.modelTo?.modelName ?? String(r.model ?? '?')),
      polymorphic: !!r.polymorphic,
    };
    if (r.modelThrough?.modelName) out.through = r.modelThrough.modelName;
    if (r.keyTo || r.keyFrom) out.foreignKey = r.type === 'belongsTo' ? r.keyFrom : r.keyTo;
    return out;
  });
}

/** `find`, `prototype.patchAttributes`: a shared method's name relative to its class. */
export const methodKey = (m: any): string => (m.isStatic === false ? `prototype.${m.name}` : m.name);

/** Shared methods of the class, including the disabled ones (strong-remoting's own list). */
export function sharedMethodsOf(M: any): any[] {
  return M.sharedClass ? M.sharedClass.methods({ includeDisabled: true }) : [];
}

export function disabledMethodsOf(M: any): string[] {
  return Object.keys(M.sharedClass?._disabledMethods ?? {});
}

function argSource(a: any): string {
  const http = a.http;
  // LB3 injects `options` (createOptionsFromRemotingContext) into every method that declares it
  if (typeof http === 'function' && a.arg === 'options') return 'options';
  if (http === 'optionsFromRequest') return 'options';
  if (typeof http === 'function') return 'function';
  if (http && typeof http.source === 'string') return http.source;
  return 'default';
}

const asList = (v: unknown): any[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Remote methods the model adds to its built-in ancestor's (relation methods `__get__x` excluded). */
export function customMethodsOf(lb3App: any, M: any): RemoteMethodFacts[] {
  const ancestor = builtinAncestor(lb3App, M);
  const inherited = new Set<string>(ancestor ? sharedMethodsOf(ancestor).map(methodKey) : []);
  // PersistedModel's shared class leaves a few built-ins out (destroyAll/deleteAll are not shared by default)
  for (const k of ['destroyAll', 'deleteAll', 'removeAll']) inherited.add(k);
  return sharedMethodsOf(M)
    .filter((m) => !inherited.has(methodKey(m)) && !m.name.startsWith('__'))
    .filter((m) => M.sharedClass.isMethodEnabled(m))
    .map((m) => ({
      name: m.stringName ?? `${M.modelName}.${methodKey(m)}`,
      http: asList(m.http).map((h: any) => ({ verb: String(h.verb ?? 'post'), path: String(h.path ?? `/${m.name}`) })),
      accepts: asList(m.accepts).map((a: any): RemoteArg => ({
        arg: String(a.arg ?? a.name ?? '?'),
        type: typeName(a.type),
        required: !!a.required,
        source: argSource(a),
      })),
      returns: asList(m.returns).map((r: any) => ({ ...(r.arg ? { arg: String(r.arg) } : {}), type: typeName(r.type), root: !!r.root })),
    }));
}

export function operationHooksOf(M: any): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, list] of Object.entries<unknown[]>(M._observers ?? {})) if (list?.length) out[name] = list.length;
  return out;
}

export function staticAclsOf(M: any): AclFacts[] {
  return (M.settings?.acls ?? []).map((a: any) => ({
    from: 'static' as const,
    accessType: String(a.accessType ?? '*'),
    property: Array.isArray(a.property) ? a.property.join(',') : String(a.property ?? '*'),
    principalType: String(a.principalType ?? 'ROLE'),
    principalId: String(a.principalId ?? ''),
    permission: String(a.permission ?? 'DENY'),
  }));
}

export function mixinsOf(M: any): string[] {
  const m = M.settings?.mixins;
  if (!m) return [];
  return Array.isArray(m) ? m.map(String) : Object.keys(m).filter((k) => m[k] !== false);
}

export function hasChangeStream(M: any): boolean {
  return sharedMethodsOf(M).some((m) => m.name === 'createChangeStream' && M.sharedClass.isMethodEnabled(m));
}
