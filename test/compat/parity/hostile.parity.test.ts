/**
 * The hostile-input corpus (hostile.requests.ts) against the `auth` fixture in
 * production mode (NODE_ENV=production), stock LB3 vs the shim, one request at
 * a time: 0 shim crashes, 0 stack traces, 0 allows where stock denies, no
 * prototype pollution visible afterwards (the fixture's /_probe/pollution and
 * data snapshots before and after), and the same answer as stock for every
 * request — except where stock crashes (the shim must then answer a clean
 * 4xx; stock is restarted and the corpus goes on) and the entries marked
 * `pending` (reported, not failed). The figures are printed.
 */
import { expect } from 'chai';
import { startAll } from '../../../compare/targets';
import { diffResponses, sendRequest, startTarget, type CapturedResponse, type ParityRequest, type Target } from '../../support/parity';
import { fixtureDir } from '../../support/paths';
import { hostileRequests, snapshotRequests, type HostileRequest } from './hostile.requests';

const APP = fixtureDir('auth');
const ENV = { NODE_ENV: 'production' };
const PROBE: ParityRequest = { method: 'GET', path: '/_probe/pollution' };
const STACK = /\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?|node_modules[\\/]/;

interface Outcome {
  request: HostileRequest;
  stock: CapturedResponse;
  shim: CapturedResponse;
  diffs: string[];
  stockCrashed: boolean;
}

interface CorpusRun {
  outcomes: Outcome[];
  shimCrashes: string[];
  probe: { stock: CapturedResponse; shim: CapturedResponse };
  before: { stock: CapturedResponse[]; shim: CapturedResponse[] };
  after: { stock: CapturedResponse[]; shim: CapturedResponse[] };
  /** The shim's data after the whole corpus (the stock-crashing requests included). */
  shimAtEnd: CapturedResponse[];
}

const isDenied = (s: number) => s === 401 || s === 403;
const text = (r: CapturedResponse) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? ''));

async function runCorpus(): Promise<CorpusRun> {
  let [stock, shim] = await startAll([(signal) => startTarget('stock', APP, signal, ENV), (signal) => startTarget('shim', APP, signal, ENV)]);
  const outcomes: Outcome[] = [];
  const shimCrashes: string[] = [];
  const snapshot = async (t: Target) => {
    const list: CapturedResponse[] = [];
    for (const r of snapshotRequests) list.push(await sendRequest(t.port, r));
    return list;
  };
  try {
    const before = { stock: await snapshot(stock), shim: await snapshot(shim) };
    let after: CorpusRun['after'] | undefined;
    for (const request of hostileRequests) {
      // the data is compared before the requests that crash stock LB3 (a restarted stock starts from its seed again)
      if (request.crashesStock && !after) after = { stock: await snapshot(stock), shim: await snapshot(shim) };
      const s = await sendRequest(stock.port, request);
      const c = await sendRequest(shim.port, request);
      const stockCrashed = s.status === 0 && (await exitedSoon(stock));
      if (c.status === 0 && (await exitedSoon(shim))) {
        shimCrashes.push(`${request.method} ${request.path.slice(0, 120)}: ${shim.exited()}\n${shim.output()}`);
        shim = await startTarget('shim', APP, undefined, ENV);
      }
      outcomes.push({ request, stock: s, shim: c, diffs: diffResponses(s, c, 'shim'), stockCrashed });
      // a crashed stock is started again (from its seed) so the rest of the corpus is still compared
      if (stockCrashed) stock = await startTarget('stock', APP, undefined, ENV);
    }
    after ??= { stock: await snapshot(stock), shim: await snapshot(shim) };
    const shimAtEnd = await snapshot(shim);
    const probe = { stock: await sendRequest(stock.port, PROBE), shim: await sendRequest(shim.port, PROBE) };
    return { outcomes, shimCrashes, probe, before, after, shimAtEnd };
  } finally {
    await Promise.all([stock.stop(), shim.stop()]);
  }
}

/** A status-0 answer is a crash when the process exits right after it (not a client-side refusal such as an oversize header). */
async function exitedSoon(t: Target): Promise<boolean> {
  for (let i = 0; i < 20 && !t.exited(); i++) await new Promise((r) => setTimeout(r, 50));
  return t.exited() !== undefined;
}

describe('hostile-input corpus in production mode (auth fixture) against stock LB3', function () {
  this.timeout(300000);
  let run: CorpusRun;
  const counted = (pred: (o: Outcome) => boolean) => run.outcomes.filter(pred);

  before(async () => {
    run = await runCorpus();
    const categories = new Map<string, number>();
    for (const o of run.outcomes) categories.set(o.request.category, (categories.get(o.request.category) ?? 0) + 1);
    const stockCrashes = counted((o) => o.stockCrashed);
    const pending = counted((o) => !!o.request.pending && o.diffs.length > 0);
    const lines = [
      `hostile corpus: ${run.outcomes.length} requests in ${categories.size} categories (${[...categories].map(([k, v]) => `${k} ${v}`).join(', ')})`,
      `  shim crashes ${run.shimCrashes.length}, shim stack traces ${counted((o) => STACK.test(text(o.shim))).length}, ` +
        `shim allows where stock denies ${counted((o) => isDenied(o.stock.status) && o.shim.status >= 200 && o.shim.status < 300).length}, ` +
        `stock crashes ${stockCrashes.length}, stock stack traces ${counted((o) => STACK.test(text(o.stock))).length}`,
      `  same answer as stock ${counted((o) => o.diffs.length === 0).length}, differ where stock crashed ${stockCrashes.filter((o) => o.diffs.length).length}, ` +
        `differ pending (marked) ${pending.length}, differ otherwise ${counted((o) => o.diffs.length > 0 && !o.stockCrashed && !o.request.pending).length}`,
      ...stockCrashes.map(
        (o) => `  stock crashed on ${o.request.method} ${o.request.path.slice(0, 100)} (${o.request.note ?? o.request.category}); shim: ${o.shim.status}`,
      ),
      ...pending.map(
        (o) => `  pending: ${o.request.method} ${o.request.path.slice(0, 100)} stock ${o.stock.status} shim ${o.shim.status} — ${o.request.pending}`,
      ),
    ];
    console.log(lines.map((l) => '      ' + l).join('\n'));
  });

  it('sends at least 150 hostile requests', () => {
    expect(run.outcomes.length).to.be.at.least(150);
  });

  it('never crashes the shim', () => {
    expect(run.shimCrashes).to.deep.equal([]);
    for (const o of run.outcomes) expect(o.shim.status, `${o.request.method} ${o.request.path.slice(0, 100)}`).to.be.greaterThan(0);
  });

  it('never answers with a stack trace', () => {
    const leaks = counted((o) => STACK.test(text(o.shim))).map((o) => `${o.request.method} ${o.request.path.slice(0, 100)}: ${text(o.shim).slice(0, 300)}`);
    expect(leaks).to.deep.equal([]);
  });

  it('never allows what stock LB3 denies', () => {
    const allows = counted((o) => isDenied(o.stock.status) && o.shim.status >= 200 && o.shim.status < 300).map(
      (o) => `${o.request.method} ${o.request.path.slice(0, 100)}`,
    );
    expect(allows).to.deep.equal([]);
  });

  it('answers a clean 4xx where stock LB3 crashes', () => {
    for (const o of counted((x) => x.stockCrashed)) {
      expect(o.shim.status, `${o.request.method} ${o.request.path.slice(0, 100)}`).to.be.within(400, 499);
      expect(text(o.shim)).not.to.match(STACK);
    }
  });

  it('answers every other request exactly like stock LB3 (entries marked pending aside)', () => {
    const differ = counted((o) => o.diffs.length > 0 && !o.stockCrashed && !o.request.pending);
    const report = differ.map(
      (o) =>
        `#${run.outcomes.indexOf(o)} [${o.request.category}] ${o.request.method} ${o.request.path.slice(0, 160)}${o.request.note ? `  (${o.request.note})` : ''}\n    - ${o.diffs.join('\n    - ')}`,
    );
    expect(report.join('\n'), `${differ.length} requests differ`).to.equal('');
  });

  it('leaves no prototype pollution behind (probe after the corpus)', () => {
    expect(run.probe.shim.status).to.equal(200);
    expect(run.probe.shim.body).to.deep.equal({ added: { Object: [], Array: [], Function: [], String: [] }, forInKeys: [] });
    expect(run.probe.shim.body).to.deep.equal(run.probe.stock.body);
  });

  it('leaves the same data as stock LB3, with no polluted keys in any row', () => {
    for (let i = 0; i < snapshotRequests.length; i++) {
      expect(diffResponses(run.after.stock[i], run.after.shim[i], 'shim'), snapshotRequests[i].note).to.deep.equal([]);
      expect(text(run.after.shim[i])).not.to.match(/polluted|isAdmin|__proto__/);
      expect(diffResponses(run.before.stock[i], run.before.shim[i], 'shim'), `before: ${snapshotRequests[i].note}`).to.deep.equal([]);
    }
  });

  it('changes no data with the requests that crash stock LB3', () => {
    for (let i = 0; i < snapshotRequests.length; i++) expect(run.shimAtEnd[i].body, snapshotRequests[i].note).to.deep.equal(run.after.shim[i].body);
  });
});
