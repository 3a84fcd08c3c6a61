/**
 * The data of a side-by-side comparison: scenarios (what to send), captured
 * responses (what came back, normalised), differences and the report.
 */

/** One HTTP request of a scenario. `${var}` in path, header values and body strings is substituted per target. */
export interface ScenarioStep {
  /** Shown in reports; defaults to "METHOD path". */
  name: string;
  method: string;
  /** Path + query string, e.g. `/api/Products?filter[limit]=2`. */
  path: string;
  headers?: Record<string, string>;
  /** A JSON body (sent with `Content-Type: application/json` unless `headers` sets one). */
  body?: unknown;
  /** A body sent verbatim (malformed JSON, urlencoded forms...). */
  rawBody?: string;
  /** Send `Authorization: <value of this variable>` (e.g. a token saved from a login step). */
  as?: string;
  /** Store values of the JSON response: variable name → dot path (`id`, `items.0.id`). */
  save?: Record<string, string>;
  /** Extra ignore paths for this step only (see {@link Scenario.ignore}). */
  ignore?: string[];
  /** Compare status and headers only, do not wait for the body (endless streams). */
  headersOnly?: boolean;
}

/** A list of steps run in order against each target. */
export interface Scenario {
  /** Where it was loaded from (for messages). */
  source?: string;
  steps: ScenarioStep[];
  /**
   * Paths never compared, in every step: `status`, `headers.<name>`, `body`,
   * `body.<dot.path>`; a segment `*` matches any one key or index, `**` any depth.
   */
  ignore?: string[];
  /** Initial variables. */
  vars?: Record<string, string>;
}

/** What is kept of one response. */
export interface CapturedResponse {
  status: number;
  /** Lower-cased header name → value, transport headers removed, per-run values normalised. */
  headers: Record<string, string>;
  /** Parsed + normalised JSON when the content type is JSON, else normalised text. */
  body: unknown;
  /** The raw body as text (not normalised). */
  rawBody: string;
  /** The ETag header exactly as sent (not normalised). */
  rawEtag?: string;
  /** Lower-cased header names in the order they were sent (ignored headers left out). */
  headerOrder?: string[];
}

/** One way two responses differ. */
export interface Difference {
  kind: 'status' | 'header' | 'body' | 'key-order' | 'data';
  /** `status`, `headers.content-type`, `body`, `body.items.2.price`; for write parity `data.<Model>.<id>.<property>`. */
  path: string;
  /** JSON rendering of the legacy value, `(absent)` when missing. */
  legacy: string;
  /** JSON rendering of the candidate value, `(absent)` when missing. */
  candidate: string;
}

/** The result of one step. */
export interface StepResult {
  index: number;
  name: string;
  method: string;
  /** The path as sent to the legacy target (variables substituted). */
  path: string;
  legacy: CapturedResponse;
  candidate: CapturedResponse;
  /** Differences left after normalisation, ignore paths and noise. */
  differences: Difference[];
  /** Paths that differed between the two legacy runs (`--noise`) and were therefore not compared. */
  noise: string[];
  /** Every ignore pattern applied to this step (scenario + step `ignore`, then noise paths); reports mask them. */
  ignored: string[];
  /** Problems running the step (a `save` path missing in a response...). */
  notes: string[];
  /** Milliseconds each side took. */
  timing: { legacy: number; candidate: number };
  /** Write parity (`writes`): rows per model on each side after this write step. */
  rows?: { legacy: Record<string, number>; candidate: Record<string, number> };
}

/**
 * Every row an app holds, per model (write parity). Rows keep the store's
 * order; `unsupported` names datasources that could not be dumped.
 */
export interface DataSnapshot {
  models: Record<string, Array<Record<string, unknown>>>;
  unsupported: string[];
}

/** One client-visible difference. */
export interface SpecDifference {
  change: 'removed' | 'added' | 'changed';
  /** What changed: `path`, `operation`, `parameter`, `request body`, `response`, `schema`. */
  kind: 'path' | 'operation' | 'parameter' | 'request body' | 'response' | 'schema';
  /** Where: `GET /api/Books/{id}`, `GET /api/Books parameter query.filter`, `schema Book`. */
  where: string;
  /** The field inside `where` that differs (`required`, `schema.properties.status.default`), '' for a whole item. */
  field: string;
  /** JSON of the legacy value ('(absent)' when missing). */
  legacy: string;
  candidate: string;
}

/** The spec gate's result: the legacy LB3 app's OpenAPI against the candidate's /openapi.json. */
export interface SpecReport {
  /** Where the documents came from. */
  legacy: string;
  candidate: string;
  /** Operations (path × verb) in each document. */
  operations: { legacy: number; candidate: number };
  /** Every client-visible difference; the gate passes when there is none. */
  differences: SpecDifference[];
}

/** Write parity: how the starting data compared, and what was dumped. */
export interface WriteParitySummary {
  /** Differences in the starting data (before step 1): both sides must start from the same rows. */
  startingData: Difference[];
  /** Models whose rows were compared. */
  models: string[];
  /** Steps after which the rows were compared (POST, PUT, PATCH, DELETE). */
  writeSteps: number;
  /** Datasources that could not be dumped (not the memory connector). */
  unsupported: string[];
}

/** The result of a whole comparison. */
export interface ComparisonReport {
  scenario: string;
  legacy: string;
  candidate: string;
  /** Set when `--noise` ran a second legacy target. */
  noiseTarget?: string;
  startedAt: string;
  durationMs: number;
  steps: StepResult[];
  /** Number of steps with differences. */
  differing: number;
  /** Problems with the targets themselves (one exited mid-run), with their output. */
  crashes: string[];
  /** Set when write parity ran (`--writes`). */
  writes?: WriteParitySummary;
  /** Set when the spec gate ran (`--spec`). */
  spec?: SpecReport;
}
