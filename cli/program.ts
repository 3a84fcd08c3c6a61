/**
 * The lb3-shim command line: `serve`, `compare`, `record` (and `--version`, `--help`).
 * Built as a commander program so every command has --help; `run()` is the
 * whole CLI and resolves with the process exit code for failures.
 */
import * as path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import debugFactory from 'debug';
import { createShim, type Shim } from '../compat/create-shim';
import { Lb3BootError } from '../compat/boot/boot-errors';
import { processIo, type CliIo } from './cli-io';
export type { CliIo } from './cli-io';
import { registerCompareCommand } from './compare.command';
import { registerRecordCommand } from './record.command';
import { registerRoutesCommand } from './routes.command';

const debug = debugFactory('lb3-shim:cli');

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0-65535).`);
  return n;
}

interface ServeOptions {
  port?: number;
  host?: string;
  debug?: boolean;
}

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
    .configureOutput({ writeOut: s => io.out(s.replace(/\n$/, '')), writeErr: s => io.err(s.replace(/\n$/, '')) });

  program
    .command('serve')
    .description('Boot the LB3 app in <app-dir> and serve it (REST, OpenAPI, explorer, its own routes)')
    .argument('<app-dir>', 'the LB3 application directory (with server/server.js or a loopback-boot server/ folder)')
    .option('-p, --port <port>', 'listen port (default: PORT env, then config.json port)', parsePort)
    .option('-H, --host <host>', 'listen host (default: HOST env, then config.json host)')
    .option('--debug', 'print stack traces of boot failures')
    .action(async (appDir: string, opts: ServeOptions) => {
      await serve(appDir, opts, io);
    });

  registerCompareCommand(program, io);
  registerRecordCommand(program, io);
  registerRoutesCommand(program, io);
  return program;
}

/** `serve`: boot, listen, print where; stop cleanly on SIGINT/SIGTERM. */
export async function serve(appDir: string, opts: ServeOptions, io: CliIo = processIo): Promise<Shim | undefined> {
  const port = opts.port ?? (io.env.PORT !== undefined && io.env.PORT !== '' ? parsePortEnv(io.env.PORT, io) : undefined);
  const host = opts.host ?? (io.env.HOST || undefined);
  let shim: Shim;
  try {
    shim = await createShim({ appDir }, { port, host });
  } catch (err) {
    const line = err instanceof Lb3BootError ? `lb3-shim: cannot load ${appDir}: ${err.message}` : `lb3-shim: cannot load ${appDir}: ${errorMessage(err)}`;
    io.err(line);
    if (opts.debug) io.err(stackOf(err));
    io.exit(1);
    return undefined;
  }
  try {
    await shim.start();
  } catch (err) {
    io.err(`lb3-shim: cannot listen on ${host ?? shim.app.restServer.options.host ?? '0.0.0.0'}:${port ?? shim.app.restServer.options.port}: ${errorMessage(err)}`);
    if (opts.debug) io.err(stackOf(err));
    io.exit(1);
    return undefined;
  }
  const explorer = shim.app.restServer.options.explorer;
  const explorerPath = explorer === false || shim.app.restServer.options.openApi === false ? undefined : explorer?.path ?? '/explorer';
  io.out(`lb3-shim: serving ${appDir} at ${shim.url} (REST at ${shim.restApiRoot}${explorerPath ? `, explorer at ${explorerPath}` : ''})`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    debug('signal received, stopping');
    shim.stop().then(
      () => io.exit(0),
      err => {
        io.err(`lb3-shim: error while stopping: ${errorMessage(err)}`);
        io.exit(1);
      },
    );
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);
  return shim;
}

function parsePortEnv(value: string, io: CliIo): number | undefined {
  try {
    return parsePort(value);
  } catch {
    io.err(`lb3-shim: ignoring PORT="${value}" (not a port number)`);
    return undefined;
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

function stackOf(err: unknown): string {
  const cause = err instanceof Lb3BootError ? err.cause : err;
  return cause instanceof Error && cause.stack ? cause.stack : String(cause);
}

/** Run the CLI with `argv` (process.argv form). */
export async function run(argv: string[] = process.argv, io: CliIo = processIo): Promise<void> {
  await buildProgram(io).parseAsync(argv);
}
