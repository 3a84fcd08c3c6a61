/**
 * What blocks or complicates migrating one model, from its facts. The codes
 * and their meaning are the table in docs/analyze.md; a test checks that every
 * code produced here is documented there.
 */
import type { Finding, ModelAnalysis } from './types';

/** Every finding code, with its severity (docs/analyze.md lists them). */
export const FINDING_CODES = {
  'builtin-model': 'blocks',
  replication: 'blocks',
  'polymorphic-relation': 'blocks',
  'app-base': 'complicates',
  'builtin-base': 'complicates',
  'custom-remote-method': 'complicates',
  'raw-arg-source': 'complicates',
  'custom-arg-mapping': 'complicates',
  'model-remote-hook': 'complicates',
  'operation-hook': 'complicates',
  mixin: 'complicates',
  'custom-role': 'complicates',
  'role-resolver': 'complicates',
  'acl-rows': 'complicates',
  'embedded-relation': 'complicates',
  'relation-to-builtin': 'complicates',
  'reached-by-code': 'complicates',
  'dynamic-app-access': 'complicates',
  'no-datasource': 'complicates',
  'wildcard-remote-hook': 'note',
  'rest-settings': 'note',
  'not-public': 'note',
  'change-stream': 'note',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;

const finding = (code: FindingCode, message: string, source?: string): Finding => ({
  severity: FINDING_CODES[code],
  code,
  message,
  ...(source ? { source } : {}),
});
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const EMBEDDED = new Set(['embedsOne', 'embedsMany', 'referencesMany']);
/** Settings whose LB3 default a native model must reproduce when the app changed it. */
const NOTABLE_SETTINGS = ['replaceOnPUT', 'strict', 'forceId', 'idInjection', 'validateUpsert', 'http', 'plural'];

/** Findings of `m`; `builtins` are the names of LoopBack's own models in the app. */
export function findingsFor(m: ModelAnalysis, builtins: ReadonlySet<string>, appModels: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  if (m.builtin)
    out.push(
      finding('builtin-model', `${m.name} is a LoopBack built-in model (tokens, ACLs, roles, users); keep it on LB3 until every model that uses it is native`),
    );
  if (m.settings.trackChanges || m.settings.enableRemoteReplication)
    out.push(
      finding('replication', `${m.name} uses LB3 change tracking / replication (trackChanges, enableRemoteReplication), which has no native counterpart`),
    );
  for (const r of m.relations) {
    if (r.polymorphic) out.push(finding('polymorphic-relation', `relation ${r.name} (${r.type}) is polymorphic`));
    if (EMBEDDED.has(r.type))
      out.push(finding('embedded-relation', `relation ${r.name} is ${r.type}: its routes and storage shape must be carried over by hand`));
    if (builtins.has(r.model) || (r.through && builtins.has(r.through)))
      out.push(
        finding('relation-to-builtin', `relation ${r.name} (${r.type}) points at the built-in ${r.through && builtins.has(r.through) ? r.through : r.model}`),
      );
  }
  const base = m.base[0];
  if (base && appModels.has(base)) out.push(finding('app-base', `${m.name} extends the app model ${base}: they move together`));
  else if (base && builtins.has(base) && !m.builtin)
    out.push(
      finding(
        'builtin-base',
        `${m.name} extends the built-in ${base}: its inherited methods (${base === 'User' ? 'login, logout, password reset, ' : ''}ACLs, hooks) come along`,
      ),
    );
  if (m.customMethods.length)
    out.push(
      finding(
        'custom-remote-method',
        `${plural(m.customMethods.length, 'custom remote method')} (${m.customMethods.map((c) => c.name).join(', ')}): the native controller calls the LB3 implementation until each is rewritten`,
      ),
    );
  for (const c of m.customMethods) {
    const raw = c.accepts.filter((a) => ['req', 'res', 'context'].includes(a.source));
    if (raw.length)
      out.push(finding('raw-arg-source', `${c.name} takes ${raw.map((a) => `${a.arg} (source ${a.source})`).join(', ')}: the raw request/response/context`));
    const mapped = c.accepts.filter((a) => a.source === 'function');
    if (mapped.length) out.push(finding('custom-arg-mapping', `${c.name} maps ${mapped.map((a) => a.arg).join(', ')} with an http function`));
  }
  const own = m.remoteHooks.filter((h) => h.scope === 'model');
  if (own.length) out.push(finding('model-remote-hook', `remote hooks on ${own.map((h) => `${h.kind} ${h.pattern}`).join(', ')}: they become interceptors`));
  const wild = m.remoteHooks.filter((h) => h.scope === 'wildcard');
  if (wild.length)
    out.push(
      finding(
        'wildcard-remote-hook',
        `app-level hooks apply: ${wild.map((h) => `${h.kind} ${h.pattern}`).join(', ')}; they must keep running around the native routes`,
      ),
    );
  const ops = Object.entries(m.operationHooks);
  if (ops.length)
    out.push(
      finding(
        'operation-hook',
        `operation hooks ${ops.map(([k, n]) => `${k}${n > 1 ? ` ×${n}` : ''}`).join(', ')}: they keep firing in juggler; check them with write parity`,
      ),
    );
  for (const x of m.mixins) out.push(finding('mixin', `mixin ${x}: code that adds properties, hooks or methods`));
  for (const r of m.roles) out.push(finding('custom-role', `ACLs name the custom role ${r} (role mappings in the database)`));
  for (const r of m.resolvers) out.push(finding('role-resolver', `ACLs name the dynamic role ${r} (Role.registerResolver)`));
  const rows = m.acls.filter((a) => a.from === 'row');
  if (rows.length) out.push(finding('acl-rows', `${plural(rows.length, 'row')} of the ACL model apply to ${m.name}`));
  if (m.changeStream) out.push(finding('change-stream', `${m.name}/change-stream is exposed (a long-lived event stream)`));
  const outside = m.reachedBy.filter((r) => r.model === m.name);
  if (outside.length)
    out.push(
      finding(
        'reached-by-code',
        `reached by code outside the model (static scan): ${[...new Set(outside.map((r) => `${r.file}:${r.line}`))].slice(0, 6).join(', ')}${outside.length > 6 ? ', ...' : ''}`,
      ),
    );
  const dynamic = m.reaches.filter((r) => r.model === '(any)');
  if (dynamic.length)
    out.push(
      finding(
        'dynamic-app-access',
        `its script reaches the app dynamically (getApp / app.models()) at ${dynamic.map((r) => `${r.file}:${r.line}`).join(', ')}`,
      ),
    );
  if (!m.dataSource && m.attached && !m.builtin) out.push(finding('no-datasource', `${m.name} has no datasource: a controller without a repository`));
  if (m.settings.public === false) out.push(finding('not-public', `${m.name} is not public: no REST routes to migrate`));
  const notable = NOTABLE_SETTINGS.filter((k) => k in m.settings);
  if (notable.length) out.push(finding('rest-settings', `REST-visible settings: ${notable.map((k) => `${k}=${JSON.stringify(m.settings[k])}`).join(', ')}`));
  return out;
}
