/**
 * A PostgreSQL restart under light traffic (the `pg-writes` fixture on the test
 * run's cluster, production error handler): the shim process survives, every
 * request sent while the database is down gets a strong-error-handler 500
 * within the connection bound, and the shim serves again as soon as the
 * database is back — no process restart. Stock LB3 dies on the same restart
 * (an `error` event of node-postgres nobody listens to): the test records it.
 */
import { expect } from 'chai';
import * as http from 'http';
import { startTarget, type Target } from '../../support/parity';
import { fixtureDir } from '../../support/paths';
import { PG_URL_ENV } from '../../support/describe-pg-parity';
import { requirePostgres, type TestPostgres } from '../../support/postgres';

/** Client-side give-up per request: far above the shim's 5 s connection bound, so a hang shows as status 0. */
const CLIENT_TIMEOUT_MS = 15000;
const OUTAGE_MS = 3000;

interface Shot {
  sentAt: number;
  ms: number;
  status: number;
  body: string;
}

function get(port: number, path: string): Promise<Shot> {
  const sentAt = Date.now();
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: CLIENT_TIMEOUT_MS }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ sentAt, ms: Date.now() - sentAt, status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ sentAt, ms: Date.now() - sentAt, status: 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (err) => resolve({ sentAt, ms: Date.now() - sentAt, status: 0, body: err.message }));
  });
}

interface RestartRun {
  shots: Shot[];
  downAt: number;
  upAt: number;
  firstSuccessAfterUp?: number;
  exited?: string;
}

/** Traffic every 100 ms; after 1 s the cluster stops for OUTAGE_MS, then starts; runs until a success after the restart (or 20 s). */
async function restartUnderTraffic(pg: TestPostgres, target: Target): Promise<RestartRun> {
  const shots: Promise<Shot>[] = [];
  const run: RestartRun = { shots: [], downAt: 0, upAt: 0 };
  let stop = false;
  const ticker = (async () => {
    const until = Date.now() + 20000;
    while (!stop && !target.exited() && Date.now() < until) {
      const shot = get(target.port, '/api/Items');
      shots.push(shot);
      void shot.then((s) => {
        if (run.upAt && s.sentAt >= run.upAt && s.status === 200 && run.firstSuccessAfterUp === undefined) {
          run.firstSuccessAfterUp = s.sentAt + s.ms - run.upAt;
          stop = true;
        }
      });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await new Promise((r) => setTimeout(r, 1000));
  run.downAt = Date.now();
  await pg.stopServer();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  await pg.startServer();
  run.upAt = Date.now();
  await ticker;
  run.shots = await Promise.all(shots);
  run.exited = target.exited();
  return run;
}

describe('PostgreSQL restart under traffic', function () {
  this.timeout(120000);
  let pg: TestPostgres;

  before(async function () {
    pg = await requirePostgres(this);
  });

  describe('lb3-shim', () => {
    let target: Target;
    let run: RestartRun;

    before(async () => {
      await pg.freshDatabase('restart_shim');
      target = await startTarget('shim', fixtureDir('pg-writes'), undefined, { [PG_URL_ENV]: pg.url('restart_shim'), NODE_ENV: 'production' });
      expect((await get(target.port, '/api/Items')).status).to.equal(200);
      run = await restartUnderTraffic(pg, target);
      const during = run.shots.filter((s) => s.sentAt >= run.downAt && s.sentAt < run.upAt);
      const statuses = new Map<number, number>();
      for (const s of during) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
      console.log(
        `      restart figures: ${run.shots.length} requests, ${during.length} during the ${OUTAGE_MS} ms outage ` +
          `(statuses ${[...statuses].map(([k, v]) => `${k}×${v}`).join(', ')}; slowest ${Math.max(0, ...during.map((s) => s.ms))} ms), ` +
          `first success ${run.firstSuccessAfterUp ?? 'never'} ms after PostgreSQL was back, process ${run.exited ? 'EXITED ' + run.exited : 'alive'}`,
      );
    });

    after(async () => {
      await target?.stop();
      if (pg) await pg.startServer();
    });

    it('keeps the process alive through the restart', () => {
      expect(run.exited, target.output()).to.equal(undefined);
    });

    it('answers every request sent during the outage with a strong-error-handler 500 within the timeout, no stack', () => {
      const during = run.shots.filter((s) => s.sentAt >= run.downAt && s.sentAt < run.upAt);
      expect(during.length).to.be.greaterThan(10);
      for (const s of during) {
        expect(s.status, s.body).to.be.oneOf([200, 500, 503]);
        expect(s.ms).to.be.below(CLIENT_TIMEOUT_MS);
        if (s.status !== 200) {
          const body = JSON.parse(s.body);
          expect(body.error.statusCode).to.equal(s.status);
          expect(s.body).not.to.match(/\bat .*\.js:\d+/);
        }
      }
      expect(during.filter((s) => s.status !== 200).length, 'some requests fail while the database is down').to.be.greaterThan(0);
    });

    it('serves again within 5 s after PostgreSQL is back, without a restart', () => {
      expect(run.firstSuccessAfterUp, 'a success after the restart').to.be.a('number');
      expect(run.firstSuccessAfterUp!).to.be.at.most(5000);
    });
  });

  describe('stock LB3 (the reference, for the record)', () => {
    it('dies on the same restart: node-postgres emits an error event nobody listens to', async () => {
      await pg.freshDatabase('restart_stock');
      const target = await startTarget('stock', fixtureDir('pg-writes'), undefined, { [PG_URL_ENV]: pg.url('restart_stock'), NODE_ENV: 'production' });
      try {
        expect((await get(target.port, '/api/Items')).status).to.equal(200);
        const run = await restartUnderTraffic(pg, target);
        console.log(
          `      stock LB3: process ${run.exited ? 'exited (' + run.exited + ')' : 'alive'}, first success after restart: ${run.firstSuccessAfterUp ?? 'never'}`,
        );
        expect(run.exited, 'stock LB3 exits').to.be.a('string');
        expect(target.output()).to.match(/terminating connection|Connection terminated|ECONNREFUSED|error/i);
      } finally {
        await target.stop();
        await pg.startServer();
      }
    });
  });
});
