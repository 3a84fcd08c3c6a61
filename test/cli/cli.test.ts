import { expect } from 'chai';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { fixtureDir, projectRoot } from '../support/paths';

/** Run the CLI as users do: bin/lb3-shim from the build, or cli/main.ts through ts-node while developing. */
function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const fromBuild = __filename.endsWith('.js');
  const argv = fromBuild
    ? [path.join(projectRoot, 'bin', 'lb3-shim'), ...args]
    : ['-r', 'ts-node/register/transpile-only', path.join(projectRoot, 'cli', 'main.ts'), ...args];
  return spawn(process.execPath, argv, { cwd: projectRoot, env: withoutListenEnv({ ...process.env, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The child's environment without PORT/HOST (LB3 would listen where they say). */
function withoutListenEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.PORT;
  delete out.HOST;
  return out;
}

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { out, exited };
}

/** Resolves with the first match of `pattern` in the child's stdout; rejects if the child exits first. */
function waitForOutput(child: ChildProcess, out: { stdout: string; stderr: string }, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const m = pattern.exec(out.stdout);
      if (m) {
        clearInterval(timer);
        resolve(m);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`CLI exited: ${out.stderr}`));
      }
    }, 20);
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

describe('lb3-shim CLI', function () {
  this.timeout(60000);
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  it('serve <app-dir> prints where it serves, answers requests, and exits 0 on SIGTERM', async () => {
    child = spawnCli(['serve', 'test/fixtures/lb3/demo', '--port', '0', '--host', '127.0.0.1']);
    const { out, exited } = collect(child);
    const m = await waitForOutput(
      child!,
      out,
      /lb3-shim: serving test\/fixtures\/lb3\/demo at (http:\/\/127\.0\.0\.1:\d+) \(REST at \/api, explorer at \/explorer\)/,
    );
    const url = m[1];
    const products = await get(`${url}/api/Products/count`);
    expect(products.status).to.equal(200);
    expect(JSON.parse(products.body)).to.have.property('count').that.is.a('number');
    const ping = await get(`${url}/ping`);
    expect(ping).to.eql({ status: 200, body: 'pong' });
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });

  it('serve <app.js> serves an app built in code with REST at /, as `node app.js` would', async () => {
    child = spawnCli(['serve', 'test/fixtures/lb3/code-root/app.js', '--port', '0', '--host', '127.0.0.1']);
    const { out } = collect(child);
    const m = await waitForOutput(child!, out, /lb3-shim: serving test\/fixtures\/lb3\/code-root\/app\.js at (http:\/\/127\.0\.0\.1:\d+) \(REST at \//);
    const url = m[1];
    const categories = await get(`${url}/categories/1/products`);
    expect(categories.status).to.equal(200);
    expect(JSON.parse(categories.body)).to.eql([{ name: 'hammer', price: 10, categoryId: 1, id: 1 }]);
  });

  it('exits 1 with one line naming the file and the cause when the app cannot boot', async () => {
    child = spawnCli(['serve', 'test/fixtures/lb3/broken-json']);
    const { out, exited } = collect(child);
    expect(await exited).to.equal(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(
      /^lb3-shim: cannot load test\/fixtures\/lb3\/broken-json: common\/models\/thing\.json: Expected double-quoted property name in JSON at position \d+$/,
    );
    expect(out.stdout).to.equal('');
  });

  const BROKEN: Array<[string, RegExp]> = [
    ['broken-datasource', /: server\/model-config\.json: Thing is referencing a dataSource that does not exist: "nosuchdb"$/],
    ['broken-base', /: common\/models\/thing\.json: Model not found: model `Thing` is extending an unknown model `NoSuchBaseModel`\.$/],
    ['broken-boot', /: server\/boot\/explode\.js: boot script explode\.js failed on purpose$/],
  ];
  for (const [fixture, cause] of BROKEN) {
    it(`exits 1 with one line naming the file and the cause for ${fixture}`, async () => {
      child = spawnCli(['serve', `test/fixtures/lb3/${fixture}`]);
      const { out, exited } = collect(child);
      expect(await exited).to.equal(1);
      const lines = out.stderr.trim().split('\n');
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(new RegExp(`^lb3-shim: cannot load test/fixtures/lb3/${fixture}`));
      expect(lines[0]).to.match(cause);
    });
  }

  it('prints the stack of a boot failure only with --debug', async () => {
    child = spawnCli(['serve', fixtureDir('broken-boot'), '--debug']);
    const { out, exited } = collect(child);
    expect(await exited).to.equal(1);
    expect(out.stderr.split('\n')[0]).to.equal(
      `lb3-shim: cannot load ${fixtureDir('broken-boot')}: server/boot/explode.js: boot script explode.js failed on purpose`,
    );
    expect(out.stderr).to.include('explode.js:');
    expect(out.stderr.trim().split('\n').length).to.be.greaterThan(1);
  });

  it('exits 1 with one line when the directory is not an LB3 app (no empty API)', async () => {
    child = spawnCli(['serve', 'docs']);
    const { out, exited } = collect(child);
    expect(await exited).to.equal(1);
    expect(out.stderr.trim().split('\n')).to.deep.equal([
      'lb3-shim: cannot load docs: not a LoopBack 3 app: no server/server.js and no loopback-boot server/ folder (server/model-config.json or server/config.json)',
    ]);
  });

  for (const [what, args] of [
    ['a missing <app-dir> of serve', ['serve']],
    ['a bad --port of serve', ['serve', 'test/fixtures/lb3/demo', '--port', 'x']],
    ['an unknown option of serve', ['serve', 'test/fixtures/lb3/demo', '--nope']],
    ['an unknown command', ['nope']],
    ['a missing --scenario of compare', ['compare', 'test/fixtures/lb3/demo']],
    ['a missing --out of record', ['record', 'test/fixtures/lb3/demo']],
  ] as const) {
    it(`exits 2 (the usage error code of every command) on ${what}`, async () => {
      child = spawnCli([...args]);
      const { exited } = collect(child);
      expect(await exited).to.equal(2);
    });
  }

  it('serves neither the explorer nor /openapi.json with NODE_ENV=production, and both with --explorer --openapi', async () => {
    const urlOf = async (c: ChildProcess, out: { stdout: string; stderr: string }) => {
      const m = await waitForOutput(c, out, /lb3-shim: serving \S+ at (http:\/\/127\.0\.0\.1:\d+) \(([^)]*)\)/);
      return m[1] + ' ' + m[2];
    };
    child = spawnCli(['serve', 'test/fixtures/lb3/demo', '--port', '0', '--host', '127.0.0.1'], { NODE_ENV: 'production' });
    let io = collect(child);
    let [url, what] = (await urlOf(child, io.out)).split(' ');
    expect(what).to.equal('REST');
    expect((await get(`${url}/openapi.json`)).status).to.equal(404);
    expect((await get(`${url}/explorer/`)).status).to.equal(404);
    child.kill('SIGTERM');
    expect(await io.exited).to.equal(0);

    child = spawnCli(['serve', 'test/fixtures/lb3/demo', '--port', '0', '--host', '127.0.0.1', '--explorer', '--openapi'], { NODE_ENV: 'production' });
    io = collect(child);
    [url, what] = (await urlOf(child, io.out)).split(' ');
    expect((await get(`${url}/openapi.json`)).status).to.equal(200);
    expect((await get(`${url}/explorer/`)).status).to.equal(200);
    child.kill('SIGTERM');
    expect(await io.exited).to.equal(0);
  });

  it('serves an app whose server.js listens before its boot has finished, answering once it has booted', async () => {
    child = spawnCli(['serve', 'test/fixtures/lb3/early-listen'], { PORT: '0', HOST: '127.0.0.1' });
    const { out, exited } = collect(child);
    // the app's own listen callback prints this while its async boot script still runs
    // LB3 had not applied config.json yet when it listened: all interfaces, a free port, "localhost"
    const m = await waitForOutput(child!, out, /Web server listening at: http:\/\/localhost:(\d+)/);
    const url = `http://127.0.0.1:${m[1]}`;
    const items = await get(`${url}/api/Items`);
    expect(items.status).to.equal(200);
    expect(JSON.parse(items.body).map((i: { name: string }) => i.name)).to.deep.equal(['first', 'second']);
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });

  it('serves a script that builds the app in code and never listens itself, as its main module, with app.listen()', async () => {
    child = spawnCli(['serve', 'test/fixtures/lb3/script-app/app.js', '--port', '0', '--host', '127.0.0.1']);
    const { out, exited } = collect(child);
    const m = await waitForOutput(child!, out, /lb3-shim: serving \S+ at (http:\/\/127\.0\.0\.1:\d+)/);
    const url = m[1];
    expect(JSON.parse((await get(`${url}/process-info`)).body)).to.deep.equal({ main: true, cwd: fixtureDir('script-app'), portType: 'number' });
    expect(await get(`${url}/api/Things`)).to.deep.equal({ status: 200, body: '[]' });
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
  });

  it('exits 1 with one line when the port is taken (stock would crash with a stack trace)', async () => {
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      child = spawnCli(['serve', 'test/fixtures/lb3/demo', '--port', String(port), '--host', '127.0.0.1']);
      const { out, exited } = collect(child);
      expect(await exited).to.equal(1);
      expect(out.stderr.trim().split('\n')).to.deep.equal([
        `lb3-shim: cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      ]);
    } finally {
      blocker.close();
    }
  });

  it('bin/lb3-shim says to build when dist/ is missing', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-bin-'));
    fs.mkdirSync(path.join(tmp, 'bin'));
    fs.copyFileSync(path.join(projectRoot, 'bin', 'lb3-shim'), path.join(tmp, 'bin', 'lb3-shim'));
    child = spawn(process.execPath, [path.join(tmp, 'bin', 'lb3-shim'), '--help'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    const { out, exited } = collect(child);
    expect(await exited).to.equal(1);
    expect(out.stderr).to.match(/^lb3-shim: dist\/cli\/main\.js is missing: lb3-shim is not built\. Run `npm run build`/);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("runs from the clone as the README says: npx . (the package's own bin)", async () => {
    child = spawn('npx', ['--offline', '.', '--version'], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const { out, exited } = collect(child);
    expect(await exited).to.equal(0);
    expect(out.stdout.trim()).to.match(/^\d+\.\d+\.\d+$/);
  });

  it('has --help on the serve command', async () => {
    child = spawnCli(['serve', '--help']);
    const { out, exited } = collect(child);
    expect(await exited).to.equal(0);
    expect(out.stdout).to.include('Usage: lb3-shim serve [options] <app-dir>');
    expect(out.stdout).to.include('--port <port>');
    expect(out.stdout).to.include('--no-explorer');
    expect(out.stdout).to.include('--no-openapi');
  });
});
