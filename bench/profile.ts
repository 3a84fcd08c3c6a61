/**
 * CPU-profile one target under load on one bench cell:
 *
 *   node dist/bench/profile.js [--target shim] [--cell get-by-id] [--duration 10] [--out dir] [--top 25]
 *
 * Starts the target inside bench/profiled-runner, warms it up, then
 * CPU-profiles it (V8 inspector, boot and warmup excluded) under autocannon
 * load and prints a summary, with per-request CPU costs. The raw
 * `.cpuprofile` stays in --out (open it in Chrome DevTools → Performance, or
 * speedscope).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Command } from 'commander';
import { fixtureDir, projectRoot } from '../test/support/paths';
import { CELLS } from './cells';
import { formatSummary, summarizeProfile } from './cpu-profile';
import { runLoad } from './load';
import { startTarget, TARGET_KINDS, type TargetKind } from './targets';

interface Options {
  target: TargetKind;
  cell: string;
  duration: number;
  warmup: number;
  connections: number;
  out?: string;
  top: number;
}

async function main(): Promise<void> {
  const o = new Command('profile')
    .option('--target <kind>', `one of ${TARGET_KINDS.join(', ')}`, 'shim')
    .option('--cell <id>', `one of ${CELLS.map((c) => c.id).join(', ')}`, 'get-by-id')
    .option('--duration <s>', 'profiled load seconds', Number, 10)
    .option('--warmup <s>', 'unprofiled load seconds first (lets the JIT settle)', Number, 2)
    .option('--connections <n>', 'autocannon connections', Number, 20)
    .option('--out <dir>', 'where the .cpuprofile is written (default: a new temp dir)')
    .option('--top <n>', 'rows per list', Number, 25)
    .parse(process.argv)
    .opts<Options>();
  const cell = CELLS.find((c) => c.id === o.cell);
  if (!cell) throw new Error(`unknown cell "${o.cell}"`);
  const out = path.resolve(o.out ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-prof-')));
  fs.mkdirSync(out, { recursive: true });
  const full = path.join(out, `${o.target}-${cell.id}.cpuprofile`);

  const target = await startTarget(o.target, fixtureDir('bench'), { profiled: true });
  let sample;
  try {
    process.stderr.write(`[profile] ${o.target} pid ${target.pid}: ${o.warmup}s warmup, then ${o.duration}s of ${cell.id} profiled\n`);
    if (o.warmup > 0) await runLoad(target.url, cell.request, { connections: o.connections, duration: o.warmup, warmup: 0 });
    await target.profile({ profile: 'start' });
    sample = await runLoad(target.url, cell.request, { connections: o.connections, duration: o.duration, warmup: 0 });
    await target.profile({ profile: 'stop', file: full });
  } finally {
    await target.stop();
  }
  process.stdout.write(`${o.target} ${cell.id}: ${Math.round(sample.reqPerSec)} req/s under the profiler, p99 ${sample.p99} ms, ${sample.failures} failures\n`);
  process.stdout.write(`profile: ${full}\n`);
  process.stdout.write(formatSummary(summarizeProfile(full, projectRoot, o.top), sample.total) + '\n');
}

main().catch((err) => {
  console.error((err && err.stack) || err);
  process.exit(1);
});
