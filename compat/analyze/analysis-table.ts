/** The terminal view of an analysis: one row per model, then the groups in the suggested order. */
import { orderNote } from './order-note';
import type { AppAnalysis, ModelAnalysis } from './types';

const count = (m: ModelAnalysis, sev: string) => m.findings.filter((f) => f.severity === sev).length;

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

/** Lines to print for `lb3-shim analyze` (no colours: safe in pipes and logs). */
export function formatAnalysisTable(a: AppAnalysis, opts: { verbose?: boolean } = {}): string[] {
  const header = ['model', 'group', 'base', 'rel out/in', 'custom', 'hooks r/op', 'acls', 'blocks', 'complicates'];
  const rows = a.models.map((m) => [
    m.name + (m.builtin ? ' (built-in)' : m.attached ? '' : ' (base only)'),
    m.group === undefined ? '-' : `G${m.group + 1}`,
    m.base[0] ?? '-',
    `${m.relations.length}/${m.incoming.length}`,
    String(m.customMethods.length),
    `${m.remoteHooks.length}/${Object.values(m.operationHooks).reduce((x, y) => x + y, 0)}`,
    String(m.acls.length),
    String(count(m, 'blocks')),
    String(count(m, 'complicates')),
  ]);
  const lines = [
    `analysis of ${a.app}: ${a.models.length} models, ${a.groups.length} groups (static scan of ${a.scanned} files)`,
    '',
    ...table([header, ...rows]),
    '',
  ];
  lines.push('suggested order (leaves first; models in one group move together):');
  a.order.forEach((g, i) => {
    const group = a.groups[g];
    lines.push(`  ${i + 1}. G${g + 1}: ${group.models.join(', ')}${orderNote(a, g) ? `  (${orderNote(a, g)})` : ''}`);
    if (group.models.length > 1) for (const r of group.reasons) lines.push(`       because ${r}`);
  });
  if (a.builtinLast.length) lines.push(`  last: the built-in models ${a.builtinLast.join(', ')}`);
  lines.push('');
  for (const m of a.models) {
    const shown = m.findings.filter((f) => opts.verbose || f.severity !== 'note');
    if (!shown.length) continue;
    lines.push(`${m.name}:`);
    for (const f of shown) lines.push(`  ${f.severity.padEnd(11)} ${f.code}: ${f.message}`);
  }
  return lines;
}
