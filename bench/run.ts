/**
 * `npm run bench`: stock LB3, lb3-shim and the raw limit (bare http handler
 * → juggler models) side by side on test/fixtures/lb3/bench, then boot time
 * and RSS of a generated 200-model app. See docs/performance.md.
 *
 *   node dist/bench/run.js [--duration 3] [--warmup 1] [--rounds 3] [--connections 20]
 *                          [--cells get-by-id,create] [--targets stock,shim,native,limit]
 *                          [--json out.json] [--force] [--no-boot] [--boot-runs 3] [--boot-models 200]
 *
 * Progress goes to stderr, the table to stdout.
 */
import * as fs from 'fs';
import * as os from 'os';
import { Command } from 'commander';
import { fixtureDir } from '../test/support/paths';
import { runBootBench } from './boot-bench';
import { CELLS, type BenchCell } from './cells';
import { median, runLoad, type LoadOptions, type LoadSample } from './load';
import { checkCell, describeRequest, probe } from './parity-check';
import { cpuRatio, formatTable, ratio, type BenchResult, type CellResult, type TargetCellResult } from './report';
import { startTarget, TARGET_KINDS, type BenchTarget, type TargetKind } from './targets';

interface CliOptions {
  duration: number;
  warmup: number;
  rounds: number;
  connections: number;
  cells?: string;
  targets: string;
  json?: string;
  force: boolean;
  boot: boolean;
  bootRuns: number;
  bootModels: number;
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const int = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${v}`);
  return n;
};

function parseArgs(argv: string[]): CliOptions {
  return new Command('bench')
    .description('lb3-shim vs stock LoopBack 3 vs a bare http handler (see docs/performance.md)')
    .option('--duration <s>', 'measured seconds per cell, target and round', int, 3)
    .option('--warmup <s>', 'warmup seconds before each measured run', int, 1)
    .option('--rounds <n>', 'interleaved rounds (the median is reported)', int, 3)
    .option('--connections <n>', 'autocannon connections', int, 20)
    .option('--cells <ids>', `comma-separated cell ids (${CELLS.map((c) => c.id).join(', ')})`)
    .option('--targets <kinds>', 'comma-separated targets', TARGET_KINDS.join(','))
    .option('--json <file>', 'also write the results as JSON')
    .option('--force', 'benchmark cells that fail the parity pre-check anyway (flagged with !)', false)
    .option('--no-boot', 'skip the boot time / RSS comparison')
    .option('--boot-runs <n>', 'fresh-process boots per target for the boot comparison', int, 3)
    .option('--boot-models <n>', 'models in the generated boot app', int, 200)
    .parse(argv)
    .opts<CliOptions>();
}

function selectCells(ids: string | undefined): BenchCell[] {
  if (!ids) return [...CELLS];
  const wanted = ids.split(',').map((s) => s.trim());
  for (const id of wanted) if (!CELLS.some((c) => c.id === id)) throw new Error(`unknown cell "${id}"`);
  return CELLS.filter((c) => wanted.includes(c.id));
}

function selectTargets(kinds: string): TargetKind[] {
  const wanted = kinds.split(',').map((s) => s.trim());
  for (const k of wanted) if (!(TARGET_KINDS as readonly string[]).includes(k)) throw new Error(`unknown target "${k}"`);
  if (!wanted.includes('stock')) throw new Error('the stock target is required (it is the parity reference)');
  return TARGET_KINDS.filter((k) => wanted.includes(k));
}

/** A target × cell to load (`forced`: pre-check reasons ignored under --force), or its final non-run result. */
type Planned = { run: true; forced?: string[] } | TargetCellResult;

/** Which targets may be loaded on each cell: cell id → target → plan. */
async function preCheck(cells: BenchCell[], targets: BenchTarget[], force: boolean): Promise<Map<string, Map<TargetKind, Planned>>> {
  const stock = targets.find((t) => t.kind === 'stock')!;
  const plan = new Map<string, Map<TargetKind, Planned>>();
  for (const cell of cells) {
    const row = new Map<TargetKind, Planned>([['stock', { run: true }]]);
    plan.set(cell.id, row);
    // the reference itself must succeed, or every target would be measured on an error path
    const ref = await probe(stock.url, cell.request).catch((err: Error) => ({ status: 0, error: err.message }));
    if (ref.status < 200 || ref.status > 299) {
      const reasons = [`stock LB3 answers ${describeRequest(cell.request)} with ${ref.status || (ref as { error?: string }).error}; fix the bench fixture`];
      progress(`pre-check ${cell.id} [stock] FAILED: ${reasons[0]}`);
      for (const t of targets) row.set(t.kind, { state: 'mismatch', reasons });
      continue;
    }
    for (const t of targets) {
      if (t.kind === 'stock') continue;
      // the shim claims LB3 parity: hook headers and ACL guards must match; the limit only has to succeed alike
      const check = await checkCell(cell, stock.url, t.url, t.kind === 'shim' || t.kind === 'native');
      if (check.ok) {
        row.set(t.kind, { run: true });
        continue;
      }
      progress(`pre-check ${cell.id} [${t.kind}] MISMATCH: ${check.reasons.join('; ')}`);
      row.set(t.kind, force ? { run: true, forced: check.reasons } : { state: 'mismatch', reasons: check.reasons });
    }
  }
  return plan;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv);
  const cells = selectCells(opts.cells);
  const kinds = selectTargets(opts.targets);
  const load: LoadOptions = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
  const appDir = fixtureDir('bench');
  const result: BenchResult = {
    meta: {
      date: new Date().toISOString(),
      command: ['node', ...process.argv.slice(1)].join(' '),
      node: process.version,
      cpus: os.cpus().length,
      loadavg: os.loadavg(),
      options: { connections: opts.connections, duration: opts.duration, warmup: opts.warmup, rounds: opts.rounds, force: opts.force },
    },
    cells: [],
  };

  const targets: BenchTarget[] = [];
  const stopAll = () => Promise.all(targets.map((t) => t.stop()));
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const notStarted = new Map<TargetKind, string>();
    for (const kind of kinds) {
      progress(`starting ${kind}`);
      try {
        targets.push(await startTarget(kind, appDir));
      } catch (err) {
        if (kind === 'stock') throw err;
        // a candidate that cannot boot is reported on every cell, not a crash of the whole bench
        const first = String((err as Error).message)
          .split('\n')
          .slice(0, 6)
          .join(' | ');
        progress(`${kind} did not start: ${first}`);
        notStarted.set(kind, `did not start: ${first}`);
      }
    }
    const plan = await preCheck(cells, targets, opts.force);
    for (const row of plan.values()) for (const [kind, why] of notStarted) row.set(kind, { state: 'mismatch', reasons: [why] });

    const total = cells.length * opts.rounds * targets.length;
    let n = 0;
    for (const cell of cells) {
      const samples = new Map<TargetKind, LoadSample[]>(targets.map((t) => [t.kind, []]));
      for (let round = 1; round <= opts.rounds; round++) {
        for (const t of targets) {
          n++;
          if (!('run' in plan.get(cell.id)!.get(t.kind)!)) continue;
          progress(`[${n}/${total}] ${cell.id} round ${round}/${opts.rounds} → ${t.kind}`);
          samples.get(t.kind)!.push(await runLoad(t.url, cell.request, load, t.cpuMs));
        }
      }
      const row: CellResult = {
        id: cell.id,
        label: cell.label,
        request: cell.request,
        targets: {},
        ratios: { shimVsStock: null, shimVsLimit: null, cpuStockVsShim: null, nativeVsStock: null, nativeVsShim: null },
      };
      for (const kind of kinds) {
        const planned = plan.get(cell.id)!.get(kind)!;
        if (!('run' in planned)) {
          row.targets[kind] = planned;
          continue;
        }
        const s = samples.get(kind)!;
        const forced = planned.forced;
        const cpu = s.map((x) => x.cpuUsPerReq).filter((x): x is number => x !== undefined);
        row.targets[kind] = {
          state: 'ok',
          reqPerSec: median(s.map((x) => x.reqPerSec)),
          p99: median(s.map((x) => x.p99)),
          ...(cpu.length === s.length ? { cpuUsPerReq: median(cpu) } : {}),
          failures: s.reduce((sum, x) => sum + x.failures, 0),
          samples: s,
          ...(forced ? { note: `benchmarked despite pre-check mismatch (--force): ${forced.join('; ')}` } : {}),
        };
      }
      row.ratios = {
        shimVsStock: ratio(row.targets.shim, row.targets.stock),
        shimVsLimit: ratio(row.targets.shim, row.targets.limit),
        cpuStockVsShim: cpuRatio(row.targets.stock, row.targets.shim),
        nativeVsStock: ratio(row.targets.native, row.targets.stock),
        nativeVsShim: ratio(row.targets.native, row.targets.shim),
      };
      result.cells.push(row);
    }
  } finally {
    await stopAll();
  }

  if (opts.boot && kinds.includes('shim')) {
    result.boot = await runBootBench({ models: opts.bootModels, runs: opts.bootRuns, progress });
  }

  process.stdout.write(formatTable(result, kinds) + '\n');
  if (opts.json) {
    fs.writeFileSync(opts.json, JSON.stringify(result, null, 2) + '\n');
    progress(`wrote ${opts.json}`);
  }
}

main().catch((err) => {
  console.error((err && err.stack) || err);
  process.exit(1);
});
