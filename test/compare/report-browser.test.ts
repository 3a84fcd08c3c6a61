/**
 * The HTML report of a failing comparison, opened in headless Chromium
 * (Debian's chromium, see scripts/install-chromium.sh): the differing step's
 * diff row and its highlighted lines are visible; a screenshot is saved to
 * test-output/compare-report.png.
 */
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser } from 'playwright-core';
import { compareTargets } from '../../compare/compare';
import { renderHtmlReport } from '../../compare/html-report';
import { parseScenario } from '../../compare/scenario.loader';
import { startAll, startAppTarget, type AppTarget } from '../../compare/targets';
import { fixtureDir, projectRoot } from '../support/paths';

const CHROMIUM = '/usr/bin/chromium';
const outDir = path.join(projectRoot, 'test-output');

describe('compare HTML report in a browser', function () {
  this.timeout(120000);
  let targets: AppTarget[] = [];
  let browser: Browser | undefined;

  before(function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh (npm test does it first)`);
  });
  after(async () => {
    await browser?.close();
    await Promise.all(targets.map((t) => t.stop()));
  });

  it('shows the differing step with side-by-side highlighted diffs of headers and body', async () => {
    targets = await startAll([
      (signal) => startAppTarget({ kind: 'stock', appDir: fixtureDir('noisy'), signal }),
      (signal) => startAppTarget({ kind: 'stock', appDir: fixtureDir('noisy'), env: { NOISY_VARIANT: 'candidate' }, signal }),
      (signal) => startAppTarget({ kind: 'stock', appDir: fixtureDir('noisy'), signal }),
    ]);
    const scenario = parseScenario(
      JSON.stringify({
        steps: [
          { name: 'count dice', method: 'GET', path: '/api/Dice/count' },
          { name: 'roll a d20', method: 'GET', path: '/api/Dice/roll?sides=20' },
          { name: 'unknown route', method: 'GET', path: '/api/Dice/nope/nope' },
        ],
      }),
      { source: 'browser-test' },
    );
    const report = await compareTargets({ scenario, legacy: targets[0], candidate: targets[1], noise: targets[2] });
    expect(report.differing).to.equal(1);
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, 'compare-report.html');
    fs.writeFileSync(file, renderHtmlReport(report));

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('file://' + file);

    expect(await page.title()).to.equal('lb3-shim compare: 1 of 3 steps differ');
    const stepRows = page.locator('tr.step');
    expect(await stepRows.count()).to.equal(3);
    const diffRows = page.locator('tr.diff-row');
    expect(await diffRows.count()).to.equal(1);
    const diffRow = diffRows.first();
    expect(await diffRow.isVisible()).to.equal(true);
    expect(await diffRow.getAttribute('data-step')).to.equal('2');
    expect(await page.locator('tr.step.differs td').nth(1).innerText()).to.equal('roll a d20');
    expect(await diffRow.locator('ul.diffs li').allInnerTexts()).to.deep.equal(['body.label: "d20" → "d20-candidate"']);
    // the changed body line, side by side, with the changed word marked
    const changed = diffRow.locator('tr.changed');
    expect(await changed.count()).to.be.greaterThan(0);
    expect(await changed.first().isVisible()).to.equal(true);
    expect(await diffRow.locator('td.code.del').first().innerText()).to.contain('"label": "d20"');
    expect(await diffRow.locator('td.code.ins').first().innerText()).to.contain('"label": "d20-candidate"');
    expect(await diffRow.locator('td.code.ins mark').first().innerText()).to.contain('candidate');
    expect(await diffRow.innerText()).to.match(/ignored as noise: .*body\.value/);
    // the noisy value is masked on both sides, so it is not shown as a change
    expect(await diffRow.locator('tr:not(.changed) td.code', { hasText: '"value": "<ignored>"' }).count()).to.equal(2);

    // "show only differing steps" hides the matching rows
    await page.locator('#only-diffs').check();
    expect(await page.locator('tr.step.same').first().isVisible()).to.equal(false);
    expect(await diffRow.isVisible()).to.equal(true);
    await page.locator('#only-diffs').uncheck();

    await page.screenshot({ path: path.join(outDir, 'compare-report.png'), fullPage: true });
    expect(fs.statSync(path.join(outDir, 'compare-report.png')).size).to.be.greaterThan(1000);
    // self-contained: nothing but the file itself was loaded
    expect(requests).to.deep.equal(['file://' + file]);
  });
});
