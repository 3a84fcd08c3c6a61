/**
 * `lb3-shim compare`: run a scenario against a legacy and a candidate server
 * and report every difference. Exit 0 when every step matches, 1 when any
 * differs (or, with --spec, the API description changed; with --writes, the
 * rows differ), 2 on usage or startup errors.
 *
 *   lb3-shim compare <app-dir> --scenario s.json             stock LB3 vs lb3-shim, each booted on a free port
 *   lb3-shim compare --legacy-url U1 --candidate-url U2 ...   two running servers
 *   lb3-shim compare <app-dir> --spec [--writes -s s.json]   + spec gate, + write parity
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { comparisonPassed, runComparison, type TargetSpec } from '../compare/compare';
import { renderHtmlReport } from '../compare/html-report';
import { loadScenario, ScenarioError } from '../compare/scenario.loader';
import { formatTextReport } from '../compare/text-report';
import type { ComparisonReport, Scenario, StepResult } from '../compare/types';
import { exitCodeTwoOnUsageErrors, type CliIo } from './cli-io';

/** Exit codes of `compare` (documented in docs/compare.md). */
export const COMPARE_EXIT = { same: 0, differs: 1, usage: 2 } as const;

/** Progress bars only for scenarios at least this long. */
const PROGRESS_MIN_STEPS = 10;

interface CompareOptions {
  scenario?: string;
  spec?: boolean;
  legacyUrl?: string;
  candidateUrl?: string;
  noise?: boolean;
  noiseUrl?: string;
  json?: boolean;
  report?: string;
  timeout?: number;
  verbose?: boolean;
  progress?: boolean;
  writes?: boolean;
  candidateEnv?: string[];
}

function parseEnvPair(value: string, previous: string[] = []): string[] {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) throw new InvalidArgumentError(`"${value}" is not NAME=VALUE.`);
  return [...previous, value];
}

function parseMs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) === 0) throw new InvalidArgumentError(`"${value}" is not a number of milliseconds.`);
  return Number(value);
}

/** Add `compare` to the program. Usage errors exit with code 2 instead of commander's 1. */
export function registerCompareCommand(program: Command, io: CliIo): Command {
  const cmd = program
    .command('compare')
    .description('Run a scenario against a legacy and a candidate server and report every difference in status, headers and JSON body')
    .argument('[app-dir]', 'LB3 app booted twice: stock LoopBack 3 (legacy) and lb3-shim (candidate)')
    .option('-s, --scenario <file>', 'scenario file (JSON, or YAML for .yaml/.yml); see docs/compare.md (required unless --spec)')
    .option('--legacy-url <url>', 'a running legacy server (instead of <app-dir>)')
    .option('--candidate-url <url>', 'a running candidate server (instead of <app-dir>)')
    .option('--noise', 'run the legacy side twice and ignore whatever differs between the two legacy runs')
    .option('--noise-url <url>', 'with --legacy-url: a second legacy server for --noise')
    .option('--json', 'print the full report as JSON on stdout')
    .option('--report <file>', 'write a self-contained HTML report with side-by-side diffs')
    .option('--timeout <ms>', 'per-request timeout (default 15000)', parseMs)
    .option('-v, --verbose', 'list matching steps too')
    .option('--spec', "spec gate: diff the LB3 app's OpenAPI against the candidate's /openapi.json; any client-visible change fails (exit 1; needs <app-dir>)")
    .option('--writes', "write parity: also compare every model's rows after each POST/PUT/PATCH/DELETE step (needs <app-dir>; memory datasources)")
    .option('--candidate-env <NAME=VALUE>', 'with <app-dir>: extra environment for the candidate app only (repeatable)', parseEnvPair)
    .option('--no-progress', 'no progress bar')
    .action(async (appDir: string | undefined, opts: CompareOptions) => {
      io.exit(await compare(appDir, opts, io));
    });
  exitCodeTwoOnUsageErrors(cmd, io);
  return cmd;
}

/** Run `compare`; resolves with the exit code (never rejects for expected failures). */
export async function compare(appDir: string | undefined, opts: CompareOptions, io: CliIo): Promise<number> {
  const usage = (msg: string) => {
    io.err(`lb3-shim compare: ${msg}`);
    return COMPARE_EXIT.usage;
  };
  const urls = opts.legacyUrl !== undefined || opts.candidateUrl !== undefined;
  if (appDir !== undefined && urls) return usage('give either <app-dir> or --legacy-url/--candidate-url, not both');
  if (appDir === undefined && !urls) return usage('give an <app-dir>, or both --legacy-url and --candidate-url');
  if (urls && (opts.legacyUrl === undefined || opts.candidateUrl === undefined)) return usage('--legacy-url and --candidate-url go together');
  if (opts.noiseUrl !== undefined && !urls) return usage('--noise-url needs --legacy-url/--candidate-url (with <app-dir>, --noise boots the app twice)');
  if (urls && opts.noise && opts.noiseUrl === undefined) return usage('--noise with --legacy-url needs --noise-url (a second legacy server)');
  if (opts.scenario === undefined && !opts.spec) return usage('give a --scenario <file> (or --spec to check the API description only)');
  if (opts.spec && urls) return usage('--spec needs <app-dir>: the legacy side describes the LB3 app itself');
  if (opts.writes && urls) return usage('--writes needs <app-dir>: each side must boot from the same starting data and be able to dump its rows');
  if (opts.candidateEnv && urls) return usage('--candidate-env needs <app-dir>');
  if (appDir !== undefined && !fs.existsSync(path.join(appDir, 'server'))) return usage(`${appDir} is not an LB3 app directory (no server/ folder)`);

  let scenario: Scenario = { source: '(no scenario: --spec only)', steps: [] };
  try {
    if (opts.scenario !== undefined) scenario = loadScenario(opts.scenario);
  } catch (err) {
    return usage(err instanceof ScenarioError ? err.message : String(err));
  }
  let legacy: TargetSpec;
  let candidate: TargetSpec;
  let noise: boolean | TargetSpec | undefined;
  if (appDir !== undefined) {
    legacy = { app: appDir, kind: 'stock' };
    candidate = { app: appDir, kind: 'shim', env: envOf(opts.candidateEnv) };
    noise = opts.noise === true;
  } else {
    legacy = { url: opts.legacyUrl! };
    candidate = { url: opts.candidateUrl! };
    noise = opts.noiseUrl !== undefined ? { url: opts.noiseUrl } : undefined;
    for (const u of [opts.legacyUrl!, opts.candidateUrl!, ...(opts.noiseUrl ? [opts.noiseUrl] : [])]) {
      if (!/^https?:\/\/[^/]/.test(u)) return usage(`"${u}" is not an http(s) URL`);
    }
  }

  const progress = opts.progress !== false && !opts.json && scenario.steps.length >= PROGRESS_MIN_STEPS ? progressBar(scenario.steps.length) : undefined;
  let report: ComparisonReport;
  try {
    report = await runComparison({
      scenario,
      legacy,
      candidate,
      noise,
      writes: opts.writes,
      spec: opts.spec,
      timeoutMs: opts.timeout,
      onStep: progress?.update,
    });
  } catch (err) {
    progress?.stop();
    return usage(`cannot start: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    progress?.stop();
  }

  if (opts.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatTextReport(report, { verbose: opts.verbose })) io.out(line);
  if (opts.report) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(opts.report)), { recursive: true });
      fs.writeFileSync(opts.report, renderHtmlReport(report));
      (opts.json ? io.err : io.out)(`report written to ${opts.report}`);
    } catch (err) {
      return usage(`cannot write the report ${opts.report}: ${(err as Error).message}`);
    }
  }
  return comparisonPassed(report) ? COMPARE_EXIT.same : COMPARE_EXIT.differs;
}

function envOf(pairs: string[] | undefined): NodeJS.ProcessEnv | undefined {
  if (!pairs) return undefined;
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

/** A cli-progress bar on stderr when it is a terminal (cli-progress is optional at runtime). */
function progressBar(total: number): { update: (s: StepResult, done: number) => void; stop: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let cliProgress: typeof import('cli-progress');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, loaded only for a TTY
    cliProgress = require('cli-progress');
  } catch {
    return undefined;
  }
  const bar = new cliProgress.SingleBar(
    { format: 'compare [{bar}] {value}/{total} steps | {differing} differing | {step}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let differing = 0;
  let stopped = false;
  bar.start(total, 0, { differing, step: '' });
  return {
    update: (s, done) => {
      if (s.differences.length) differing++;
      bar.update(done, { differing, step: s.name.slice(0, 40) });
    },
    stop: () => {
      if (!stopped) bar.stop();
      stopped = true;
    },
  };
}
