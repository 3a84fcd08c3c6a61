/**
 * Opt-in hardening (docs/hardening.md): for each switch, the hole stock LB3
 * (and the default shim) keeps, and the hardened shim's answer. The auth
 * fixture in production mode; the shim hardened through `LB3_SHIM_HARDEN`.
 */
import { expect } from 'chai';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { startAll } from '../../../compare/targets';
import { resolveHardening } from '../../../compat/security/hardening';
import { sendRequest, startTarget, type ParityRequest, type Target } from '../../support/parity';
import { fixtureDir, projectRoot } from '../../support/paths';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const ALICE = { Authorization: 'alice-token' };
const PROD = { NODE_ENV: 'production' };

describe('opt-in hardening (auth fixture, production mode)', function () {
  this.timeout(120000);
  let stock: Target;
  let plain: Target;
  let hardened: Target;

  before(async () => {
    [stock, plain, hardened] = await startAll([
      (signal) => startTarget('stock', fixtureDir('auth'), signal, PROD),
      (signal) => startTarget('shim', fixtureDir('auth'), signal, PROD),
      (signal) => startTarget('shim', fixtureDir('auth'), signal, { ...PROD, LB3_SHIM_HARDEN: '1' }),
    ]);
  });
  after(() => Promise.all([stock, plain, hardened].map((t) => t?.stop())));

  /** Stock's answer, the default shim's (must equal stock's) and the hardened shim's. */
  async function ask(req: ParityRequest) {
    const s = await sendRequest(stock.port, req);
    const p = await sendRequest(plain.port, req);
    const h = await sendRequest(hardened.port, req);
    expect({ status: p.status, body: p.body }, 'hardening is off by default: the shim answers as stock').to.deep.equal({ status: s.status, body: s.body });
    return { stock: s, hardened: h };
  }

  describe('include: the related model ACL', () => {
    it("stock returns every note's owner Account (emails) to alice, whom Account denies find; hardened answers Account's denial", async () => {
      const r = await ask({ method: 'GET', path: `/api/Notes?filter=${enc({ include: 'owner' })}`, headers: ALICE });
      expect(r.stock.status).to.equal(200);
      expect(JSON.stringify(r.stock.body)).to.contain('bob@example.com');
      expect(r.hardened.status).to.equal(401);
      expect((r.hardened.body as any).error.code).to.equal('AUTHORIZATION_REQUIRED');
    });

    it('checks nested and {relation, scope} includes too, and lets allowed includes through', async () => {
      const nested = await ask({
        method: 'GET',
        path: `/api/Notes?filter=${enc({ include: { relation: 'owner', scope: { fields: ['email'] } } })}`,
        headers: ALICE,
      });
      expect(nested.stock.status).to.equal(200);
      expect(nested.hardened.status).to.equal(401);
      const admin = await ask({ method: 'GET', path: `/api/Notes?filter=${enc({ include: 'owner' })}`, headers: { Authorization: 'admin-token' } });
      expect(admin.hardened.status).to.equal(200);
      expect(admin.hardened.body).to.deep.equal(admin.stock.body);
    });

    it("a relation route checks the related model's ACL: alice reading Note 1's owner needs Account find", async () => {
      const r = await ask({ method: 'GET', path: '/api/Notes/1/owner', headers: ALICE });
      expect(r.stock.status).to.equal(200);
      expect(r.hardened.status).to.equal(401);
    });
  });

  describe('filterLimits', () => {
    it('stock runs an inq list of 1001 values; hardened answers 400 FILTER_TOO_COMPLEX', async () => {
      const inq = Array.from({ length: 1001 }, (_, i) => i);
      const r = await ask({ method: 'GET', path: `/api/Products?filter=${enc({ where: { id: { inq } } })}` });
      expect(r.stock.status).to.equal(200);
      expect(r.hardened.status).to.equal(400);
      expect((r.hardened.body as any).error.code).to.equal('FILTER_TOO_COMPLEX');
    });

    it('caps an absurd limit instead of passing it to the database (same rows here)', async () => {
      const r = await ask({ method: 'GET', path: `/api/Products?filter=${enc({ limit: 1e12 })}` });
      expect(r.hardened.status).to.equal(200);
      expect(r.hardened.body).to.deep.equal(r.stock.body);
    });
  });

  describe('regexp', () => {
    it('stock runs a nested-quantifier regexp (ReDoS shape); hardened answers 400 REGEXP_REFUSED', async () => {
      const r = await ask({ method: 'GET', path: `/api/Products?filter=${enc({ where: { name: { regexp: '^(a+)+$' } } })}` });
      expect(r.stock.status).to.equal(200);
      expect(r.hardened.status).to.equal(400);
      expect((r.hardened.body as any).error.code).to.equal('REGEXP_REFUSED');
    });

    it('keeps simple patterns working', async () => {
      const r = await ask({ method: 'GET', path: `/api/Products?filter=${enc({ where: { name: { like: 'P%' } } })}` });
      expect(r.hardened.status).to.equal(200);
      expect(r.hardened.body).to.deep.equal(r.stock.body);
    });

    it("refuses every regexp operator with regexp: 'refuse'", () => {
      expect(resolveHardening({ regexp: 'refuse' }).regexp).to.equal('refuse');
      expect(resolveHardening(true).regexp).to.equal('limit');
      expect(resolveHardening(undefined)).to.deep.equal({ include: false, filterLimits: undefined, regexp: undefined, prototypeKeys: false, boot: false });
    });
  });

  describe('prototypeKeys', () => {
    it('stock hands a body with a __proto__ key to juggler (a 500 here); hardened answers 400 FORBIDDEN_KEY', async () => {
      const r = await ask({
        method: 'POST',
        path: '/api/Notes',
        body: '{"title":"p","__proto__":{"polluted":"yes"}}',
        headers: { ...ALICE, 'Content-Type': 'application/json' },
      });
      expect(r.stock.status).to.equal(500);
      expect(r.hardened.status).to.equal(400);
      expect((r.hardened.body as any).error).to.include({ code: 'FORBIDDEN_KEY', message: 'The key "__proto__" is not allowed in the request body.' });
    });

    it('stock accepts constructor.prototype in a filter; hardened answers 400 FORBIDDEN_KEY', async () => {
      const r = await ask({ method: 'GET', path: `/api/Products?filter=${encodeURIComponent('{"where":{"constructor":{"prototype":{"x":1}}}}')}` });
      expect(r.stock.status).to.be.below(500);
      expect(r.hardened.status).to.equal(400);
      expect((r.hardened.body as any).error.code).to.equal('FORBIDDEN_KEY');
    });
  });
});

describe('opt-in hardening: boot', function () {
  this.timeout(60000);
  // a port nothing listens on: the datasource cannot connect
  const DOWN = { LB3_SHIM_TEST_PG_URL: 'postgres://postgres@127.0.0.1:9/none', LB3_SHIM_TEST_NO_SEED: '1', NODE_ENV: 'production' };

  it('without hardening the shim boots with its database down and answers 500s until it is back', async () => {
    const t = await startTarget('shim', fixtureDir('pg-writes'), undefined, DOWN);
    try {
      const res = await sendRequest(t.port, { method: 'GET', path: '/api/Items' });
      expect(res.status).to.equal(500);
      expect(t.exited()).to.equal(undefined);
    } finally {
      await t.stop();
    }
  });

  it('with boot hardening a datasource that cannot connect fails the boot: the process exits non-zero, naming it', async () => {
    let err: Error | undefined;
    try {
      const t = await startTarget('shim', fixtureDir('pg-writes'), undefined, { ...DOWN, LB3_SHIM_HARDEN: '{"boot":true}' });
      await t.stop();
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).to.match(/exited before listening \(code 1/);
    expect(err?.message).to.contain('Datasource "db" could not connect while booting');
  });

  it('lists --harden in serve --help', () => {
    const help = execFileSync(process.execPath, [path.join(projectRoot, 'bin', 'lb3-shim'), 'serve', '--help'], { encoding: 'utf8' });
    expect(help).to.contain('--harden');
  });
});
