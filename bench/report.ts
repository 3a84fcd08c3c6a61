/**
 * Bench results: the shape written by `--json` and the text table printed
 * to stdout (the same numbers).
 */
import type { BenchRequest } from './cells';
import type { BootResult } from './boot-bench';
import type { LoadSample } from './load';
import type { TargetKind } from './targets';

/** One target on one cell. `mismatch` = not benchmarked (answers differ from stock). */
export type TargetCellResult =
  | {
      state: 'ok';
      /** Median over rounds. */
      reqPerSec: number;
      /** Median over rounds of the p99 latency, ms. */
      p99: number;
      /** Median over rounds of the server's CPU time per response, µs (Linux /proc only). */
      cpuUsPerReq?: number;
      failures: number;
      samples: LoadSample[];
      note?: string;
    }
  | { state: 'mismatch'; reasons: string[] }
  | { state: 'skipped' };

export interface CellResult {
  id: string;
  label: string;
  request: BenchRequest;
  targets: Partial<Record<TargetKind, TargetCellResult>>;
  /**
   * Median req/s ratios, and stock CPU per request / shim CPU per request
   * (> 1: the shim needs less CPU per request); null when a side was not measured.
   */
  ratios: {
    shimVsStock: number | null;
    shimVsLimit: number | null;
    cpuStockVsShim: number | null;
    nativeVsStock?: number | null;
    nativeVsShim?: number | null;
  };
}

export interface BenchResult {
  meta: {
    date: string;
    command: string;
    node: string;
    cpus: number;
    loadavg: number[];
    options: { connections: number; duration: number; warmup: number; rounds: number; force: boolean };
  };
  cells: CellResult[];
  boot?: BootResult;
}

/** req/s ratio of two cells, null unless both were measured. */
export function ratio(a: TargetCellResult | undefined, b: TargetCellResult | undefined): number | null {
  return a?.state === 'ok' && b?.state === 'ok' && b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : null;
}

/** CPU-per-request ratio a/b, null unless both were measured with CPU times. */
export function cpuRatio(a: TargetCellResult | undefined, b: TargetCellResult | undefined): number | null {
  return a?.state === 'ok' && b?.state === 'ok' && a.cpuUsPerReq !== undefined && b.cpuUsPerReq ? a.cpuUsPerReq / b.cpuUsPerReq : null;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fmtRatio = (r: number | null) => (r === null ? '-' : r.toFixed(2) + 'x');

function fmtTarget(r: TargetCellResult | undefined): [string, string, string] {
  if (!r || r.state === 'skipped') return ['-', '-', '-'];
  if (r.state === 'mismatch') return ['mismatch', '-', '-'];
  const flag = r.failures > 0 || r.note ? '!' : '';
  return [Math.round(r.reqPerSec) + flag, r.p99.toFixed(1), r.cpuUsPerReq === undefined ? '-' : r.cpuUsPerReq.toFixed(0)];
}

/** The text report: one row per cell, then mismatch reasons and footnotes, then the boot table. */
export function formatTable(result: BenchResult, kinds: readonly TargetKind[]): string {
  const lines: string[] = [];
  const o = result.meta.options;
  lines.push(
    `lb3-shim bench — node ${result.meta.node}, ${result.meta.cpus} cpus, ${o.connections} connections, ` +
      `${o.duration}s per cell (+${o.warmup}s warmup), median of ${o.rounds} interleaved rounds`,
  );
  const head = [
    pad('cell', 38),
    ...kinds.flatMap((k) => [lpad(`${k} req/s`, 12), lpad('p99 ms', 7), lpad('cpu µs', 7)]),
    lpad('shim/LB3', 9),
    lpad('cpu LB3/shim', 13),
    lpad('shim/limit', 11),
    ...(kinds.includes('native') ? [lpad('native/LB3', 11), lpad('native/shim', 12)] : []),
  ];
  lines.push(head.join(' '));
  lines.push('-'.repeat(head.join(' ').length));
  const notes: string[] = [];
  for (const cell of result.cells) {
    const cols = [pad(cell.label, 38)];
    for (const k of kinds) {
      const r = cell.targets[k];
      const [rps, p99, cpu] = fmtTarget(r);
      cols.push(lpad(rps, 12), lpad(p99, 7), lpad(cpu, 7));
      if (r?.state === 'mismatch') for (const why of r.reasons) notes.push(`${cell.id} [${k}] mismatch: ${why}`);
      if (r?.state === 'ok' && r.failures > 0) notes.push(`${cell.id} [${k}] ! ${r.failures} non-2xx/errors during load`);
      if (r?.state === 'ok' && r.note) notes.push(`${cell.id} [${k}] ! ${r.note}`);
    }
    cols.push(lpad(fmtRatio(cell.ratios.shimVsStock), 9), lpad(fmtRatio(cell.ratios.cpuStockVsShim), 13), lpad(fmtRatio(cell.ratios.shimVsLimit), 11));
    if (kinds.includes('native')) cols.push(lpad(fmtRatio(cell.ratios.nativeVsStock ?? null), 11), lpad(fmtRatio(cell.ratios.nativeVsShim ?? null), 12));
    lines.push(cols.join(' '));
  }
  lines.push(
    'req/s and p99: median over rounds; cpu µs: server CPU time (user+system) per response; ' +
      'shim/LB3 = req/s ratio, cpu LB3/shim = CPU per request ratio (> 1: shim cheaper), shim/limit = req/s ratio; ' +
      'native = the shim with Product served by its native model module (cells of other models fall back to LB3)',
  );
  if (notes.length) lines.push('', ...notes);
  if (result.boot) {
    const b = result.boot;
    lines.push('', `boot of a generated ${b.models}-model app (fresh process each, median of ${b.runs}; boot = process start → first response)`);
    lines.push([pad('', 8), lpad('boot ms', 9), lpad('listen ms', 10), lpad('RSS MB', 8), lpad('heap MB', 8)].join(' '));
    for (const k of ['stock', 'shim'] as const) {
      const s = b[k];
      lines.push(
        [pad(k, 8), lpad(s.bootMs.toFixed(0), 9), lpad(s.listenMs.toFixed(0), 10), lpad(s.rssMb.toFixed(1), 8), lpad(s.heapMb.toFixed(1), 8)].join(' '),
      );
    }
    lines.push(`shim/stock: boot ${(b.shim.bootMs / b.stock.bootMs).toFixed(2)}x, RSS ${(b.shim.rssMb / b.stock.rssMb).toFixed(2)}x`);
  }
  return lines.join('\n');
}
