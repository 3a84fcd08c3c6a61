/**
 * `lb3-shim compare` end to end: an app directory booted as stock LB3 and
 * through lb3-shim, two running servers given by URL, noise detection, and
 * the exit codes 0 / 1 / 2.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startAll, startAppTarget, type AppTarget } from '../../compare/targets';
import type { ComparisonReport } from '../../compare/types';
import { fixtureDir, projectRoot } from '../support/paths';
import { runCli } from './cli-helpers';

const scenario = (name: string) => path.join(projectRoot, 'test', 'compare', 'scenarios', name);

describe('lb3-shim compare (CLI)', function () {
  this.timeout(120000);

  it('exits 0 and says every step matches when stock LB3 and lb3-shim answer the demo scenario alike', async () => {
    const { code, stdout, stderr } = await runCli(['compare', 'test/fixtures/lb3/demo', '--scenario', scenario('demo.json'), '--verbose']);
    expect(stderr).to.equal('');
    expect(stdout).to.match(/comparing stock LB3 \(test\/fixtures\/lb3\/demo\) \(legacy\) with lb3-shim \(test\/fixtures\/lb3\/demo\) \(candidate\)/);
    expect(stdout).to.contain('ok  #5 read it back  (GET /api/Categories/3: 200 / 200)');
    expect(stdout).to.match(/all 9 steps match/);
    expect(code).to.equal(0);
  });

  describe('with --legacy-url and --candidate-url', () => {
    let legacy: AppTarget;
    let legacyAgain: AppTarget;
    let candidate: AppTarget;
    before(async () => {
      // the candidate is a flavour of the app whose `label` really differs
      [legacy, legacyAgain, candidate] = await startAll([
        (signal) => startAppTarget({ kind: 'stock', appDir: fixtureDir('noisy'), signal }),
        (signal) => startAppTarget({ kind: 'stock', appDir: fixtureDir('noisy'), signal }),
        (signal) => startAppTarget({ kind: 'stock', appDir: fixtureDir('noisy'), env: { NOISY_VARIANT: 'b' }, signal }),
      ]);
    });
    after(() => Promise.all([legacy, legacyAgain, candidate].map((t) => t?.stop())));

    it('names the differing step and its differing fields, and exits 1', async () => {
      const { code, stdout } = await runCli([
        'compare',
        '--legacy-url',
        legacy.baseUrl,
        '--candidate-url',
        candidate.baseUrl,
        '--scenario',
        scenario('noisy.yaml'),
      ]);
      expect(stdout).to.contain('DIFF  #1 roll a d6  (GET /api/Dice/roll?sides=6: 200 / 200)');
      expect(stdout).to.contain('- body.label: legacy="d6" candidate="d6-b"');
      expect(stdout).to.match(/- body\.value: legacy=0\.\d+ candidate=0\.\d+/);
      expect(stdout).not.to.contain('count dice');
      expect(stdout).to.contain('1 of 2 steps differ');
      expect(code).to.equal(1);
    });

    it('with --noise ignores the random field that differs between two legacy runs and still reports the real difference', async () => {
      const { code, stdout } = await runCli([
        'compare',
        '--legacy-url',
        legacy.baseUrl,
        '--candidate-url',
        candidate.baseUrl,
        '--noise-url',
        legacyAgain.baseUrl,
        '--scenario',
        scenario('noisy.yaml'),
        '--json',
      ]);
      const report = JSON.parse(stdout) as ComparisonReport;
      expect(report.differing).to.equal(1);
      const roll = report.steps[0];
      expect(roll.differences.map((d) => d.path)).to.deep.equal(['body.label']);
      expect(roll.noise).to.include('body.value');
      expect(report.steps[1].differences).to.deep.equal([]);
      expect(code).to.equal(1);
    });

    it('writes a self-contained HTML report with one row per step', async () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-compare-')), 'report.html');
      const { code, stdout } = await runCli([
        'compare',
        '--legacy-url',
        legacy.baseUrl,
        '--candidate-url',
        candidate.baseUrl,
        '--scenario',
        scenario('noisy.yaml'),
        '--report',
        out,
      ]);
      expect(code).to.equal(1);
      expect(stdout).to.contain(`report written to ${out}`);
      const html = fs.readFileSync(out, 'utf8');
      expect(html.match(/<tr class="step /g)).to.have.length(2);
      expect(html).to.contain('<tr class="diff-row" data-step="1">');
      expect(html).not.to.match(/<(link|script)[^>]+(href|src)=/);
    });
  });

  it('with --noise on an app directory boots the legacy app twice and ignores its random values', async () => {
    const { code, stdout } = await runCli(['compare', 'test/fixtures/lb3/noisy', '--scenario', scenario('noisy.yaml'), '--noise', '--verbose']);
    expect(stdout).to.contain('noise from stock LB3 (test/fixtures/lb3/noisy)');
    expect(stdout).to.match(/noise: .*body\.value/);
    expect(stdout).to.contain('all 2 steps match');
    expect(code).to.equal(0);
  });

  describe('usage and startup errors exit 2 with one clear message', () => {
    it('when neither an app directory nor URLs are given', async () => {
      const { code, stderr } = await runCli(['compare', '--scenario', scenario('noisy.yaml')]);
      expect(stderr.trim()).to.equal('lb3-shim compare: give an <app-dir>, or both --legacy-url and --candidate-url');
      expect(code).to.equal(2);
    });

    it('when the scenario is malformed, naming the step and field', async () => {
      const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-compare-')), 'bad.json');
      fs.writeFileSync(
        bad,
        JSON.stringify({
          steps: [
            { method: 'GET', path: '/a' },
            { method: 'FETCH', path: '/b' },
          ],
        }),
      );
      const { code, stderr } = await runCli(['compare', 'test/fixtures/lb3/demo', '--scenario', bad]);
      expect(stderr).to.match(/^lb3-shim compare: .*bad\.json: steps\[1\]: unsupported method "FETCH"\n$/);
      expect(code).to.equal(2);
    });

    it('when an option is unknown', async () => {
      const { code, stderr } = await runCli(['compare', 'test/fixtures/lb3/demo', '--scenario', scenario('noisy.yaml'), '--bogus']);
      expect(stderr).to.contain("error: unknown option '--bogus'");
      expect(code).to.equal(2);
    });

    it('when the app cannot boot, with its error', async () => {
      const { code, stderr } = await runCli(['compare', 'test/fixtures/lb3/broken-json', '--scenario', scenario('noisy.yaml')]);
      expect(stderr).to.match(/^lb3-shim compare: cannot start: /);
      expect(stderr).to.contain('thing.json');
      expect(code).to.equal(2);
    });
  });
});
