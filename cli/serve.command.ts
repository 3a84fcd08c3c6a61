/**
 * `lb3-shim serve <app>`: run the LB3 app as its own `node server/server.js` would (its folder as
 * working directory, server.js as the main module, its own start path), with the shim serving it.
 * Exit 1 when the app cannot be loaded or cannot listen, 2 on usage errors, 0 after SIGINT/SIGTERM.
 */
import { Command, InvalidArgumentError } from 'commander';
import debugFactory from 'debug';
import { Lb3BootError } from '../compat/boot/boot-errors';
import { serveLb3App, type ServedLb3App } from '../compat/serve-lb3-app';
import { exitCodeTwoOnUsageErrors, type CliIo } from './cli-io';

const debug = debugFactory('lb3-shim:cli:serve');

export interface ServeOptions {
  port?: number;
  host?: string;
  debug?: boolean;
  /** --explorer / --no-explorer (default: on unless NODE_ENV=production). */
  explorer?: boolean;
  /** --openapi / --no-openapi (default: on unless NODE_ENV=production). */
  openapi?: boolean;
  /** --harden: every opt-in hardening switch (docs/hardening.md). */
  harden?: boolean;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0-65535).`);
  return n;
}

/** Add `serve` to the program. */
export function registerServeCommand(program: Command, io: CliIo): Command {
  const cmd = program
    .command('serve')
    .description('Run the LB3 app as `node server/server.js` would (from its folder, its own start path), served by the lb3-shim core')
    .argument('<app-dir>', 'the LB3 application: a directory with server/server.js or a loopback-boot server/ folder, or a script exporting the app')
    .option('-p, --port <port>', 'listen port, given to the app as PORT (default: PORT env, then config.json port)', parsePort)
    .option('-H, --host <host>', 'listen host, given to the app as HOST (default: HOST env, then config.json host)')
    .option('--explorer', 'serve the API explorer at /explorer (default: on unless NODE_ENV=production)')
    .option('--no-explorer', 'do not serve the API explorer')
    .option('--openapi', 'serve the OpenAPI 3 document at /openapi.json (default: on unless NODE_ENV=production)')
    .option('--no-openapi', 'do not serve /openapi.json (nor the explorer)')
    .option('--debug', 'print stack traces of boot failures')
    .option(
      '--harden',
      'close LB3 holes stock keeps (off by default, for parity): related-model ACLs on include and relation routes, filter limits, regexp limits, 400 on __proto__ keys, boot fails when a datasource cannot connect (docs/hardening.md)',
    )
    .action(async (appDir: string, opts: ServeOptions) => {
      await serve(appDir, opts, io);
    });
  exitCodeTwoOnUsageErrors(cmd, io);
  return cmd;
}

/** `serve`: boot, wait until the app listens, print where; stop cleanly on SIGINT/SIGTERM. */
export async function serve(appDir: string, opts: ServeOptions, io: CliIo): Promise<ServedLb3App | undefined> {
  // LB3 reads the listen address from PORT/HOST (loopback-boot); the options are those variables
  if (opts.port !== undefined) io.env.PORT = String(opts.port);
  if (opts.host !== undefined) io.env.HOST = opts.host;
  let served: ServedLb3App;
  try {
    served = await serveLb3App(appDir, { explorer: opts.explorer, openApi: opts.openapi, harden: opts.harden });
  } catch (err) {
    io.err(`lb3-shim: cannot load ${appDir}: ${errorMessage(err)}`);
    if (opts.debug) io.err(stackOf(err));
    io.exit(1);
    return undefined;
  }
  const { shim } = served;
  try {
    await served.listening;
  } catch (err) {
    const lb3App = shim.lb3App;
    io.err(`lb3-shim: cannot listen on ${lb3App.get('host') || '0.0.0.0'}:${lb3App.get('port')}: ${errorMessage(err)}`);
    if (opts.debug) io.err(stackOf(err));
    io.exit(1);
    return undefined;
  }
  const explorer = shim.explorerPath;
  io.out(`lb3-shim: serving ${appDir} at ${shim.url} (REST at ${shim.restApiRoot}${explorer ? `, explorer at ${explorer}` : ''})`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    debug('signal received, stopping');
    served.stop().then(
      () => io.exit(0),
      (err) => {
        io.err(`lb3-shim: error while stopping: ${errorMessage(err)}`);
        io.exit(1);
      },
    );
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);
  return served;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}

function stackOf(err: unknown): string {
  const cause = err instanceof Lb3BootError ? err.cause : err;
  return cause instanceof Error && cause.stack ? cause.stack : String(cause);
}
