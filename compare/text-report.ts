/** The terminal summary of a comparison: one line per differing step and its differences, then a total. */
import { formatDifference } from './response-diff';
import { formatSpecDifference } from './spec-diff';
import type { ComparisonReport } from './types';

export interface TextReportOptions {
  /** Also list the steps that match (default false). */
  verbose?: boolean;
}

/** Lines to print after a comparison. */
export function formatTextReport(report: ComparisonReport, opts: TextReportOptions = {}): string[] {
  const lines: string[] = [
    `comparing ${report.legacy} (legacy) with ${report.candidate} (candidate)${report.noiseTarget ? `, noise from ${report.noiseTarget}` : ''}`,
  ];
  for (const c of report.crashes) lines.push(`CRASH: ${c}`);
  const spec = report.spec;
  if (spec) {
    lines.push(`spec: ${spec.legacy} (${spec.operations.legacy} operations) against ${spec.candidate} (${spec.operations.candidate} operations)`);
    if (spec.differences.length) lines.push(`DIFF  spec: ${spec.differences.length} client-visible change${spec.differences.length > 1 ? 's' : ''}`);
    for (const d of spec.differences) lines.push(`       - ${formatSpecDifference(d)}`);
  }
  const writes = report.writes;
  if (writes?.startingData.length) {
    lines.push('DIFF  starting data (before step #1): the two sides do not start from the same rows');
    for (const d of writes.startingData) lines.push(`       - ${formatDifference(d)}`);
  }
  for (const s of report.steps) {
    const same = s.differences.length === 0;
    if (same && !opts.verbose) continue;
    lines.push(`${same ? '  ok ' : 'DIFF '} #${s.index + 1} ${s.name}  (${s.method} ${s.path}: ${s.legacy.status} / ${s.candidate.status})`);
    for (const d of s.differences) lines.push(`       - ${formatDifference(d)}`);
    for (const n of s.notes) lines.push(`       note: ${n}`);
    if (s.noise.length && opts.verbose) lines.push(`       noise: ${s.noise.join(', ')}`);
  }
  const total = report.steps.length;
  if (writes) {
    lines.push(
      `write parity: rows of ${writes.models.length} models compared after ${writes.writeSteps} write steps${writes.unsupported.length ? `; not compared (not the memory connector): ${writes.unsupported.join(', ')}` : ''}`,
    );
  }
  const passed = report.differing === 0 && report.crashes.length === 0 && !writes?.startingData.length && !spec?.differences.length;
  const extras = [
    ...(writes?.startingData.length ? ['the starting data differs'] : []),
    ...(spec?.differences.length ? [`the spec has ${spec.differences.length} client-visible change${spec.differences.length > 1 ? 's' : ''}`] : []),
  ];
  if (total === 0 && spec) lines.push(`${passed ? 'spec: no client-visible change' : extras.join(', ')} (${report.durationMs} ms)`);
  else if (passed) lines.push(`all ${total} steps match (${report.durationMs} ms)`);
  else lines.push(`${report.differing} of ${total} steps differ${extras.map((e) => `, and ${e}`).join('')} (${report.durationMs} ms)`);
  return lines;
}
