import { expect } from 'chai';
import sinon from 'sinon';
import type { Shim } from '../../../compat';
import { buildInlineApp, send, serveShim, serveStock } from './inline-auth-app';

/** A model whose ACLs name only token-dependent roles: its answers are memoisable. */
function addGadget(app: any): void {
  const Gadget = app.registry.createModel(
    'Gadget',
    { name: 'string' },
    {
      base: 'PersistedModel',
      acls: [
        { principalType: 'ROLE', principalId: '$everyone', permission: 'DENY', accessType: '*' },
        { principalType: 'ROLE', principalId: '$everyone', permission: 'ALLOW', accessType: 'READ' },
        { principalType: 'ROLE', principalId: '$authenticated', permission: 'ALLOW', property: 'create' },
      ],
    },
  );
  app.model(Gadget, { dataSource: 'db', public: true });
}

describe('compat ACL decision memo (caller-independent LB3 ACL answers)', function () {
  this.timeout(30000);
  let stockApp: any;
  let shimApp: any;
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;
  let checks: sinon.SinonSpy;

  beforeEach(async () => {
    stockApp = await buildInlineApp({ setup: addGadget });
    shimApp = await buildInlineApp({ setup: addGadget });
    stock = await serveStock(stockApp);
    shim = await serveShim(shimApp);
    checks = sinon.spy(shimApp.models.ACL, 'checkAccessForContext');
  });
  afterEach(async () => {
    checks.restore();
    await stock.close();
    await shim.stop();
  });

  async function both(method: string, path: string, token?: string, json?: unknown) {
    const req = { method, json, headers: (token ? { 'X-Access-Token': token } : {}) as Record<string, string> };
    const [a, b] = await Promise.all([send(stock.url, path, req), send(shim.url!, path, req)]);
    expect({ status: b.status, body: b.body }, `${method} ${path}`).to.deep.equal({ status: a.status, body: a.body });
    return b;
  }

  it('asks LB3 once per method and caller class for an allowed answer, then reuses it', async () => {
    for (let i = 0; i < 3; i++) expect((await both('GET', '/api/Gadgets')).status).to.equal(200);
    expect(checks.callCount).to.equal(1);
    for (let i = 0; i < 3; i++) expect((await both('GET', '/api/Gadgets', 'alice-token')).status).to.equal(200);
    expect(checks.callCount).to.equal(2);
  });

  it('never memoises a denial: LB3 evaluates it every time', async () => {
    for (let i = 0; i < 3; i++) expect((await both('POST', '/api/Gadgets', undefined, { name: 'x' })).status).to.equal(401);
    expect(checks.callCount).to.equal(3);
  });

  it('forgets what it knew when an ACL row is written, and answers as stock LB3 then', async () => {
    expect((await both('GET', '/api/Gadgets')).status).to.equal(200);
    const row = { model: 'Gadget', property: '*', accessType: 'READ', principalType: 'ROLE', principalId: '$everyone', permission: 'DENY' };
    await stockApp.models.ACL.create(row);
    await shimApp.models.ACL.create(row);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the table recount after the write
    expect((await both('GET', '/api/Gadgets')).status).to.equal(401);
    expect((await both('GET', '/api/Gadgets')).status).to.equal(401);
  });

  it('checks models with $owner or custom-role ACLs on every request', async () => {
    for (let i = 0; i < 3; i++) expect((await both('GET', '/api/Notes/1', 'alice-token')).status).to.equal(200);
    expect(checks.callCount).to.equal(3);
  });

  it('checks every time for tokens with non-default scopes', async () => {
    await shimApp.models.AccessToken.create({ id: 'scoped', ttl: 3600, userId: 1, scopes: ['read:gadgets'] });
    await stockApp.models.AccessToken.create({ id: 'scoped', ttl: 3600, userId: 1, scopes: ['read:gadgets'] });
    for (let i = 0; i < 2; i++) await both('GET', '/api/Gadgets', 'scoped');
    expect(checks.callCount).to.equal(2);
  });

  describe('the ACL-table query of checks LB3 makes every time ($owner)', () => {
    function aclQueries(): sinon.SinonSpy {
      const connector = shimApp.dataSources.db.connector;
      const all = sinon.spy(connector, 'all');
      return Object.assign(all, { aclCalls: () => all.getCalls().filter((c) => c.args[0] === 'ACL').length }) as any;
    }

    it('answers it without a juggler query while the table is empty', async () => {
      const all: any = aclQueries();
      try {
        for (let i = 0; i < 3; i++) expect((await both('GET', '/api/Notes/1', 'alice-token')).status).to.equal(200);
        expect((await both('GET', '/api/Notes/1')).status).to.equal(401);
        expect(checks.callCount).to.equal(4);
        expect(all.aclCalls()).to.equal(0);
      } finally {
        all.restore();
      }
    });

    it('queries the table again once a row is written, and answers as stock LB3', async () => {
      const row = { model: 'Note', property: '*', accessType: 'READ', principalType: 'ROLE', principalId: '$everyone', permission: 'DENY' };
      await stockApp.models.ACL.create(row);
      await shimApp.models.ACL.create(row);
      await new Promise((resolve) => setTimeout(resolve, 20)); // the table recount after the write
      const all: any = aclQueries();
      try {
        await both('GET', '/api/Notes/1', 'alice-token');
        await both('GET', '/api/Notes/1');
        expect(all.aclCalls()).to.equal(2);
      } finally {
        all.restore();
      }
    });

    it('runs the query when the ACL model has access observers, so they see it', async () => {
      const seen: unknown[] = [];
      shimApp.models.ACL.observe('access', (ctx: any, next: () => void) => (seen.push(ctx.query.where.model), next()));
      expect((await both('GET', '/api/Notes/1', 'alice-token')).status).to.equal(200);
      expect(seen).to.deep.equal([{ inq: ['Note', '*'] }]);
    });

    it('leaves ACL.find as it was for other callers', async () => {
      const rows = await shimApp.models.ACL.find({
        where: { model: { inq: ['Note', '*'] }, property: { inq: ['findById', '*'] }, accessType: { inq: ['READ', '*'] } },
      });
      expect(rows).to.deep.equal([]);
      await shimApp.models.ACL.create({
        model: 'Note',
        property: '*',
        accessType: 'READ',
        principalType: 'ROLE',
        principalId: '$everyone',
        permission: 'ALLOW',
      });
      expect(await shimApp.models.ACL.count()).to.equal(1);
      expect((await shimApp.models.ACL.find({ where: { model: 'Note' } })).length).to.equal(1);
    });
  });
});
