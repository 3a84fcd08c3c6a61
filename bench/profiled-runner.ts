/**
 * Wraps a target runner so its CPU can be profiled during the load only
 * (boot excluded): it loads the wrapped runner, then answers IPC messages
 *
 *   { profile: 'start' }            → { profile: 'started' }
 *   { profile: 'stop', file }       → { profile: 'written', file }
 *
 * through node's inspector (V8 CPU profiler, 250 µs sampling interval).
 *
 *   node dist/bench/profiled-runner.js <runner.js> <appDir>
 */
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as path from 'path';

const runner = path.resolve(process.argv[2]);
// the wrapped runner reads its app dir from argv[2], as when run directly
process.argv.splice(2, 1);

const session = new inspector.Session();
session.connect();

function post(method: string, params?: object): Promise<any> {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

process.on('message', async (msg: { profile?: string; file?: string }) => {
  try {
    if (msg?.profile === 'start') {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 250 });
      await post('Profiler.start');
      process.send!({ profile: 'started' });
    } else if (msg?.profile === 'stop' && msg.file) {
      const { profile } = await post('Profiler.stop');
      fs.writeFileSync(msg.file, JSON.stringify(profile));
      process.send!({ profile: 'written', file: msg.file });
    }
  } catch (err) {
    process.send!({ profile: 'error', message: String((err as Error)?.stack || err) });
  }
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
require(runner);
