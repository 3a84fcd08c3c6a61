/**
 * Bench targets: one child process per server, so that each has its own
 * event loop, heap and JIT state, and none of them shares a core with the load
 * generator's process (autocannon runs in the parent).
 *
 *   stock  test/support/stock-lb3-runner.js   stock LoopBack 3 (the reference)
 *   shim   test/support/shim-runner.js        the same app served by lb3-shim
 *   native the shim with Product served by its native model module
 *          (test/fixtures/lb3/bench/migrated, LB3_SHIM_MODELS=Product=native)
 *   limit  dist/bench/limit-runner.js         bare node http handler → juggler models
 */
import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import debugFactory from 'debug';
import { projectRoot } from '../test/support/paths';

const debug = debugFactory('lb3-shim:bench:targets');

export const TARGET_KINDS = ['stock', 'shim', 'native', 'limit'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Where each kind's runner script is. */
export const RUNNERS: Record<TargetKind, string> = {
  stock: path.join(projectRoot, 'test', 'support', 'stock-lb3-runner.js'),
  shim: path.join(projectRoot, 'test', 'support', 'shim-runner.js'),
  native: path.join(projectRoot, 'test', 'support', 'shim-runner.js'),
  limit: path.join(__dirname, 'limit-runner.js'),
};

export interface StartOptions {
  /** Extra node flags for the child. */
  execArgv?: string[];
  /** Run the runner inside bench/profiled-runner (CPU profile on demand, see {@link BenchTarget.profile}). */
  profiled?: boolean;
  /** Max wait for the `{ port }` message, ms (default 60000). */
  timeout?: number;
}

/** A running target. */
export interface BenchTarget {
  readonly kind: TargetKind;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** The child's stdout + stderr so far (last 4000 chars). */
  output(): string;
  /** CPU time (user + system) the child used so far, ms; undefined where /proc is missing. */
  cpuMs(): number | undefined;
  /** Profiled targets only: start the CPU profiler, or stop it and write the profile to `file`. */
  profile(msg: { profile: 'start' } | { profile: 'stop'; file: string }): Promise<void>;
  /** Disconnect and wait for the child to exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

const PROFILED_RUNNER = path.join(__dirname, 'profiled-runner.js');

/** Extra environment per kind: `native` names the models served natively. */
const KIND_ENV: Partial<Record<TargetKind, NodeJS.ProcessEnv>> = { native: { LB3_SHIM_MODELS: 'Product=native' } };

/**
 * The environment of a child: no DEBUG output while measuring, a free port on loopback given
 * the way LB3 reads it (the runners start the app as server.js does), plus the kind's own settings.
 */
export function childEnv(kind?: TargetKind): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', ...(kind ? KIND_ENV[kind] : undefined) };
  delete env.DEBUG;
  return env;
}

/** Fork a runner and resolve once it listens. */
export function startTarget(kind: TargetKind, appDir: string, opts: StartOptions = {}): Promise<BenchTarget> {
  const [script, args] = opts.profiled ? [PROFILED_RUNNER, [RUNNERS[kind], appDir]] : [RUNNERS[kind], [appDir]];
  const child = fork(script, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: opts.execArgv ?? [], env: childEnv(kind) });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  return new Promise<BenchTarget>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} target did not report a port within ${opts.timeout ?? 60000} ms\n${output}`));
    }, opts.timeout ?? 60000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${kind} target exited before listening (code ${code}, signal ${signal})\n${output}`));
    });
    child.once('message', (msg: { port?: number }) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (typeof msg?.port !== 'number') return reject(new Error(`${kind} target sent ${JSON.stringify(msg)} instead of { port }`));
      debug('%s listening on %d (pid %d)', kind, msg.port, child.pid);
      resolve({
        kind,
        port: msg.port,
        url: `http://127.0.0.1:${msg.port}`,
        pid: child.pid!,
        output: () => output,
        cpuMs: () => processCpuMs(child.pid!),
        profile: (msg) => controlProfiler(child, msg),
        stop: () => stopChild(child),
      });
    });
  });
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux in practice). */
const USER_HZ = 100;

/**
 * CPU time of a process from /proc/<pid>/stat (utime + stime, fields 14 and
 * 15), in ms. A noisy shared machine changes req/s a lot, CPU per request
 * much less, so the bench reports both.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces: split after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

function controlProfiler(child: ChildProcess, msg: { profile: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { profile?: string; message?: string }) => {
      if (!reply?.profile) return;
      child.off('message', onMessage);
      if (reply.profile === 'error') reject(new Error(`profiler: ${reply.message}`));
      else resolve();
    };
    child.on('message', onMessage);
    child.send(msg);
  });
}

/** Disconnect (the runners exit on disconnect); SIGKILL if the child is still alive after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}
