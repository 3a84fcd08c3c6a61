/**
 * `lb3-shim record <app-dir> --out scenario.json [--shim]`: serve the app
 * (stock LB3 by default, lb3-shim with --shim) behind a recording proxy and
 * write every request it receives as a scenario step, after each request and
 * on SIGINT/SIGTERM, so real traffic can be replayed with `lb3-shim compare`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { startRecordingProxy } from '../compare/recorder';
import { startAppTarget } from '../compare/targets';
import { exitCodeTwoOnUsageErrors, type CliIo } from './cli-io';

interface RecordOptions {
  out: string;
  shim?: boolean;
  port?: number;
  host?: string;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port number (0-65535).`);
  return n;
}

/** Add `record` to the program. */
export function registerRecordCommand(program: Command, io: CliIo): Command {
  const cmd = program
    .command('record')
    .description('Serve the LB3 app in <app-dir> and record every request it receives as a scenario for `lb3-shim compare`')
    .argument('<app-dir>', 'the LB3 application directory')
    .requiredOption('-o, --out <file>', 'scenario file to write (JSON), rewritten after every request')
    .option('--shim', 'serve the app through lb3-shim instead of stock LoopBack 3')
    .option('-p, --port <port>', 'listen port (default: PORT env, else 3000; 0 = a free port)', parsePort)
    .option('-H, --host <host>', 'listen host (default 127.0.0.1)')
    .action(async (appDir: string, opts: RecordOptions) => {
      const code = await record(appDir, opts, io);
      if (code !== undefined) io.exit(code);
    });
  exitCodeTwoOnUsageErrors(cmd, io);
  return cmd;
}

/** Start recording; resolves with an exit code on failure, undefined once recording (it ends on a signal). */
export async function record(appDir: string, opts: RecordOptions, io: CliIo): Promise<number | undefined> {
  if (!fs.existsSync(path.join(appDir, 'server'))) {
    io.err(`lb3-shim record: ${appDir} is not an LB3 app directory (no server/ folder)`);
    return 2;
  }
  const envPort = io.env.PORT !== undefined && /^\d+$/.test(io.env.PORT) ? Number(io.env.PORT) : undefined;
  const port = opts.port ?? envPort ?? 3000;
  let target;
  try {
    target = await startAppTarget({ kind: opts.shim ? 'shim' : 'stock', appDir });
  } catch (err) {
    io.err(`lb3-shim record: cannot start ${appDir}: ${(err as Error).message}`);
    return 2;
  }
  let proxy;
  try {
    proxy = await startRecordingProxy({ target: target.baseUrl, out: opts.out, port, host: opts.host });
  } catch (err) {
    await target.stop();
    io.err(`lb3-shim record: cannot listen on ${opts.host ?? '127.0.0.1'}:${port} or write ${opts.out}: ${(err as Error).message}`);
    return 2;
  }
  io.out(`lb3-shim: recording ${appDir} (${target.label}) at ${proxy.url}, writing ${opts.out}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void proxy.stop().then(async () => {
      await target.stop();
      io.out(`lb3-shim: recorded ${proxy.recorder.scenario.steps.length} steps to ${opts.out}`);
      io.exit(0);
    });
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);
  return undefined;
}
