/**
 * The README's way to add lb3-shim to an existing LB3 project, as written: in a copy of the demo
 * app with its own package.json, `npm install --save-dev /path/to/lb3-shim` (npm links the clone)
 * and `npx lb3-shim serve .`. Offline: the app's own LB3 packages are linked from this clone's
 * node_modules as an installed app would have them. Also checks what `npm pack` would ship.
 */
import { expect } from 'chai';
import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { fixtureDir, projectRoot } from '../support/paths';

const run = (cmd: string, args: string[], cwd: string) =>
  new Promise<string>((resolve, reject) =>
    execFile(cmd, args, { cwd, maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  );

function getJson(url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) =>
    http
      .get(url, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      })
      .on('error', reject),
  );
}

describe('adding lb3-shim to an existing LB3 project (README)', function () {
  this.timeout(180000);
  let tmp: string;
  let child: ChildProcess | undefined;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-app-'));
    fs.cpSync(fixtureDir('demo'), tmp, { recursive: true });
    fs.writeFileSync(
      path.join(tmp, 'package.json'),
      JSON.stringify({ name: 'my-lb3-app', version: '1.2.3', private: true, main: 'server/server.js' }, null, 2),
    );
  });

  after(() => {
    // npx runs lb3-shim in a child of its own: signal the whole process group
    if (child?.pid !== undefined) killGroup(child.pid, 'SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('ships bin/ and the compiled sources (not the tests) in the npm pack tarball', async () => {
    const [pack] = JSON.parse(await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], projectRoot));
    const files: string[] = pack.files.map((f: { path: string }) => f.path);
    expect(files).to.include.members(['bin/lb3-shim', 'dist/cli/main.js', 'dist/index.js', 'dist/compat/serve-lb3-app.js', 'README.md', 'docs/differences.md']);
    expect(files.filter((f) => f.startsWith('dist/test/') || f.startsWith('test/'))).to.deep.equal([]);
  });

  it('npm install --save-dev /path/to/lb3-shim, then npx lb3-shim serve . serves the app with its own name and version', async () => {
    const nm = path.join(projectRoot, 'node_modules');
    // the app's own dependencies (a real LB3 project has them installed), then lb3-shim as the README says
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...['loopback', 'loopback-boot', 'strong-error-handler'].map((p) => path.join(nm, p)),
      ],
      tmp,
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--save-dev', projectRoot], tmp);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'package.json'), 'utf8')).devDependencies).to.have.property('lb3-shim');

    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'development' };
    child = spawn('npx', ['--offline', 'lb3-shim', 'serve', '.'], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /lb3-shim: serving \. at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        } else if (child!.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npx lb3-shim serve . exited: ${out}`));
        }
      }, 50);
    });
    expect((await getJson(`${url}/api/Products/count`)).body).to.deep.equal({ count: 4 });
    const spec = await getJson(`${url}/openapi.json`);
    expect(spec.body.info).to.deep.equal({ title: 'my-lb3-app', version: '1.2.3' });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    killGroup(child.pid!, 'SIGTERM');
    await exited;
  });
});

/** Signal a detached child's process group (npx and the lb3-shim it started); gone already is fine. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has exited
  }
}
