/**
 * Boot time and RSS of a generated 200-model app, stock LB3 vs the shim,
 * each boot in a fresh child process, alternating stock/shim, median of N.
 */
import { fork } from 'child_process';
import * as path from 'path';
import { generateApp, modelName, removeApp } from './big-app';
import type { BootReport } from './boot-runner';
import { median } from './load';
import { childEnv, stopChild } from './targets';

export type BootKind = 'stock' | 'shim';

export interface BootStats {
  /** Median ms from process start to the end of the first response. */
  bootMs: number;
  /** Median ms from process start to listening. */
  listenMs: number;
  /** Median RSS after boot, MB. */
  rssMb: number;
  /** Median V8 heap used after boot, MB. */
  heapMb: number;
  /** Every run, in order. */
  runs: BootReport[];
}

export interface BootResult {
  models: number;
  runs: number;
  stock: BootStats;
  shim: BootStats;
}

const RUNNER = path.join(__dirname, 'boot-runner.js');
const MB = 1024 * 1024;

function bootOnce(kind: BootKind, appDir: string, firstPath: string): Promise<BootReport> {
  const child = fork(RUNNER, [kind, appDir, firstPath], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: childEnv() });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c).slice(-4000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c).slice(-4000)));
  return new Promise<BootReport>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} boot of ${appDir} exited with code ${code}\n${output}`)));
    child.once('message', (msg: BootReport) => {
      child.removeAllListeners('exit');
      void stopChild(child).then(() => resolve(msg));
    });
  });
}

function stats(runs: BootReport[]): BootStats {
  return {
    bootMs: median(runs.map((r) => r.firstResponseMs)),
    listenMs: median(runs.map((r) => r.listenMs)),
    rssMb: median(runs.map((r) => r.rss / MB)),
    heapMb: median(runs.map((r) => r.heapUsed / MB)),
    runs,
  };
}

/** Generate the app, boot it `runs` times per kind (interleaved), clean up. */
export async function runBootBench(opts: { models: number; runs: number; progress: (line: string) => void }): Promise<BootResult> {
  const appDir = generateApp(opts.models);
  // the last model: its REST path exists in both and its (empty) list is a 200
  const firstPath = `/api/${modelName(opts.models)}s`;
  const reports: Record<BootKind, BootReport[]> = { stock: [], shim: [] };
  try {
    for (let i = 1; i <= opts.runs; i++) {
      for (const kind of ['stock', 'shim'] as const) {
        opts.progress(`boot ${kind} ${opts.models}-model app, run ${i}/${opts.runs}`);
        const r = await bootOnce(kind, appDir, firstPath);
        if (r.firstStatus !== 200) throw new Error(`${kind}: GET ${firstPath} answered ${r.firstStatus} after boot`);
        reports[kind].push(r);
      }
    }
  } finally {
    removeApp(appDir);
  }
  return { models: opts.models, runs: opts.runs, stock: stats(reports.stock), shim: stats(reports.shim) };
}
