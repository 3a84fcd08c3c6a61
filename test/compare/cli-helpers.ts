/** Running the lb3-shim CLI as users do, from tests (bin/lb3-shim from the build, cli/main.ts through ts-node from sources). */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { projectRoot } from '../support/paths';

export interface CliRun {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<number | null>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const fromBuild = __filename.endsWith('.js');
  const argv = fromBuild
    ? [path.join(projectRoot, 'bin', 'lb3-shim'), ...args]
    : ['-r', 'ts-node/register/transpile-only', path.join(projectRoot, 'cli', 'main.ts'), ...args];
  const child = spawn(process.execPath, argv, { cwd: projectRoot, env: { ...process.env, PORT: '', HOST: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

/** Run to completion. */
export async function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = spawnCli(args, env);
  const code = await run.exited;
  return { code, ...run.out };
}

/** Wait until `re` matches stdout (or the process exits). */
export function waitForOutput(run: CliRun, re: RegExp, timeoutMs = 60000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const m = re.exec(run.out.stdout);
      if (m) {
        clearInterval(timer);
        resolve(m);
      } else if (run.child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`CLI exited or timed out before printing ${re}: ${run.out.stderr}${run.out.stdout}`));
      }
    }, 50);
  });
}
