/**
 * The lb3-shim command line: `serve`, `compare`, `record`, `analyze` (and `--version`, `--help`).
 * Built as a commander program so every command has --help; `run()` is the
 * whole CLI and resolves with the process exit code for failures.
 */
import * as path from 'path';
import { Command } from 'commander';
import { exitCodeTwoOnUsageErrors, processIo, type CliIo } from './cli-io';
export type { CliIo } from './cli-io';
import { registerAnalyzeCommand } from './analyze.command';
import { registerCompareCommand } from './compare.command';
import { registerRecordCommand } from './record.command';
import { registerRoutesCommand } from './routes.command';
import { registerServeCommand } from './serve.command';
export { serve } from './serve.command';

/** lb3-shim's own version, from its package.json (two levels up from cli/ and from dist/cli/). */
function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(path.join(__dirname, rel));
      if (pkg.name === 'lb3-shim') return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

/** Build the commander program (exposed for tests). */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command('lb3-shim')
    .description('Run an unmodified LoopBack 3 application on the lb3-shim core')
    .version(packageVersion(), '-V, --version', 'print the lb3-shim version')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  // an unknown command or option of the program itself is a usage error too (commands inherit this)
  exitCodeTwoOnUsageErrors(program, io);

  registerServeCommand(program, io);
  registerCompareCommand(program, io);
  registerAnalyzeCommand(program, io);
  registerRecordCommand(program, io);
  registerRoutesCommand(program, io);
  return program;
}

/** Run the CLI with `argv` (process.argv form). */
export async function run(argv: string[] = process.argv, io: CliIo = processIo): Promise<void> {
  await buildProgram(io).parseAsync(argv);
}
