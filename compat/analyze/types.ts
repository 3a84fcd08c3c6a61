/**
 * The output of `lb3-shim analyze` (`--json` prints an {@link AppAnalysis}).
 * Versioned: a field is only ever added in a minor change; `schemaVersion`
 * is bumped when one changes meaning or goes away. Documented in docs/analyze.md.
 */

/** Bumped on an incompatible change of the JSON shape. */
export const ANALYSIS_SCHEMA_VERSION = 1;

export type Severity = 'blocks' | 'complicates' | 'note';

/** One thing that blocks or complicates migrating a model (or is worth knowing). */
export interface Finding {
  severity: Severity;
  /** Stable code, e.g. `custom-remote-method`, `builtin-model` (table in docs/analyze.md). */
  code: string;
  message: string;
  /** Where it comes from, when known (`common/models/book.js:12`). */
  source?: string;
}

export interface PropertyFacts {
  name: string;
  type: string;
  required: boolean;
  id: boolean;
  /** `default` value, or `defaultFn` name as `fn:uuidv4`. */
  default?: unknown;
  hidden: boolean;
}

export interface ValidationFacts {
  property: string;
  /** presence, uniqueness, length, format, inclusion, exclusion, numericality, custom. */
  kind: string;
}

export interface RelationFacts {
  name: string;
  type: string;
  /** The model related to (`(polymorphic)` when it varies). */
  model: string;
  through?: string;
  foreignKey?: string;
  polymorphic: boolean;
}

/** A relation of another model that points at this one. */
export interface IncomingRelation {
  from: string;
  name: string;
  type: string;
  /** `through` when this model is the through model of a hasManyThrough. */
  via?: 'target' | 'through';
}

export interface RemoteArg {
  arg: string;
  type: string;
  required: boolean;
  /** `path`, `query`, `body`, `form`, `header`, `req`, `res`, `context`, `options` (LB3's injected options), `function` (custom mapping), or `default`. */
  source: string;
}

export interface RemoteMethodFacts {
  /** `Book.summary`, `Book.prototype.publish`. */
  name: string;
  http: Array<{ verb: string; path: string }>;
  accepts: RemoteArg[];
  returns: Array<{ arg?: string; type: string; root: boolean }>;
}

export interface RemoteHookFacts {
  kind: 'before' | 'after' | 'afterError';
  /** The registered pattern: `**`, `Widget.*`, `*.multi`, `Widget.prototype.ping`. */
  pattern: string;
  /** `model` when the pattern names this model, `wildcard` when it names any model (app-level). */
  scope: 'model' | 'wildcard';
  /** Functions registered with this pattern. */
  count: number;
  /** Methods of this model the pattern matches (`find`, `prototype.ping`). */
  matches: string[];
}

export interface AclFacts {
  /** `static` (model JSON), `row` (a row of the ACL model). */
  from: 'static' | 'row';
  accessType: string;
  property: string;
  principalType: string;
  principalId: string;
  permission: string;
}

/** A static scan hit: code outside the model that reaches it (or code of the model that reaches others). */
export interface CodeReference {
  /** `app/dir`-relative file and 1-based line. */
  file: string;
  line: number;
  /** The model reached, or `(any)` for `Model.getApp` / `app.models()`. */
  model: string;
  /** `model-file` (another model's script), `boot-script`, `mixin`, `other`. */
  where: 'model-file' | 'boot-script' | 'mixin' | 'other';
  /** The model whose script it is (for `model-file`). */
  fromModel?: string;
  text: string;
  /** Always true: found by reading the source, not by running it. */
  static: true;
}

export interface ModelAnalysis {
  name: string;
  /** The model is one of LoopBack's own (User, AccessToken, ACL, Role...). */
  builtin: boolean;
  /** Attached to the app (model-config.json); false for a base-only model. */
  attached: boolean;
  dataSource?: string;
  connector?: string;
  /** Base chain, nearest first: `['Customer', 'PersistedModel', 'Model']`. */
  base: string[];
  mixins: string[];
  properties: PropertyFacts[];
  validations: ValidationFacts[];
  hidden: string[];
  /** REST-relevant settings as the app has them (`replaceOnPUT`, `strict`, `forceId`, `public`, `http.path`...). */
  settings: Record<string, unknown>;
  /** Methods switched off (`disableRemoteMethodByName`, `"methods"` config). */
  disabledMethods: string[];
  relations: RelationFacts[];
  incoming: IncomingRelation[];
  customMethods: RemoteMethodFacts[];
  remoteHooks: RemoteHookFacts[];
  /** Operation hook name → number of observers (`before save: 2`). */
  operationHooks: Record<string, number>;
  acls: AclFacts[];
  /** Custom roles the ACLs name (not `$everyone`... ). */
  roles: string[];
  /** Role resolvers (`Role.registerResolver`) the ACLs name. */
  resolvers: string[];
  /** `createChangeStream` exposed over REST. */
  changeStream: boolean;
  /** Static scan: code that reaches this model (other models' scripts, boot scripts, routes, mixins). */
  reachedBy: CodeReference[];
  /** Static scan: models this model's own script reaches. */
  reaches: CodeReference[];
  findings: Finding[];
  /** Index of its group in {@link AppAnalysis.groups} (absent for built-in models). */
  group?: number;
}

/** Why two models are tied. */
export interface DependencyEdge {
  from: string;
  to: string;
  /**
   * Ties (the models must move together): `base` (from extends `to`), `hook` (one hook function registered on both),
   * `embedded` (`to` is stored inside from's rows: embedsOne / embedsMany).
   * Dependencies (they order the groups): `relation` (from declares a relation to `to`), `code` (from's script reaches `to`).
   */
  kind: 'relation' | 'embedded' | 'base' | 'code' | 'hook';
  detail: string;
}

/** Models that must move together, and where the group stands in the suggested order. */
export interface MigrationGroup {
  index: number;
  models: string[];
  /** Why they are one group (the ties inside it). */
  reasons: string[];
  /** Groups this one depends on (relations, code); they come earlier in {@link AppAnalysis.order} unless they are in {@link cycle}. */
  dependsOn: number[];
  /** Groups that depend on this one and it on them (relations both ways): any of them may move first; the order puts the least dependent first. */
  cycle: number[];
  /** 0 for groups depending on nothing outside their cycle; 1 + the deepest such dependency otherwise. */
  level: number;
}

export interface AppAnalysis {
  schemaVersion: typeof ANALYSIS_SCHEMA_VERSION;
  app: string;
  generatedAt: string;
  models: ModelAnalysis[];
  edges: DependencyEdge[];
  groups: MigrationGroup[];
  /** Group indexes in the suggested migration order (leaves first); built-in models come after, listed in `builtinLast`. */
  order: number[];
  builtinLast: string[];
  /** Custom roles and resolvers of the app (`Role.registerResolver`), and counts of ACL / role-mapping rows. */
  security: { resolvers: string[]; roles: string[]; aclRows: number; roleMappings: number };
  /** Files the static scan read. */
  scanned: number;
}
