const { fork } = require('child_process');
const path = require('path');
const autocannon = require('autocannon');
const app = path.resolve('test/fixtures/lb3/bench');
const TOKEN = 'bench-token-0123456789abcdef0123456789abcdef0123456789abcdef0123';
function start(runner) {
  return new Promise((resolve) => {
    const child = fork(path.resolve('test/support', runner), [app], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('message', (m) => resolve({ child, port: m.port }));
  });
}
async function run(port, p, headers) {
  const r = await autocannon({ url: `http://127.0.0.1:${port}${p}`, connections: 10, duration: 3, headers });
  return Math.round(r.requests.average);
}
(async () => {
  const s = await start('stock-lb3-runner.js'); const h = await start('shim-runner.js');
  const paths = [['/api/Products/1'], ['/api/Notes', { Authorization: TOKEN }], ['/api/Notes/1', { Authorization: TOKEN }], ['/api/Products/1?access_token=nope'], ['/api/Nope']];
  for (const [p, hd] of paths) {
    const r = [];
    for (let i = 0; i < 2; i++) { r.push('stock ' + await run(s.port, p, hd)); r.push('shim ' + await run(h.port, p, hd)); }
    console.log(p, r.join(' | '));
  }
  s.child.disconnect(); h.child.disconnect();
})();
