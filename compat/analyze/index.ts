/** `lb3-shim analyze`: per-model migration readiness, the groups that move together, and the order. */
export { analyzeApp, analyzeBootedApp } from './analyze-app';
export type { AnalyzeOptions } from './analyze-app';
export { formatAnalysisTable } from './analysis-table';
export { renderAnalysisHtml } from './analysis-html';
export { FINDING_CODES } from './findings';
export type { FindingCode } from './findings';
export * from './types';
