/**
 * `lb3-shim record` writes the traffic it serves as a scenario that
 * `lb3-shim compare` replays; the recorder turns handed-out values (a login
 * token) into variables so the recording replays against fresh servers.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { startRecordingProxy } from '../../compare/recorder';
import { loadScenario } from '../../compare/scenario.loader';
import { runCli, spawnCli, waitForOutput } from './cli-helpers';

function send(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, { method, headers: { ...(payload ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('lb3-shim record', function () {
  this.timeout(120000);

  it('records served requests, writes them on SIGINT, and the recording compares equal on a fresh stock LB3 and lb3-shim', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-record-')), 'traffic.json');
    const run = spawnCli(['record', 'test/fixtures/lb3/demo', '--out', out, '--port', '0']);
    try {
      const [, url] = await waitForOutput(
        run,
        /lb3-shim: recording test\/fixtures\/lb3\/demo \(stock LB3 \(test\/fixtures\/lb3\/demo\)\) at (http:\/\/127\.0\.0\.1:\d+), writing /,
      );
      expect((await send(`${url}/api/Products/count`, 'GET')).body).to.equal('{"count":4}');
      const created = await send(`${url}/api/Categories`, 'POST', { name: 'Garden' });
      expect(created.status).to.equal(200);
      expect((await send(`${url}/api/Categories/3`, 'GET')).body).to.contain('"Garden"');
      expect((await send(`${url}/api/Nope`, 'GET')).status).to.equal(404);
      // flushed after each request, before any signal
      expect(loadScenario(out).steps).to.have.length(4);
      run.child.kill('SIGINT');
      expect(await run.exited).to.equal(0);
      expect(run.out.stdout).to.contain(`lb3-shim: recorded 4 steps to ${out}`);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
    const scenario = loadScenario(out);
    expect(scenario.steps.map((s) => `${s.method} ${s.path}`)).to.deep.equal([
      'GET /api/Products/count',
      'POST /api/Categories',
      'GET /api/Categories/3',
      'GET /api/Nope',
    ]);
    expect(scenario.steps[1].body).to.deep.equal({ name: 'Garden' });

    const replay = await runCli(['compare', 'test/fixtures/lb3/demo', '--scenario', out]);
    expect(replay.stdout).to.contain('all 4 steps match');
    expect(replay.code).to.equal(0);
  });

  it('turns a token handed out by a response and sent back later into save + as', async () => {
    const token = 'T'.repeat(20) + 'abc123abc123abc123abc123abc123abc123abc123ab';
    const upstream = http.createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/api/Users/login') res.end(JSON.stringify({ id: token, ttl: 1209600, userId: 1 }));
      else res.end(JSON.stringify({ auth: req.headers.authorization ?? null, url: req.url }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-record-')), 'auth.json');
    const proxy = await startRecordingProxy({ target: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, out });
    try {
      expect(JSON.parse((await send(`${proxy.url}/api/Users/login`, 'POST', { email: 'a@b.c', password: 'x' })).body).id).to.equal(token);
      const me = await send(`${proxy.url}/api/Users/1?access_token=${token}`, 'GET', undefined, { Authorization: token });
      expect(JSON.parse(me.body)).to.deep.equal({ auth: token, url: `/api/Users/1?access_token=${token}` });
    } finally {
      await proxy.stop();
      await new Promise((r) => upstream.close(r));
    }
    const steps = loadScenario(out).steps;
    expect(steps[0]).to.include({ method: 'POST', path: '/api/Users/login' });
    expect(steps[0].save).to.deep.equal({ value1: 'id' });
    expect(steps[1].as).to.equal('value1');
    expect(steps[1].path).to.equal('/api/Users/1?access_token=${value1}');
    expect(steps[1].headers ?? {}).not.to.have.property('authorization');
  });
});
