/** Side-by-side comparison of two servers: scenarios, runners, normalisation, diffs, reports, recording, shadow mode. */
export type {
  CapturedResponse,
  ComparisonReport,
  DataSnapshot,
  Difference,
  Scenario,
  ScenarioStep,
  SpecDifference,
  SpecReport,
  StepResult,
  WriteParitySummary,
} from './types';
export { loadScenario, parseScenario, validateScenario, ScenarioError } from './scenario.loader';
export { substitute, substituteDeep, VariableScope } from './variables';
export { compilePatterns, isIgnored, getPath, splitPath } from './paths';
export type { PathPattern } from './paths';
export {
  BASIC_RULES,
  BCRYPT_RULE,
  DEFAULT_RULES,
  ETAG_PLACEHOLDER,
  NOW_PLACEHOLDER,
  NOW_WINDOW_MS,
  OBJECT_ID_PLACEHOLDER,
  TOKEN_PLACEHOLDER,
  UUID_PLACEHOLDER,
  isRecentIso,
  normalizeEtag,
  normalizeJson,
  normalizeText,
  weakEtagOf,
} from './normalize';
export type { NormalizeRule } from './normalize';
export { sendRequest, captureResponse, IGNORED_HEADERS } from './http-capture';
export type { Destination, HttpRequestSpec, SendOptions } from './http-capture';
export { diffCaptured, diffJson, formatDifference, ignorePatterns } from './response-diff';
export type { DiffOptions } from './response-diff';
export { NoiseFilter } from './noise';
export { runnerFor, startAll, startAppTarget, urlTarget } from './targets';
export type { AppKind, AppTarget, RouteInfo, StartAppOptions, Target } from './targets';
export { assertNoDifferences, comparisonPassed, compareTargets, runComparison } from './compare';
export { diffSnapshots } from './data-diff';
export { WRITE_METHODS, isWriteStep } from './write-parity';
export { diffOpenApi, formatSpecDifference } from './spec-diff';
export { checkSpec } from './spec-gate';
export type { SpecGateOptions } from './spec-gate';
export type { CompareTargetsOptions, RunComparisonOptions, TargetSpec } from './compare';
export { renderHtmlReport, sideBySide } from './html-report';
export { formatTextReport } from './text-report';
export { ScenarioRecorder, startRecordingProxy } from './recorder';
export type { RecorderOptions, RecordingProxy } from './recorder';
export { shadowLb3Models } from './model-shadow';
export type { ModelShadow, ModelShadowConfig, ModelShadowOptions, ShadowSecondary } from './model-shadow';
