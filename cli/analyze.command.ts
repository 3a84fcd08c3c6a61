/**
 * `lb3-shim analyze <app-dir> [--json] [--html FILE]`: boot the LB3 app and
 * describe, per model, what migrating it involves, the groups of models that
 * must move together and a suggested order (docs/analyze.md). Exit 0 once the
 * analysis is printed, 2 on usage errors or an app that cannot boot.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { analyzeApp } from '../compat/analyze/analyze-app';
import { renderAnalysisHtml } from '../compat/analyze/analysis-html';
import { formatAnalysisTable } from '../compat/analyze/analysis-table';
import type { AppAnalysis } from '../compat/analyze/types';
import { Lb3BootError } from '../compat/boot/boot-errors';
import { exitCodeTwoOnUsageErrors, USAGE_EXIT_CODE, type CliIo } from './cli-io';

/** Progress bar only for apps with at least this many models. */
const PROGRESS_MIN_MODELS = 20;

interface AnalyzeOptions {
  json?: boolean;
  html?: string;
  verbose?: boolean;
  progress?: boolean;
}

export function registerAnalyzeCommand(program: Command, io: CliIo): Command {
  const cmd = program
    .command('analyze')
    .description(
      'Describe, for every model of the LB3 app, what migrating it involves; the groups of models that must move together; and a suggested order (leaves first)',
    )
    .argument('<app-dir>', 'the LB3 application directory (it is booted: boot scripts run)')
    .option('--json', 'print the analysis as JSON (schema in docs/analyze.md) instead of the table')
    .option('--html <file>', 'also write a self-contained HTML page with the dependency graph')
    .option('-v, --verbose', 'list notes too, not only what blocks or complicates')
    .option('--no-progress', 'no progress bar (shown on a terminal for apps of 20 models or more)')
    .action(async (appDir: string, opts: AnalyzeOptions) => {
      io.exit(await analyze(appDir, opts, io));
    });
  exitCodeTwoOnUsageErrors(cmd, io);
  return cmd;
}

/** Run `analyze`; resolves with the exit code. */
export async function analyze(appDir: string, opts: AnalyzeOptions, io: CliIo): Promise<number> {
  const fail = (msg: string) => {
    io.err(`lb3-shim analyze: ${msg}`);
    return USAGE_EXIT_CODE;
  };
  if (!fs.existsSync(path.join(appDir, 'server'))) return fail(`${appDir} is not an LB3 app directory (no server/ folder)`);
  const bar = opts.progress !== false && !opts.json ? progressBar() : undefined;
  let analysis: AppAnalysis;
  const absolute = path.resolve(appDir);
  const html = opts.html === undefined ? undefined : path.resolve(opts.html);
  try {
    // boot the app from its own folder, as `node server/server.js` (and `serve`) would: apps read relative paths
    process.chdir(absolute);
    analysis = { ...(await analyzeApp({ appDir: absolute }, { onModel: bar?.update })), app: appDir };
  } catch (err) {
    return fail(`cannot load ${appDir}: ${err instanceof Lb3BootError ? err.message : err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  } finally {
    bar?.stop();
  }
  if (opts.json) io.out(JSON.stringify(analysis, null, 2));
  else for (const line of formatAnalysisTable(analysis, { verbose: opts.verbose })) io.out(line);
  if (opts.html && html) {
    try {
      fs.mkdirSync(path.dirname(html), { recursive: true });
      fs.writeFileSync(html, renderAnalysisHtml(analysis));
      (opts.json ? io.err : io.out)(`dependency graph written to ${opts.html}`);
    } catch (err) {
      return fail(`cannot write ${opts.html}: ${(err as Error).message}`);
    }
  }
  return 0;
}

/** A cli-progress bar on stderr, on a terminal, once the app has enough models. */
function progressBar(): { update: (name: string, done: number, total: number) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let cliProgress: typeof import('cli-progress');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, loaded only for a TTY
    cliProgress = require('cli-progress');
  } catch {
    return undefined;
  }
  let bar: InstanceType<typeof cliProgress.SingleBar> | undefined;
  return {
    update: (name, done, total) => {
      if (total < PROGRESS_MIN_MODELS) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: 'analyze [{bar}] {value}/{total} models | {model}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { model: '' });
      }
      bar.update(done, { model: name.slice(0, 40) });
    },
    stop: () => bar?.stop(),
  };
}
