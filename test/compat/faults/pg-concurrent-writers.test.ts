/**
 * 50 concurrent writers on PostgreSQL (the `pg-writes` fixture, Slot.key under a
 * unique index), through stock LB3 and through the shim, each on its own
 * database: creates, updates of one row, upserts on the unique key. Counted
 * rows must be what the writes imply — none lost, none duplicated — and the
 * same for both.
 */
import { expect } from 'chai';
import { startAll } from '../../../compare/targets';
import { sendRequest, startTarget, type Target } from '../../support/parity';
import { fixtureDir } from '../../support/paths';
import { PG_URL_ENV } from '../../support/describe-pg-parity';
import { requirePostgres, type TestPostgres } from '../../support/postgres';

const WRITERS = 50;
const KEYS = 10;
const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

interface Outcome {
  creates: number[];
  updates: number[];
  upserts: number[];
  createdRows: number;
  distinctCreated: number;
  sharedRow: { qty: number; writer: string }[];
  slots: { key: string; n: number }[];
}

async function writeConcurrently(pg: TestPostgres, db: string, target: Target): Promise<Outcome> {
  const all = <T>(make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: WRITERS }, (_, i) => make(i)));
  const status = (p: Promise<{ status: number }>) => p.then((r) => r.status);
  const creates = await all((i) => status(sendRequest(target.port, { method: 'POST', path: '/api/Items', json: { name: `w-${i}`, writer: `w-${i}` } })));
  const updates = await all((i) => status(sendRequest(target.port, { method: 'PATCH', path: '/api/Items/1', json: { qty: i, writer: `u-${i}` } })));
  const upserts = await all((i) => {
    const key = `k${i % KEYS}`;
    return status(sendRequest(target.port, { method: 'POST', path: `/api/Slots/upsertWithWhere?where=${enc({ key })}`, json: { key, value: i } }));
  });
  const [created] = await pg.query<{ n: string; d: string }>(db, `SELECT count(*) AS n, count(DISTINCT name) AS d FROM item WHERE name LIKE 'w-%'`);
  const sharedRow = await pg.query<{ qty: number; writer: string }>(db, 'SELECT qty, writer FROM item WHERE id = 1');
  const slots = await pg.query<{ key: string; n: number }>(db, 'SELECT key, count(*)::int AS n FROM slot GROUP BY key ORDER BY key');
  return { creates, updates, upserts, createdRows: Number(created.n), distinctCreated: Number(created.d), sharedRow, slots };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

describe('50 concurrent writers on PostgreSQL', function () {
  this.timeout(180000);
  const outcomes: Record<'stock' | 'shim', Outcome> = {} as never;

  before(async function () {
    const pg = await requirePostgres(this);
    await pg.freshDatabase('writers_stock');
    await pg.freshDatabase('writers_shim');
    const [stock, shim] = await startAll([
      (signal) => startTarget('stock', fixtureDir('pg-writes'), signal, { [PG_URL_ENV]: pg.url('writers_stock'), NODE_ENV: 'production' }),
      (signal) => startTarget('shim', fixtureDir('pg-writes'), signal, { [PG_URL_ENV]: pg.url('writers_shim'), NODE_ENV: 'production' }),
    ]);
    try {
      outcomes.stock = await writeConcurrently(pg, 'writers_stock', stock);
      outcomes.shim = await writeConcurrently(pg, 'writers_shim', shim);
    } finally {
      await Promise.all([stock.stop(), shim.stop()]);
    }
    for (const side of ['stock', 'shim'] as const) {
      const o = outcomes[side];
      console.log(
        `      ${side}: creates ${JSON.stringify(tally(o.creates))} → ${o.createdRows} rows; same-row updates ${JSON.stringify(tally(o.updates))}; ` +
          `upserts ${JSON.stringify(tally(o.upserts))} → ${o.slots.length} keys, ${o.slots.reduce((n, s) => n + s.n, 0)} rows`,
      );
    }
  });

  for (const side of ['stock', 'shim'] as const) {
    it(`${side}: 50 concurrent creates answer 200 and leave exactly 50 distinct rows`, () => {
      const o = outcomes[side];
      expect(o.creates).to.deep.equal(Array(WRITERS).fill(200));
      expect(o.createdRows).to.equal(WRITERS);
      expect(o.distinctCreated).to.equal(WRITERS);
    });

    it(`${side}: 50 concurrent updates of one row answer 200 and leave one row holding one whole write`, () => {
      const o = outcomes[side];
      expect(o.updates).to.deep.equal(Array(WRITERS).fill(200));
      expect(o.sharedRow).to.have.length(1);
      expect(o.sharedRow[0].writer).to.equal(`u-${o.sharedRow[0].qty}`);
    });

    it(`${side}: 50 concurrent upserts on a unique key leave exactly one row per key (losers get a 500, nothing is duplicated)`, () => {
      const o = outcomes[side];
      expect(o.slots).to.deep.equal(Array.from({ length: KEYS }, (_, k) => ({ key: `k${k}`, n: 1 })).sort((a, b) => a.key.localeCompare(b.key)));
      for (const s of o.upserts) expect(s).to.be.oneOf([200, 500]);
      expect(o.upserts.filter((s) => s === 200).length).to.be.at.least(KEYS);
    });
  }

  it('gives the same counted rows through the shim as through stock LB3', () => {
    const rows = (o: Outcome) => ({ created: o.createdRows, distinct: o.distinctCreated, shared: o.sharedRow.length, slots: o.slots });
    expect(rows(outcomes.shim)).to.deep.equal(rows(outcomes.stock));
  });
});
