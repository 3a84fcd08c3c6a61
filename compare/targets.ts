/**
 * The two (or three) sides of a comparison. An app target is an LB3 app
 * directory booted in its own child process (stock LB3 or lb3-shim) on a
 * free port, from the app's own starting data; a URL target is any server
 * that is already running.
 */
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import debugFactory from 'debug';
import { ControlClient } from './control-client';
import type { DataSnapshot } from './types';

const debug = debugFactory('lb3-shim:compare:targets');

export type AppKind = 'stock' | 'shim';

/** A REST route as reported by a runner (path relative to the REST base path, express-style params). */
export interface RouteInfo {
  verb: string;
  path: string;
  id?: string;
}

/** Somewhere requests can be sent. */
export interface Target {
  /** e.g. `stock LB3 (test/fixtures/lb3/demo)` or the URL. */
  readonly label: string;
  /** `http://127.0.0.1:<port>` or the given URL. */
  readonly baseUrl: string;
  /** Set once a child process exited (e.g. crashed mid-run): "code X, signal Y". */
  exited(): string | undefined;
  /** Recent output of a child process ('' for URL targets). */
  output(): string;
  stop(): Promise<void>;
  /** Every row of the app's data (write parity); only targets with a control channel (app targets) have it. */
  snapshot?(): Promise<DataSnapshot>;
  /** The LB3 app's own OpenAPI 3 document, as loopback-swagger describes it (the spec gate's legacy side). */
  lb3OpenApi?(): Promise<Record<string, unknown>>;
}

/** An LB3 app running in a child process. */
export interface AppTarget extends Target {
  readonly kind: AppKind;
  readonly appDir: string;
  readonly port: number;
  readonly routes: RouteInfo[];
  snapshot(): Promise<DataSnapshot>;
  lb3OpenApi(): Promise<Record<string, unknown>>;
}

export interface StartAppOptions {
  kind: AppKind;
  appDir: string;
  /** Extra environment for the child (merged over process.env). */
  env?: NodeJS.ProcessEnv;
  /** Default 60000. */
  startTimeoutMs?: number;
  /** Aborting kills a child that is still starting (the promise rejects). */
  signal?: AbortSignal;
}

const RUNNER_FILES: Record<AppKind, string> = { stock: 'stock-lb3.runner', shim: 'shim.runner' };

/** The runner script of `kind`, plus node flags to run it (ts-node while running from sources). */
export function runnerFor(kind: AppKind): { file: string; execArgv: string[]; env: NodeJS.ProcessEnv } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, 'runners', RUNNER_FILES[kind] + ext);
  if (ext !== '.ts') return { file, execArgv: [], env: {} };
  // from sources: ts-node with the project's tsconfig, whatever the child's cwd
  return { file, execArgv: ['-r', 'ts-node/register/transpile-only'], env: { TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'tsconfig.json') } };
}

/** Boot an app in a child process and wait until it listens. Rejects with the child's output when it fails. */
export function startAppTarget(opts: StartAppOptions): Promise<AppTarget> {
  const { kind } = opts;
  const appDir = path.resolve(opts.appDir);
  const timeoutMs = opts.startTimeoutMs ?? 60000;
  const runner = runnerFor(kind);
  const label = `${kind === 'stock' ? 'stock LB3' : 'lb3-shim'} (${path.relative(process.cwd(), appDir) || appDir})`;
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(runner.file, [appDir], {
      // both runners move to the app's folder themselves, as `node server/server.js` is run from it
      cwd: folderOf(appDir),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // a free port on loopback, given to the app the way LB3 reads it (PORT/HOST win over config.json)
      env: { ...process.env, ...runner.env, PORT: '0', HOST: '127.0.0.1', ...opts.env },
      execArgv: runner.execArgv,
    });
    let output = '';
    const keep = (c: Buffer) => {
      output += c;
      if (output.length > 16000) output = output.slice(-8000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null) child.kill();
      reject(new Error(`${label} ${why}\n${output.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs}ms`), timeoutMs);
    const onAbort = () => fail('start cancelled: another target failed to start');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
    child.once('error', (err) => fail(`could not be spawned: ${err.message}`));
    child.once('message', (msg: { port: number; routes?: RouteInfo[] }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      child.removeAllListeners('exit');
      let exitInfo: string | undefined;
      child.once('exit', (code, signal) => (exitInfo = `code ${code}, signal ${signal}`));
      debug('%s listening on port %d', label, msg.port);
      const control = new ControlClient(child, label);
      resolve({
        kind,
        appDir,
        label,
        port: msg.port,
        baseUrl: `http://127.0.0.1:${msg.port}`,
        routes: msg.routes ?? [],
        output: () => output.slice(-4000),
        exited: () => exitInfo,
        stop: () => stopChild(child),
        snapshot: () => control.request<DataSnapshot>('snapshot'),
        lb3OpenApi: () => control.request<Record<string, unknown>>('spec', 120000),
      });
    });
  });
}

/** The folder of an app target: the directory itself, or the folder of a script (`app.js`). */
function folderOf(appDir: string): string {
  try {
    return fs.statSync(appDir).isFile() ? path.dirname(appDir) : appDir;
  } catch {
    return appDir;
  }
}

/** A server that is already running (nothing to start or stop). */
export function urlTarget(url: string, label = url): Target {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL (expected e.g. http://localhost:3000)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`"${url}" must be an http:// or https:// URL`);
  return { label, baseUrl: url.replace(/\/+$/, ''), exited: () => undefined, output: () => '', stop: async () => undefined };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill();
  });
}

/**
 * Start several targets at once. When one fails, the ones still starting are
 * cancelled, the started ones stopped, and that first error is thrown.
 */
export async function startAll<T extends Target>(starts: Array<(signal: AbortSignal) => Promise<T>>): Promise<T[]> {
  const abort = new AbortController();
  const pending = starts.map((start) => start(abort.signal));
  let first: unknown;
  // settle as soon as one fails (a broken app must not wait for the other side's start timeout)
  const watched = pending.map((p) =>
    p.catch((err) => {
      if (first === undefined) first = err;
      abort.abort();
      throw err;
    }),
  );
  const settled = await Promise.allSettled(watched);
  if (first !== undefined) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw first;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
