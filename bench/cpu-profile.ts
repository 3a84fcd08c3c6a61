/**
 * Summarise a V8 `.cpuprofile` (as written by `node --cpu-prof`): self and
 * inclusive time per function, and self time per area (lib/, compat/, each
 * node_modules package, node internals).
 */
import * as fs from 'fs';
import * as path from 'path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Time attributed to one function or area, ms and share of all samples. */
export interface Hot {
  name: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** By self time. */
  selfByFunction: Hot[];
  /** Inclusive time (function or anything it calls), project code only (lib/, compat/). */
  inclusiveProject: Hot[];
  /** Self time by area. */
  selfByArea: Hot[];
}

/**
 * `lib/` or `compat/` for project files, `node_modules/<pkg>` for dependencies, `node:internal`
 * for node's JS; frames without a script are GC, V8 itself, or native code (syscalls such as writev).
 */
export function areaOf(cf: Pick<CallFrame, 'url' | 'functionName'>, projectRoot: string): string {
  const url = cf.url;
  if (!url) return cf.functionName === '(garbage collector)' ? '(gc)' : cf.functionName === '(program)' ? '(v8)' : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf(`${path.sep}node_modules${path.sep}`);
  if (nm >= 0) {
    const parts = file.slice(nm + 14).split(path.sep);
    return 'node_modules/' + (parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  const rel = path.relative(projectRoot, file);
  if (rel.startsWith('..')) return file;
  const parts = rel.split(path.sep);
  return parts[0] === 'dist' ? parts.slice(1, 2).join('/') + '/' : parts[0];
}

function frameName(cf: CallFrame, projectRoot: string): string {
  const file = cf.url.startsWith('file://') ? decodeURIComponent(new URL(cf.url).pathname) : cf.url;
  const where = file ? `${path.relative(projectRoot, file).replace(/^node_modules\//, '~/')}:${cf.lineNumber + 1}` : '';
  return `${cf.functionName || '(anonymous)'} ${where}`.trim();
}

function top(map: Map<string, number>, totalMs: number, n: number): Hot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), pct: Math.round((ms / totalMs) * 1000) / 10 }));
}

/** Read and summarise a profile; `n` rows per list. */
export function summarizeProfile(file: string, projectRoot: string, n = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const self = new Map<string, number>();
  const area = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(profile.samples[i])!;
    if (node.callFrame.functionName === '(idle)') continue;
    totalMs += ms;
    const name = frameName(node.callFrame, projectRoot);
    self.set(name, (self.get(name) ?? 0) + ms);
    const a = areaOf(node.callFrame, projectRoot);
    area.set(a, (area.get(a) ?? 0) + ms);
    // inclusive: each project function on the stack once per sample
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id)!.callFrame;
      const ar = areaOf(cf, projectRoot);
      if (ar !== 'lib/' && ar !== 'compat/') continue;
      const fn = frameName(cf, projectRoot);
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + ms);
    }
  }
  return { totalMs, selfByFunction: top(self, totalMs, n), inclusiveProject: top(inclusive, totalMs, n), selfByArea: top(area, totalMs, n) };
}

/** Text rendering of a summary; with `requests`, each row also shows CPU µs per request. */
export function formatSummary(s: ProfileSummary, requests?: number): string {
  const perReq = (ms: number) => (requests ? `${((ms * 1000) / requests).toFixed(1).padStart(6)} µs/req  ` : '');
  const rows = (title: string, list: Hot[]) => [
    title,
    ...list.map((h) => `  ${h.pct.toFixed(1).padStart(5)}%  ${String(h.ms).padStart(6)} ms  ${perReq(h.ms)}${h.name}`),
  ];
  return [
    `busy time ${Math.round(s.totalMs)} ms (idle excluded)${requests ? `, ${requests} requests, ${perReq(s.totalMs).trim()}` : ''}`,
    ...rows('self time by area:', s.selfByArea),
    ...rows('self time by function:', s.selfByFunction),
    ...rows('inclusive time, lib/ and compat/ functions:', s.inclusiveProject),
  ].join('\n');
}
