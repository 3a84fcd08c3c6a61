/**
 * `analyze`: boot an LB3 app with its own packages and describe, per model,
 * what migrating it involves; then group the models that must move together
 * and suggest an order. Runtime facts come from the booted app (registry,
 * hook registry, observers, ACL data); code that reaches a model comes from
 * a static scan of the app's JavaScript.
 */
import * as path from 'path';
import debugFactory from 'debug';
import { loadLb3App, type Lb3AppSource } from '../boot/app-loader';
import { findingsFor } from './findings';
import { groupModels } from './migration-groups';
import {
  baseChain,
  customMethodsOf,
  disabledMethodsOf,
  hasChangeStream,
  isBuiltinModel,
  methodKey,
  mixinsOf,
  operationHooksOf,
  propertiesOf,
  relationsOf,
  restSettingsOf,
  sharedMethodsOf,
  staticAclsOf,
  validationsOf,
} from './model-facts';
import { hooksForModel, registeredHooks, type HookFunction } from './remote-hook-registry';
import { securityFacts } from './security-facts';
import { scanSources } from './source-scan';
import { ANALYSIS_SCHEMA_VERSION, type AppAnalysis, type DependencyEdge, type ModelAnalysis } from './types';

const debug = debugFactory('lb3-shim:compat:analyze');

export interface AnalyzeOptions {
  /** Called once per model analysed (progress bars). */
  onModel?: (name: string, done: number, total: number) => void;
  bootTimeout?: number;
}

/** Models to describe: every attached model plus the app's own base-only models. */
function modelsOf(lb3App: any): any[] {
  const attached: any[] = lb3App.models();
  const out = [...attached];
  const seen = new Set(attached);
  for (const M of attached) {
    for (let b = M.base; b && b.modelName; b = b.base) {
      if (seen.has(b) || isBuiltinModel(lb3App, b)) continue;
      seen.add(b);
      out.push(b);
    }
  }
  return out;
}

/** Boot the app (its boot scripts run) and analyse it. Rejects with an Lb3BootError when it cannot boot. */
export async function analyzeApp(source: Lb3AppSource, opts: AnalyzeOptions = {}): Promise<AppAnalysis> {
  const { lb3App, appDir } = await loadLb3App(source, { bootTimeout: opts.bootTimeout });
  return analyzeBootedApp(lb3App, appDir, opts);
}

/** Analyse an already booted LB3 app (`appDir` enables the static scan). */
export async function analyzeBootedApp(lb3App: any, appDir: string | undefined, opts: AnalyzeOptions = {}): Promise<AppAnalysis> {
  const Ms = modelsOf(lb3App);
  const attached = new Set<any>(lb3App.models());
  const names = new Set<string>(Ms.map((M) => M.modelName));
  const builtins = new Set<string>(Ms.filter((M) => isBuiltinModel(lb3App, M)).map((M) => M.modelName));
  // built-in bases (User...) that are not attached themselves
  for (const M of Ms)
    for (let b = M.base; b && b.modelName; b = b.base)
      if (isBuiltinModel(lb3App, b) && !['Model', 'PersistedModel', 'KeyValueModel'].includes(b.modelName)) builtins.add(b.modelName);
  const appModels = new Set([...names].filter((n) => !builtins.has(n) && !['Model', 'PersistedModel', 'KeyValueModel'].includes(n)));
  const hooks = registeredHooks(lb3App);
  const security = await securityFacts(lb3App);
  const scan = appDir ? scanSources(appDir, names) : { references: [], files: 0 };

  const models: ModelAnalysis[] = Ms.map((M, i) => {
    const name: string = M.modelName;
    const enabled = sharedMethodsOf(M)
      .filter((m) => M.sharedClass.isMethodEnabled(m))
      .map(methodKey);
    const acls = [...staticAclsOf(M), ...(security.aclRows.get(name) ?? [])];
    const roleIds = [...new Set(acls.filter((a) => a.principalType === 'ROLE' && !a.principalId.startsWith('$')).map((a) => a.principalId))];
    const own = scan.references.filter((r) => r.fromModel === name);
    const m: ModelAnalysis = {
      name,
      builtin: builtins.has(name),
      attached: attached.has(M),
      ...(M.dataSource
        ? { dataSource: String(M.dataSource.settings?.name ?? M.dataSource.name), connector: String(M.dataSource.connector?.name ?? M.dataSource.name) }
        : {}),
      base: baseChain(M),
      mixins: mixinsOf(M),
      properties: propertiesOf(M),
      validations: validationsOf(M),
      hidden: [...(M.settings?.hidden ?? [])].map(String),
      settings: restSettingsOf(lb3App, M),
      disabledMethods: disabledMethodsOf(M),
      relations: relationsOf(M),
      incoming: [],
      customMethods: attached.has(M) ? customMethodsOf(lb3App, M) : [],
      remoteHooks: attached.has(M) && M.shared !== false ? hooksForModel(hooks, name, enabled) : [],
      operationHooks: operationHooksOf(M),
      acls,
      roles: roleIds.filter((r) => !security.resolvers.includes(r)),
      resolvers: roleIds.filter((r) => security.resolvers.includes(r)),
      changeStream: attached.has(M) && M.shared !== false && hasChangeStream(M),
      reachedBy: scan.references.filter((r) => r.model === name && r.fromModel !== name),
      reaches: own.filter((r) => r.model !== name),
      findings: [],
    };
    opts.onModel?.(name, i + 1, Ms.length);
    return m;
  });
  const byName = new Map(models.map((m) => [m.name, m]));
  for (const m of models) {
    for (const r of m.relations) {
      byName.get(r.model)?.incoming.push({ from: m.name, name: r.name, type: r.type, via: 'target' });
      if (r.through) byName.get(r.through)?.incoming.push({ from: m.name, name: r.name, type: r.type, via: 'through' });
    }
  }

  const edges = dependencyEdges(models, hooks, appModels);
  const { groups, order, groupOf } = groupModels([...appModels], edges);
  for (const m of models) {
    if (groupOf.has(m.name)) m.group = groupOf.get(m.name);
    m.findings = findingsFor(m, builtins, appModels);
  }
  debug('%d models, %d groups, %d edges', models.length, groups.length, edges.length);
  return {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    app: appDir ? path.relative(process.cwd(), appDir) || appDir : '(in-memory app)',
    generatedAt: new Date().toISOString(),
    models,
    edges,
    groups,
    order,
    builtinLast: models
      .filter((m) => m.builtin && m.attached)
      .map((m) => m.name)
      .sort(),
    security: { resolvers: security.resolvers, roles: security.roles, aclRows: security.aclRowCount, roleMappings: security.roleMappings },
    scanned: scan.files,
  };
}

/** Relation, base, code and shared-hook edges between the app's own models. */
function dependencyEdges(models: readonly ModelAnalysis[], hooks: ReturnType<typeof registeredHooks>, appModels: ReadonlySet<string>): DependencyEdge[] {
  const edges: DependencyEdge[] = [];
  const add = (e: DependencyEdge) => {
    if (
      e.from !== e.to &&
      appModels.has(e.from) &&
      appModels.has(e.to) &&
      !edges.some((x) => x.from === e.from && x.to === e.to && x.kind === e.kind && x.detail === e.detail)
    )
      edges.push(e);
  };
  for (const m of models) {
    for (const r of m.relations) {
      add({ from: m.name, to: r.model, kind: r.type === 'embedsOne' || r.type === 'embedsMany' ? 'embedded' : 'relation', detail: `${r.name} ${r.type}` });
      if (r.through) add({ from: m.name, to: r.through, kind: 'relation', detail: `${r.name} ${r.type} through` });
    }
    if (m.base[0]) add({ from: m.name, to: m.base[0], kind: 'base', detail: 'extends' });
    for (const ref of m.reaches) add({ from: m.name, to: ref.model, kind: 'code', detail: `${ref.file}:${ref.line}` });
  }
  // one hook function registered on patterns naming two models ties them
  const owners = new Map<HookFunction, Set<string>>();
  for (const h of hooks) {
    const first = h.pattern.split('.')[0];
    if (!appModels.has(first)) continue;
    for (const fn of h.listeners) owners.set(fn, (owners.get(fn) ?? new Set()).add(first));
  }
  for (const [fn, set] of owners) {
    const list = [...set].sort();
    for (let i = 1; i < list.length; i++) add({ from: list[0], to: list[i], kind: 'hook', detail: `one hook function (${fn.name || 'anonymous'}) on both` });
  }
  return edges;
}
