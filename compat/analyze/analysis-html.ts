/**
 * `analyze --html FILE`: one self-contained page (inline CSS, inline SVG, no
 * script, nothing fetched) with the dependency graph — one column per level of
 * the suggested order, leaves on the left, each group boxed, edges coloured by
 * kind — and the per-model findings below it.
 */
import { orderNote } from './order-note';
import type { AppAnalysis, DependencyEdge, ModelAnalysis } from './types';

const NODE_W = 170;
const NODE_H = 26;
const GAP = 10;
const PAD = 8;
const COL_W = NODE_W + 2 * PAD + 90;
const TOP = 40;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

interface Placed {
  x: number;
  y: number;
}

/** Node positions: columns = group levels (built-ins last), groups stacked in order. */
function layout(a: AppAnalysis): {
  at: Map<string, Placed>;
  boxes: Array<{ label: string; x: number; y: number; h: number; cls: string }>;
  width: number;
  height: number;
} {
  const at = new Map<string, Placed>();
  const boxes: Array<{ label: string; x: number; y: number; h: number; cls: string }> = [];
  const columnY = new Map<number, number>();
  const levels = a.groups.map((g) => g.level);
  const builtinCol = (levels.length ? Math.max(...levels) : -1) + 1;
  const place = (col: number, label: string, models: string[], cls: string) => {
    const x = 20 + col * COL_W;
    const y = columnY.get(col) ?? TOP;
    const h = models.length * (NODE_H + GAP) - GAP + 2 * PAD + 14;
    boxes.push({ label, x, y, h, cls });
    models.forEach((m, i) => at.set(m, { x: x + PAD, y: y + PAD + 14 + i * (NODE_H + GAP) }));
    columnY.set(col, y + h + 2 * GAP);
  };
  for (const g of a.order.map((i) => a.groups[i])) place(g.level, `G${g.index + 1}`, g.models, g.models.length > 1 ? 'group multi' : 'group');
  const builtins = a.models.filter((m) => m.builtin && m.attached).map((m) => m.name);
  if (builtins.length) place(builtinCol, 'built-in (last)', builtins, 'group builtin');
  const width = 40 + (builtins.length ? builtinCol + 1 : builtinCol) * COL_W;
  const height = Math.max(TOP, ...columnY.values()) + 20;
  return { at, boxes, width, height };
}

function edgePath(e: DependencyEdge, at: Map<string, Placed>): string {
  const a = at.get(e.from);
  const b = at.get(e.to);
  if (!a || !b) return '';
  const [x1, y1] = [a.x + (b.x < a.x ? 0 : b.x > a.x ? NODE_W : NODE_W / 2), a.y + NODE_H / 2];
  const [x2, y2] = [b.x + (a.x < b.x ? 0 : a.x > b.x ? NODE_W : NODE_W / 2), b.y + NODE_H / 2];
  // same column: bow out to the right so the edge does not run over the nodes
  const d =
    a.x === b.x
      ? `M${x1 + NODE_W / 2},${y1} C${x1 + NODE_W / 2 + 60},${y1} ${x2 + NODE_W / 2 + 60},${y2} ${x2 + NODE_W / 2},${y2}`
      : `M${x1},${y1} L${x2},${y2}`;
  return `<path class="edge ${e.kind}" d="${d}" marker-end="url(#arrow-${e.kind})"><title>${esc(`${e.from} → ${e.to}: ${e.kind} (${e.detail})`)}</title></path>`;
}

/** The SVG of the dependency graph (also usable alone). */
export function renderDependencySvg(a: AppAnalysis): string {
  const { at, boxes, width, height } = layout(a);
  const byName = new Map(a.models.map((m) => [m.name, m]));
  const markers = ['relation', 'embedded', 'base', 'code', 'hook']
    .map(
      (k) =>
        `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow ${k}" d="M0,0 L10,5 L0,10 z"/></marker>`,
    )
    .join('');
  const groupBoxes = boxes
    .map(
      (b) =>
        `<g class="${b.cls}"><rect x="${b.x}" y="${b.y}" width="${NODE_W + 2 * PAD}" height="${b.h}" rx="6"/><text class="group-label" x="${b.x + PAD}" y="${b.y + 14}">${esc(b.label)}</text></g>`,
    )
    .join('\n');
  const seen = new Set<string>();
  const edges = a.edges
    .filter((e) => !seen.has(`${e.from}>${e.to}>${e.kind}`) && seen.add(`${e.from}>${e.to}>${e.kind}`))
    .map((e) => edgePath(e, at))
    .join('\n');
  const nodes = [...at.entries()]
    .map(([name, p]) => {
      const m = byName.get(name)!;
      const blocks = m.findings.filter((f) => f.severity === 'blocks').length;
      const cls = blocks ? 'node blocked' : m.findings.some((f) => f.severity === 'complicates') ? 'node complicated' : 'node ready';
      return `<g class="${cls}" data-model="${esc(name)}"><rect x="${p.x}" y="${p.y}" width="${NODE_W}" height="${NODE_H}" rx="4"/><text x="${p.x + 8}" y="${p.y + 17}">${esc(name)}</text><title>${esc(`${name}: ${m.findings.length} findings`)}</title></g>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" id="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="model dependency graph">
<defs>${markers}</defs>
${groupBoxes}
${edges}
${nodes}
</svg>`;
}

function modelSection(m: ModelAnalysis): string {
  const findings = m.findings.map((f) => `<li class="${f.severity}"><b>${f.severity}</b> <code>${esc(f.code)}</code> ${esc(f.message)}</li>`).join('');
  const rel = m.relations.map((r) => `${r.name}: ${r.type} ${r.model}${r.through ? ` through ${r.through}` : ''}`).join('; ') || '—';
  const incoming = m.incoming.map((r) => `${r.from}.${r.name} (${r.type}${r.via === 'through' ? ', through' : ''})`).join('; ') || '—';
  const methods = m.customMethods.map((c) => `${c.name}(${c.accepts.map((x) => `${x.arg}: ${x.source}`).join(', ')})`).join('; ') || '—';
  const refs = m.reachedBy.map((r) => `${r.file}:${r.line}`).join(', ') || '—';
  return `<section class="model" id="model-${esc(m.name)}">
<h3>${esc(m.name)}${m.builtin ? ' <small>(built-in)</small>' : ''}${m.group !== undefined ? ` <small>G${m.group + 1}</small>` : ''}</h3>
<dl><dt>base</dt><dd>${esc(m.base.join(' → ') || '—')}</dd><dt>relations out</dt><dd>${esc(rel)}</dd><dt>relations in</dt><dd>${esc(incoming)}</dd>
<dt>custom methods</dt><dd>${esc(methods)}</dd><dt>reached by (static scan)</dt><dd>${esc(refs)}</dd></dl>
<ul class="findings">${findings || '<li class="note">nothing to report</li>'}</ul>
</section>`;
}

/** The complete HTML document. */
export function renderAnalysisHtml(a: AppAnalysis): string {
  const order = a.order
    .map((g) => `<li>G${g + 1}: ${esc(a.groups[g].models.join(', '))}${orderNote(a, g) ? ` <small>(${esc(orderNote(a, g))})</small>` : ''}</li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lb3-shim analyze: ${esc(a.app)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>lb3-shim analyze <small>${esc(a.app)}</small></h1>
<p class="summary">${a.models.length} models, ${a.groups.length} groups, ${a.edges.length} dependencies; static scan of ${a.scanned} files; ${esc(a.generatedAt)}</p>
<h2>Dependency graph</h2>
<p class="legend"><span class="k relation">relation</span> <span class="k embedded">embedded</span> <span class="k base">base class</span> <span class="k code">code reaches (static)</span> <span class="k hook">shared hook</span> · node: <span class="n ready">ready</span> <span class="n complicated">complicated</span> <span class="n blocked">blocked</span></p>
<div class="graph">${renderDependencySvg(a)}</div>
<h2>Suggested order</h2>
<ol id="order">${order}${a.builtinLast.length ? `<li>last: ${esc(a.builtinLast.join(', '))}</li>` : ''}</ol>
<h2>Models</h2>
${a.models.map(modelSection).join('\n')}
</body>
</html>
`;
}

const CSS = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #1d232a; }
h1 small, h3 small { color: #6a737d; font-weight: normal; }
.graph { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; background: #fbfcfd; }
svg text { font: 12px system-ui, sans-serif; }
.group rect { fill: #f2f5f8; stroke: #b8c2cc; }
.group.multi rect { fill: #fff7e6; stroke: #e0a040; }
.group.builtin rect { fill: #f0f0f0; stroke: #999; stroke-dasharray: 4 3; }
.group-label { fill: #57606a; font-weight: 600; }
.node rect { stroke-width: 1.5; }
.node.ready rect { fill: #e6f6ea; stroke: #2da44e; }
.node.complicated rect { fill: #fff8c5; stroke: #bf8700; }
.node.blocked rect { fill: #ffebe9; stroke: #cf222e; }
.edge { fill: none; stroke-width: 1.4; opacity: .8; }
.edge.relation, .arrow.relation { stroke: #0969da; fill: #0969da; }
.edge.base, .arrow.base { stroke: #8250df; fill: #8250df; }
.edge.embedded, .arrow.embedded { stroke: #1a7f37; fill: #1a7f37; stroke-width: 2.2; }
.edge.code, .arrow.code { stroke: #57606a; fill: #57606a; stroke-dasharray: 5 3; }
.edge.hook, .arrow.hook { stroke: #bf3989; fill: #bf3989; }
.edge { fill: none !important; }
.legend .k, .legend .n { padding: 1px 6px; border-radius: 3px; }
.k.relation { color: #0969da; } .k.embedded { color: #1a7f37; } .k.base { color: #8250df; } .k.code { color: #57606a; } .k.hook { color: #bf3989; }
.n.ready { background: #e6f6ea; } .n.complicated { background: #fff8c5; } .n.blocked { background: #ffebe9; }
section.model { border-top: 1px solid #d0d7de; padding-top: 6px; }
dl { display: grid; grid-template-columns: 180px 1fr; gap: 2px 12px; }
dt { color: #57606a; }
.findings li.blocks b { color: #cf222e; } .findings li.complicates b { color: #9a6700; } .findings li.note b { color: #57606a; }
`;
