/** How every command writes and ends: the process by default, a fake in tests. */
import type { Command } from 'commander';

/** Where the CLI writes and how it ends (replaceable in tests). */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
  /** Register a handler for SIGINT/SIGTERM. */
  onSignal(signal: NodeJS.Signals, fn: () => void): void;
  env: NodeJS.ProcessEnv;
}

let exitCode: number | undefined;

/**
 * process.exit() drops output still buffered for a pipe (a long `routes` table came out cut),
 * so the process ends once stdout and stderr have flushed. The first exit wins.
 */
function exitAfterFlush(code: number): void {
  if (exitCode !== undefined) return;
  exitCode = code;
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/** True once a command asked to exit (its exit code stands; later errors are not reported again). */
export function exitRequested(): boolean {
  return exitCode !== undefined;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  exit: (code) => exitAfterFlush(code),
  onSignal: (signal, fn) => process.once(signal, fn),
  env: process.env,
};

/** Exit code of a usage error (bad option, missing argument), the same for every command. */
export const USAGE_EXIT_CODE = 2;

/**
 * Commander exits with 1 on usage errors; lb3-shim's commands use {@link USAGE_EXIT_CODE}. `--help` still exits 0.
 * The callback must not return (commander would call process.exit itself), hence the throw.
 */
export function exitCodeTwoOnUsageErrors(cmd: Command, io: CliIo): void {
  cmd.exitOverride((err) => {
    io.exit(err.exitCode === 0 ? 0 : USAGE_EXIT_CODE);
    throw err;
  });
}
