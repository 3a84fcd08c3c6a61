/**
 * `analyze --html` opened in headless Chromium (Debian's chromium, see
 * scripts/install-chromium.sh): the dependency graph of the relations fixture
 * is drawn with one box per group, a node per model and the relation edges;
 * nothing but the file itself is loaded. Screenshot: test-output/analyze-graph.png.
 */
import { expect } from 'chai';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { chromium, type Browser } from 'playwright-core';
import { fixtureDir, projectRoot } from '../../support/paths';

const CHROMIUM = '/usr/bin/chromium';
const outDir = path.join(projectRoot, 'test-output');
const run = promisify(execFile);

describe('analyze HTML graph in a browser', function () {
  this.timeout(120000);
  let browser: Browser | undefined;
  before(function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh (npm test does it first)`);
  });
  after(async () => {
    await browser?.close();
  });

  it('draws every model of the relations fixture inside its group box, with the relation and embedded edges and the order', async () => {
    fs.mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, 'analyze-relations.html');
    const { stdout } = await run(process.execPath, [path.join(projectRoot, 'bin', 'lb3-shim'), 'analyze', fixtureDir('relations'), '--html', file], {
      cwd: projectRoot,
    });
    expect(stdout).to.contain(`dependency graph written to ${file}`);

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
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('file://' + file);

    expect(await page.title()).to.equal(`lb3-shim analyze: ${fixtureDir('relations')}`);
    const graph = page.locator('svg#graph');
    expect(await graph.isVisible()).to.equal(true);
    const nodes = page.locator('svg#graph g.node');
    expect(await nodes.count()).to.equal(9);
    expect((await page.locator('svg#graph g.node text').allTextContents()).sort()).to.deep.equal([
      'Address',
      'Appointment',
      'Customer',
      'Group',
      'Order',
      'Patient',
      'Physician',
      'Profile',
      'Tag',
    ]);
    // eight groups, one of them (Customer with its embedded Address) with two models
    expect(await page.locator('svg#graph g.group').count()).to.equal(8);
    expect(await page.locator('svg#graph g.group.multi').count()).to.equal(1);
    // each node lies inside its group's box, as rendered
    const boxOf = async (sel: string) => (await page.locator(sel).boundingBox())!;
    const customer = await boxOf('svg#graph g.node[data-model="Customer"] rect');
    const groups = page.locator('svg#graph g.group.multi rect');
    const inside = [];
    for (let i = 0; i < (await groups.count()); i++) {
      const g = (await groups.nth(i).boundingBox())!;
      inside.push(customer.x >= g.x && customer.y >= g.y && customer.x + customer.width <= g.x + g.width && customer.y + customer.height <= g.y + g.height);
    }
    expect(inside.filter(Boolean)).to.have.length(1);
    expect(await page.locator('svg#graph path.edge.embedded').count()).to.equal(1);
    // relation edges are drawn with a length, and the leaf (Tag) is left of the group that depends on it
    const edges = page.locator('svg#graph path.edge.relation');
    expect(await edges.count()).to.be.greaterThan(8);
    expect((await edges.first().boundingBox())!.width + (await edges.first().boundingBox())!.height).to.be.greaterThan(10);
    const tag = await boxOf('svg#graph g.node[data-model="Tag"] rect');
    expect(tag.x).to.be.lessThan(customer.x);
    expect(await page.locator('#order li').allInnerTexts()).to.have.length(8);
    expect(await page.locator('#model-Customer .findings').innerText()).to.contain('embedded-relation');

    await page.screenshot({ path: path.join(outDir, 'analyze-graph.png'), fullPage: true });
    expect(fs.statSync(path.join(outDir, 'analyze-graph.png')).size).to.be.greaterThan(1000);
    expect(requests).to.deep.equal(['file://' + file]);
  });
});
