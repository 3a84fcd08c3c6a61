/** `lb3-shim analyze` as users run it: --help, the table, --json, and exit 2 for what cannot be analysed. */
import { expect } from 'chai';
import { runCli } from '../compare/cli-helpers';

describe('lb3-shim analyze (CLI)', function () {
  this.timeout(60000);

  it('documents every option in --help', async () => {
    const { code, stdout } = await runCli(['analyze', '--help']);
    expect(code).to.equal(0);
    for (const opt of ['--json', '--html <file>', '--verbose', '--no-progress', '<app-dir>']) expect(stdout).to.contain(opt);
  });

  it('prints the model table, the groups with their reasons and the order, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['analyze', 'test/fixtures/lb3/writes']);
    expect(stderr).to.equal('');
    expect(stdout).to.match(/^analysis of test\/fixtures\/lb3\/writes: 3 models, 3 groups/);
    expect(stdout).to.match(/\nmodel\s+group\s+base\s+rel out\/in/);
    expect(stdout).to.contain('  1. G1: AuditLog  (in a relation cycle with G2)');
    expect(stdout).to.contain('  2. G2: Book  (in a relation cycle with G1)');
    expect(stdout).to.contain('  3. G3: Tag');
    expect(stdout).to.contain(
      'complicates reached-by-code: reached by code outside the model (static scan): common/models/book.js:10, common/models/book.js:13',
    );
    expect(code).to.equal(0);
  });

  it('prints JSON with schemaVersion 1 for --json', async () => {
    const { code, stdout } = await runCli(['analyze', 'test/fixtures/lb3/demo', '--json']);
    const a = JSON.parse(stdout);
    expect(a.schemaVersion).to.equal(1);
    expect(a.models.map((m: { name: string }) => m.name)).to.include.members(['Product', 'Category', 'Review']);
    expect(code).to.equal(0);
  });

  it('exits 2 with one line naming the problem for a directory that is not an LB3 app and for an app that cannot boot', async () => {
    const notApp = await runCli(['analyze', 'test/fixtures']);
    expect(notApp.code).to.equal(2);
    expect(notApp.stderr).to.equal('lb3-shim analyze: test/fixtures is not an LB3 app directory (no server/ folder)\n');
    const broken = await runCli(['analyze', 'test/fixtures/lb3/broken-boot']);
    expect(broken.code).to.equal(2);
    expect(broken.stderr).to.match(/^lb3-shim analyze: cannot load test\/fixtures\/lb3\/broken-boot: .*explode/);
    expect(broken.stderr.trim().split('\n')).to.have.length(1);
  });
});
