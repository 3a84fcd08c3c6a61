/** The terminal summary of a comparison: one line per differing step and its differences, then a total. */
import { formatDifference } from './response-diff';
import type { ComparisonReport } from './types';

export interface TextReportOptions {
  /** Also list the steps that match (default false). */
  verbose?: boolean;
}

/** Lines to print after a comparison. */
export function formatTextReport(report: ComparisonReport, opts: TextReportOptions = {}): string[] {
  const lines: string[] = [`comparing ${report.legacy} (legacy) with ${report.candidate} (candidate)${report.noiseTarget ? `, noise from ${report.noiseTarget}` : ''}`];
  for (const c of report.crashes) lines.push(`CRASH: ${c}`);
  for (const s of report.steps) {
    const same = s.differences.length === 0;
    if (same && !opts.verbose) continue;
    lines.push(`${same ? '  ok ' : 'DIFF '} #${s.index + 1} ${s.name}  (${s.method} ${s.path}: ${s.legacy.status} / ${s.candidate.status})`);
    for (const d of s.differences) lines.push(`       - ${formatDifference(d)}`);
    for (const n of s.notes) lines.push(`       note: ${n}`);
    if (s.noise.length && opts.verbose) lines.push(`       noise: ${s.noise.join(', ')}`);
  }
  const total = report.steps.length;
  lines.push(
    report.differing === 0 && report.crashes.length === 0
      ? `all ${total} steps match (${report.durationMs} ms)`
      : `${report.differing} of ${total} steps differ (${report.durationMs} ms)`,
  );
  return lines;
}
