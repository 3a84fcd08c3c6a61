/**
 * No dependency leaves a trace on the built-in prototypes of the app's process: booting a fixture,
 * serving its REST API, /openapi.json (swagger2openapi's oas-kit-common adds
 * `String.prototype.toCamelCase` when it is loaded) and /explorer changes no property of
 * Object, String, Array or Function.prototype. Runs in a fresh node process: other test files
 * in this mocha process may have loaded those libraries already.
 */
import { expect } from 'chai';
import { execFile } from 'child_process';
import * as path from 'path';
import { fixtureDir, projectRoot } from '../../support/paths';

const script = `
const http = require('http');
const snapshot = () => {
  const out = {};
  for (const [name, proto] of Object.entries({ Object: Object.prototype, String: String.prototype, Array: Array.prototype, Function: Function.prototype })) {
    out[name] = Object.getOwnPropertyNames(proto).sort().map((k) => k + (Object.getOwnPropertyDescriptor(proto, k).enumerable ? ' (enumerable)' : ''));
  }
  return out;
};
const get = (port, p) => new Promise((resolve, reject) => http.get({ port, path: p }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); }).on('error', reject));
(async () => {
  const before = snapshot();
  const { createShim } = require(process.argv[1]);
  const shim = await createShim({ appDir: process.argv[2] }, { env: 'development' });
  const server = shim.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.address().port;
  const statuses = [];
  for (const p of ['/api/Products', '/api/Products/1', '/openapi.json', '/explorer/', '/nope']) statuses.push(await get(port, p));
  const afterServe = snapshot();
  server.close();
  process.stdout.write(JSON.stringify({ before, after: afterServe, statuses }));
  process.exit(0);
})().catch((err) => { console.error(err); process.exit(1); });
`;

describe('global side effects', function () {
  this.timeout(120000);

  it('leaves Object, String, Array and Function prototypes as they were after booting and serving a fixture, spec included', async () => {
    const createShim = path.join(projectRoot, 'dist', 'compat', 'create-shim.js');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script, createShim, fixtureDir('demo')], { cwd: projectRoot, maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const { before, after, statuses } = JSON.parse(out);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 404]);
    expect(after).to.deep.equal(before);
  });
});
