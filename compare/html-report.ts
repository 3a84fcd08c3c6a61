/**
 * The HTML report of a comparison: one self-contained page (inline CSS and a
 * few lines of inline JS, no external resources) with one row per step and,
 * under each differing step, side-by-side highlighted diffs of the status,
 * the headers and the body.
 */
import { diffLines, diffWordsWithSpace } from 'diff';
import { compilePatterns, isIgnored, type PathPattern } from './paths';
import { formatSpecDifference } from './spec-diff';
import type { CapturedResponse, ComparisonReport, StepResult } from './types';

/** Shown instead of an ignored or noisy value, so the side-by-side view highlights real differences only. */
export const MASK = '<ignored>';

/** Lines of unchanged text kept around a change; longer unchanged runs are folded. */
const CONTEXT = 3;

/** Render `report` as a complete HTML document. */
export function renderHtmlReport(report: ComparisonReport): string {
  const startingData = report.writes?.startingData ?? [];
  const specDiffs = report.spec?.differences ?? [];
  const ok = report.differing === 0 && report.crashes.length === 0 && startingData.length === 0 && specDiffs.length === 0;
  const rows = report.steps.map(stepRows).join('\n');
  const crashes = [
    ...report.crashes,
    ...(specDiffs.length ? [`the spec has ${specDiffs.length} client-visible changes:\n${specDiffs.map(formatSpecDifference).join('\n')}`] : []),
    ...(startingData.length
      ? [`the starting data differs (write parity):\n${startingData.map((d) => `${d.path}: ${d.legacy} → ${d.candidate}`).join('\n')}`]
      : []),
  ]
    .map((c) => `<pre class="crash">${esc(c)}</pre>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lb3-shim compare: ${ok ? 'all steps match' : `${report.differing} of ${report.steps.length} steps differ`}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>lb3-shim compare <span class="verdict ${ok ? 'same' : 'differs'}">${ok ? 'all steps match' : `${report.differing} of ${report.steps.length} steps differ`}</span></h1>
<dl>
<dt>scenario</dt><dd>${esc(report.scenario)}</dd>
<dt>legacy</dt><dd>${esc(report.legacy)}</dd>
<dt>candidate</dt><dd>${esc(report.candidate)}</dd>
${report.noiseTarget ? `<dt>noise (second legacy)</dt><dd>${esc(report.noiseTarget)}</dd>` : ''}
<dt>run</dt><dd>${esc(report.startedAt)}, ${report.durationMs} ms</dd>
</dl>
<label><input type="checkbox" id="only-diffs"> show only differing steps</label>
</header>
${crashes}
<table class="steps">
<thead><tr><th>#</th><th>step</th><th>request</th><th>legacy</th><th>candidate</th><th>result</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>
document.getElementById('only-diffs').addEventListener('change', function (e) {
  document.body.classList.toggle('only-diffs', e.target.checked);
});
</script>
</body>
</html>
`;
}

function stepRows(s: StepResult): string {
  const differs = s.differences.length > 0;
  const cls = differs ? 'differs' : 'same';
  const noise = s.noise.length ? `<div class="noise">ignored as noise: ${s.noise.map(esc).join(', ')}</div>` : '';
  const notes = s.notes.length ? `<div class="notes">${s.notes.map(esc).join('<br>')}</div>` : '';
  const summary = `<tr class="step ${cls}" id="step-${s.index + 1}">
<td>${s.index + 1}</td><td>${esc(s.name)}</td><td><code>${esc(s.method)} ${esc(s.path)}</code></td>
<td>${s.legacy.status}</td><td>${s.candidate.status}</td>
<td class="verdict ${cls}">${differs ? `${s.differences.length} difference${s.differences.length > 1 ? 's' : ''}` : 'same'}</td></tr>`;
  if (!differs) return noise || notes ? `${summary}\n<tr class="info same"><td></td><td colspan="5">${noise}${notes}</td></tr>` : summary;
  const list = s.differences
    .map(
      (d) =>
        `<li><code>${esc(d.path || 'body')}</code>${d.kind === 'key-order' ? ' (key order)' : ''}: <span class="del">${esc(clip(d.legacy))}</span> → <span class="ins">${esc(clip(d.candidate))}</span></li>`,
    )
    .join('');
  const kinds = new Set(s.differences.map((d) => d.kind));
  const masks = safePatterns(s.ignored ?? []);
  const sections = [
    kinds.has('status') ? section('status', String(s.legacy.status), String(s.candidate.status)) : '',
    kinds.has('header') ? section('headers', headerText(s.legacy, masks), headerText(s.candidate, masks)) : '',
    kinds.has('body') || kinds.has('key-order') ? section('body', bodyText(s.legacy, masks), bodyText(s.candidate, masks)) : '',
  ].join('');
  return `${summary}
<tr class="diff-row" data-step="${s.index + 1}"><td></td><td colspan="5"><ul class="diffs">${list}</ul>${noise}${notes}${sections}</td></tr>`;
}

function section(title: string, left: string, right: string): string {
  return `<h3>${title}</h3>
<table class="side-by-side"><colgroup><col class="ln"><col><col class="ln"><col></colgroup><thead><tr><th colspan="2">legacy</th><th colspan="2">candidate</th></tr></thead><tbody>
${sideBySide(left, right).join('\n')}
</tbody></table>`;
}

interface Row {
  kind: 'same' | 'change' | 'fold';
  left?: string;
  right?: string;
  ln?: number;
  rn?: number;
  folded?: number;
}

/** Table rows of a line diff, changed lines paired, long unchanged runs folded. */
export function sideBySide(left: string, right: string): string[] {
  const rows: Row[] = [];
  let ln = 0;
  let rn = 0;
  let del: string[] = [];
  let add: string[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(del.length, add.length); k++) {
      rows.push({ kind: 'change', left: del[k], right: add[k], ln: del[k] === undefined ? undefined : ++ln, rn: add[k] === undefined ? undefined : ++rn });
    }
    del = [];
    add = [];
  };
  for (const part of diffLines(left, right)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) del.push(...lines);
    else if (part.added) add.push(...lines);
    else {
      flush();
      for (const line of lines) rows.push({ kind: 'same', left: line, right: line, ln: ++ln, rn: ++rn });
    }
  }
  flush();
  return fold(rows).map(renderRow);
}

function fold(rows: Row[]): Row[] {
  const near = rows.map(() => false);
  rows.forEach((r, i) => {
    if (r.kind !== 'change') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(rows.length - 1, i + CONTEXT); k++) near[k] = true;
  });
  const out: Row[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (near[i] || rows[i].kind === 'change') {
      out.push(rows[i]);
      continue;
    }
    let j = i;
    while (j < rows.length && !near[j]) j++;
    if (j - i <= 1) out.push(rows[i]);
    else {
      out.push({ kind: 'fold', folded: j - i });
      i = j - 1;
    }
  }
  return out;
}

function renderRow(r: Row): string {
  if (r.kind === 'fold') return `<tr class="fold"><td colspan="4">… ${r.folded} unchanged lines …</td></tr>`;
  const num = (n: number | undefined) => `<td class="ln">${n ?? ''}</td>`;
  if (r.kind === 'same') return `<tr>${num(r.ln)}<td class="code">${esc(r.left!)}</td>${num(r.rn)}<td class="code">${esc(r.right!)}</td></tr>`;
  let leftHtml = r.left === undefined ? '' : esc(r.left);
  let rightHtml = r.right === undefined ? '' : esc(r.right);
  if (r.left !== undefined && r.right !== undefined) {
    // pair of changed lines: mark the words that differ
    leftHtml = '';
    rightHtml = '';
    for (const p of diffWordsWithSpace(r.left, r.right)) {
      if (!p.added) leftHtml += p.removed ? `<mark>${esc(p.value)}</mark>` : esc(p.value);
      if (!p.removed) rightHtml += p.added ? `<mark>${esc(p.value)}</mark>` : esc(p.value);
    }
  }
  const lcls = r.left === undefined ? 'code empty' : 'code del';
  const rcls = r.right === undefined ? 'code empty' : 'code ins';
  return `<tr class="changed">${num(r.ln)}<td class="${lcls}">${leftHtml}</td>${num(r.rn)}<td class="${rcls}">${rightHtml}</td></tr>`;
}

function headerText(r: CapturedResponse, masks: readonly PathPattern[]): string {
  return Object.keys(r.headers)
    .sort()
    .map((k) => `${k}: ${isIgnored(['headers', k], masks) ? MASK : r.headers[k]}`)
    .join('\n');
}

function bodyText(r: CapturedResponse, masks: readonly PathPattern[]): string {
  if (isIgnored(['body'], masks)) return MASK;
  if (typeof r.body === 'string') return r.body;
  return JSON.stringify(mask(r.body, ['body'], masks), null, 2) ?? '';
}

/** Copy of a JSON value with ignored subtrees replaced by MASK. */
function mask(v: unknown, path: string[], masks: readonly PathPattern[]): unknown {
  if (masks.length === 0 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x, i) => (isIgnored([...path, String(i)], masks) ? MASK : mask(x, [...path, String(i)], masks)));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = isIgnored([...path, k], masks) ? MASK : mask(x, [...path, k], masks);
  return out;
}

/** Patterns from a report (hand-edited JSON reports may hold bad ones: skip those). */
function safePatterns(paths: readonly string[]): PathPattern[] {
  const out: PathPattern[] = [];
  for (const p of paths) {
    try {
      out.push(...compilePatterns([p]));
    } catch {
      // not a path pattern
    }
  }
  return out;
}

const clip = (s: string) => (s.length > 200 ? s.slice(0, 200) + '…' : s);

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}h3{font-size:1em;margin:.8em 0 .3em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{color:#666}dd{margin:0}
table.steps{border-collapse:collapse;width:100%}
table.steps>thead th{text-align:left;border-bottom:2px solid #999;padding:.3em}
tr.step td{border-top:1px solid #ddd;padding:.3em}
.verdict.same{color:#176f2c}.verdict.differs{color:#b00020;font-weight:bold}
h1 .verdict{font-size:.8em;margin-left:1em}
tr.step.differs{background:#fff3f3}
tr.diff-row>td,tr.info>td{padding:.2em .3em 1em}
body.only-diffs tr.same{display:none}
ul.diffs{margin:.3em 0}
.del{background:#ffd7d5}.ins{background:#ccffd8}
table.side-by-side{border-collapse:collapse;width:100%;font:12px/1.35 ui-monospace,monospace;table-layout:fixed}
table.side-by-side th{background:#eee;text-align:left;padding:.2em}
table.side-by-side td{vertical-align:top;white-space:pre-wrap;word-break:break-all;padding:0 .4em}
table.side-by-side col.ln{width:3.5em}
table.side-by-side td.ln{color:#999;text-align:right;user-select:none}
td.code.del{background:#ffebe9}td.code.ins{background:#e6ffec}td.code.empty{background:#f6f8fa}
td.code.del mark{background:#ffc1bd}td.code.ins mark{background:#a6f0b5}
tr.fold td{color:#888;text-align:center;background:#fafafa}
.noise,.notes{color:#666;font-size:.9em}
pre.crash{background:#fee;padding:.5em;white-space:pre-wrap}
`;
