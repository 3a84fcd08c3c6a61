import { expect } from 'chai';
import { spawn } from 'child_process';
import * as path from 'path';
import { projectRoot } from '../support/paths';

/** Run `lb3-shim <args>` from the build (or from sources through ts-node) and collect its output. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const fromBuild = __filename.endsWith('.js');
  const argv = fromBuild
    ? [path.join(projectRoot, 'bin', 'lb3-shim'), ...args]
    : ['-r', 'ts-node/register/transpile-only', path.join(projectRoot, 'cli', 'main.ts'), ...args];
  const child = spawn(process.execPath, argv, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, ...out })));
}

describe('lb3-shim routes', function () {
  this.timeout(60000);

  it('lists every route with its side, switch, hooks and ACL entries, and the switch counters', async () => {
    const { code, stdout } = await runCli(['routes', 'test/fixtures/lb3/library'], { LB3_SHIM_MODELS: 'Book=native' });
    expect(code).to.equal(0);
    const line = (verb: string, p: string) => stdout.split('\n').find((l) => l.startsWith(verb.padEnd(7) + ' ' + p.padEnd(40)));
    expect(line('GET', '/Books/:id')).to.match(
      /native \(Book\.findById; native\)\s+Book\.findById\s+hooks b2\/a1\/e1\s+acl: \$everyone DENY; \$everyone ALLOW READ;/,
    );
    expect(line('PUT', '/Books')).to.match(/lb3 \(native\)\s+Book\.replaceOrCreate/);
    expect(line('GET', '/Authors')).to.match(/^GET\s+\/Authors\s+lb3\s+Author\.find/);
    expect(stdout).to.match(/switch Book: native — native 0, lb3 0, shadowed 0, mismatches 0/);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await runCli(['routes', 'test/fixtures/lb3/library', '--json'], { LB3_SHIM_MODELS: 'Book=lb3+shadow' });
    expect(code).to.equal(0);
    const doc = JSON.parse(stdout);
    const find = doc.routes.find((r: { verb: string; path: string }) => r.verb === 'get' && r.path === '/Books');
    expect(find).to.include({ side: 'lb3', native: 'Book.find', switch: 'lb3+shadow' });
    expect(doc.switches[0]).to.include({ model: 'Book', switch: 'lb3+shadow' });
  });

  it('exits 1 naming a bad switch', async () => {
    const { code, stderr } = await runCli(['routes', 'test/fixtures/lb3/library'], { LB3_SHIM_MODELS: 'Book=sometimes' });
    expect(code).to.equal(1);
    expect(stderr).to.match(/cannot load test\/fixtures\/lb3\/library: LB3_SHIM_MODELS \(Book\): unknown switch "sometimes"/);
  });
});
