const { fork } = require('child_process');
const path = require('path');
const autocannon = require('autocannon');
const app = path.resolve('test/fixtures/lb3/bench');
const TOKEN = 'bench-token-0123456789abcdef0123456789abcdef0123456789abcdef0123';
function start(runner) {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve('test/support', runner), [app], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve({ child, port: m.port }));
    child.once('error', reject);
  });
}
async function run(port, p, headers) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}${p}`, connections: 20, duration: 4, headers });
  return Math.round(r.requests.average) + ' req/s (' + r.non2xx + ' non2xx)';
}
(async () => {
  for (const runner of ['stock-lb3-runner.js', 'shim-runner.js']) {
    const t = await start(runner);
    console.log(runner, 'products', await run(t.port, '/api/Products/1'));
    console.log(runner, 'notes+token', await run(t.port, '/api/Notes', { Authorization: TOKEN }));
    t.child.disconnect(); t.child.kill();
  }
})();
