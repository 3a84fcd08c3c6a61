const { fork } = require('child_process');
const path = require('path');
const autocannon = require('autocannon');
const app = path.resolve('test/fixtures/lb3/bench');
(async () => {
  const child = fork(path.resolve('test/support/shim-runner.js'), [app], { execArgv: ['--cpu-prof', '--cpu-prof-dir=/tmp/sec-prof'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise((r) => child.once('message', (m) => r(m.port)));
  const r = await autocannon({ url: `http://127.0.0.1:${port}/api/Notes`, headers: { Authorization: 'bench-token-0123456789abcdef0123456789abcdef0123456789abcdef0123' }, connections: 20, duration: 6 });
  console.log(Math.round(r.requests.average));
  child.disconnect();
})();
