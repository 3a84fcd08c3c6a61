/**
 * Per-model switches of a migrated model, in process on the library fixture
 * with Book native: route ownership (native where the controller implements
 * the route, LB3 elsewhere, LB3's precedence), shadow mode catching a
 * deliberately changed native method, the deterministic percentage ramp, and
 * rollback to LB3 without a code change.
 */
import * as path from 'path';
import { expect } from 'chai';
import * as sinon from 'sinon';
import request from 'supertest';
import { createShim, type Shim } from '../../../compat/create-shim';
import { parseModelsEnv, parseSwitch, readMigrationConfig } from '../../../compat/migration/migration-config';
import { TrafficSwitch } from '../../../compat/migration/traffic-switch';
import { fixtureDir } from '../../support/paths';

const APP = fixtureDir('library');
const MIGRATED = path.join(APP, 'migrated');

/** A fresh LB3 app (its files out of the require cache) served with Book on `label`. */
async function bootWith(label: string): Promise<Shim> {
  for (const key of Object.keys(require.cache)) if (key.startsWith(APP + path.sep) && !key.startsWith(MIGRATED)) delete require.cache[key];
  const shim = await createShim(
    { appDir: APP },
    { migration: { migratedDir: MIGRATED, models: new Map([['Book', parseSwitch(label, 'test')]]), source: 'test' } },
  );
  return shim;
}

function bookController(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the fixture's TypeScript controller, loaded through ts-node
  return require(path.join(MIGRATED, 'book', 'book.controller.ts')).BookController;
}

function bookStats(shim: Shim) {
  return shim.migration!.stats().find((s) => s.model === 'Book')!;
}

describe('migration switches (library fixture, Book native)', function () {
  this.timeout(60000);
  afterEach(() => sinon.restore());

  describe('native', () => {
    let shim: Shim;
    before(async () => (shim = await bootWith('native')));

    it('serves the routes the native controller implements natively and leaves the others to LB3', () => {
      const sides = new Map(shim.migration!.ownedRoutes().map((r) => [`${r.verb.toUpperCase()} ${r.path}`, r]));
      expect(sides.get('GET /Books')?.native).to.equal('Book.find');
      expect(sides.get('GET /Books/count')?.side).to.equal('native');
      expect(sides.get('GET /Books/:id')?.native).to.equal('Book.findById');
      expect(sides.get('PATCH /Books/:id')?.native).to.equal('Book.prototype.patchAttributes');
      expect(sides.get('GET /Books/summary')?.native).to.equal('Book.summary');
      expect(sides.get('PUT /Books')?.side, 'replaceOrCreate is not written natively').to.equal('lb3');
      expect(sides.get('GET /Books/:id/tags')?.side, 'relation routes stay LB3').to.equal('lb3');
      expect(shim.migration!.unclaimed()).to.deep.equal([]);
    });

    it('answers GET /Books/count from the native count (LB3 precedence: count before :id)', async () => {
      const spy = sinon.spy(bookController().prototype, 'count');
      const before = bookStats(shim).native;
      const res = await request(shim.handler).get('/api/Books/count').expect(200);
      expect(res.body).to.deep.equal({ count: 3 });
      expect(res.headers['x-counted'], 'app-level *.count hook ran around the native route').to.equal('3');
      expect(res.headers['x-method']).to.equal('Book.count');
      expect(spy.calledOnce).to.equal(true);
      expect(bookStats(shim).native).to.equal(before + 1);
    });

    it('runs the native method behind LB3 access tokens and ACLs (patron role resolver)', async () => {
      await request(shim.handler).get('/api/Books/summary').expect(401);
      const res = await request(shim.handler).get('/api/Books/summary').set('Authorization', 'alice-token').expect(200);
      expect(res.body).to.deep.equal({ books: 3, pages: 736 });
    });
  });

  describe('shadow', () => {
    it('LB3 primary + native shadow: answers from LB3 and counts a deliberately changed native count as mismatches', async () => {
      const shim = await bootWith('lb3+shadow');
      const warn = sinon.stub(console, 'warn');
      sinon.stub(bookController().prototype, 'count').resolves({ count: 999 });
      for (let i = 0; i < 3; i++) expect((await request(shim.handler).get('/api/Books/count').expect(200)).body).to.deep.equal({ count: 3 });
      await request(shim.handler).get('/api/Books').expect(200);
      await request(shim.handler).post('/api/Books').set('Authorization', 'bob-token').send({ title: 'Not shadowed' }).expect(200);
      const s = bookStats(shim);
      warn.restore();
      expect(s).to.include({ lb3: 5, native: 0, shadowed: 4, matches: 1, mismatches: 3, lastMismatch: 'Book.count' });
      expect(warn.firstCall.args[0]).to.match(/shadow mismatch #1 on Book\.count \(lb3\+shadow\): primary=\{"count":3\} shadow=\{"count":999\}/);
    });

    it('native primary + LB3 shadow: answers from native and counts the mismatch', async () => {
      const shim = await bootWith('native+shadow');
      const warn = sinon.stub(console, 'warn');
      sinon.stub(bookController().prototype, 'count').resolves({ count: 999 });
      expect((await request(shim.handler).get('/api/Books/count').expect(200)).body).to.deep.equal({ count: 999 });
      await request(shim.handler).get('/api/Books/1').expect(200);
      await request(shim.handler).get('/api/Books/99').expect(404);
      warn.restore();
      expect(bookStats(shim)).to.include({ native: 3, shadowed: 3, matches: 2, mismatches: 1 });
    });
  });

  describe('ramp', () => {
    it('sends about 10% of requests to native with ramp:10 and a fixed seed', async () => {
      const shim = await bootWith('ramp:10:library');
      for (let i = 0; i < 200; i++) await request(shim.handler).get('/api/Books/count').expect(200);
      const s = bookStats(shim);
      expect(s.native + s.lb3).to.equal(200);
      expect(s.native).to.be.within(10, 30);
    });

    it('draws the same sequence for the same seed and model', () => {
      const picks = (seed: string) => {
        const sw = new TrafficSwitch({ model: 'Book', switch: parseSwitch(`ramp:10:${seed}`, 'test') });
        return Array.from({ length: 500 }, () => sw.pick()).join('');
      };
      expect(picks('a')).to.equal(picks('a'));
      expect(picks('a')).not.to.equal(picks('b'));
      const n = (picks('a').match(/native/g) ?? []).length;
      expect(n).to.be.within(30, 70);
    });
  });

  describe('rollback', () => {
    it('switch lb3 restores LB3 answers even when the native method is wrong', async () => {
      const shim = await bootWith('lb3');
      sinon.stub(bookController().prototype, 'count').resolves({ count: 999 });
      expect((await request(shim.handler).get('/api/Books/count').expect(200)).body).to.deep.equal({ count: 3 });
      expect(shim.migration!.ownedRoutes().every((r) => r.side === 'lb3')).to.equal(true);
    });
  });

  describe('configuration', () => {
    it('reads LB3_SHIM_MODELS and names a bad switch', () => {
      expect([...parseModelsEnv('Book=native, Author=ramp:25:x').entries()].map(([k, v]) => `${k}:${v.label}:${v.percent ?? ''}`)).to.deep.equal([
        'Book:native:',
        'Author:ramp:25:x:25',
      ]);
      expect(() => parseModelsEnv('Book=sometimes')).to.throw(/LB3_SHIM_MODELS \(Book\): unknown switch "sometimes"/);
      expect(readMigrationConfig(APP, {})).to.equal(undefined);
      expect(readMigrationConfig(APP, { LB3_SHIM_MODELS: 'Book' })!.migratedDir).to.equal(MIGRATED);
    });
  });
});

describe('migration: /openapi.json with Book native', function () {
  this.timeout(60000);

  it("lists each native route once, with LB3's operation for its slot (the contract clients see), and the other models from LB3", async () => {
    const lb3Shim = await bootWith('lb3');
    await lb3Shim.ready();
    const lb3Doc = (await request(lb3Shim.handler).get('/openapi.json').expect(200)).body;
    const shim = await bootWith('native');
    await shim.ready();
    const doc = (await request(shim.handler).get('/openapi.json').expect(200)).body;
    expect(doc.paths, "Book's native routes are documented as LB3 documents them").to.deep.equal(lb3Doc.paths);
    const byId = doc.paths['/api/Books/{id}'];
    expect(byId.get.operationId).to.equal('Book.findById');
    expect(byId.get.tags).to.deep.equal(['Book']);
    expect(byId.get.parameters.map((p: any) => p.name)).to.deep.equal(['id', 'filter'], 'the request options are not a client parameter');
    expect(doc.paths['/api/Books/count'].get.operationId).to.equal('Book.count');
    expect(byId.get.parameters.find((p: any) => p.name === 'filter').schema, 'filter is a JSON string, as LB3 parses it').to.deep.equal({
      type: 'string',
      format: 'JSON',
    });
    expect([doc.paths['/api/Books/{id}/replace'].post.operationId, byId.put.operationId].sort()).to.deep.equal([
      'Book.replaceById__post_Books_{id}_replace',
      'Book.replaceById__put_Books_{id}',
    ]);
    const ids: string[] = [];
    for (const item of Object.values<any>(doc.paths)) for (const op of Object.values<any>(item)) if (op && op.operationId) ids.push(op.operationId);
    expect(ids.filter((id) => id === 'Book.findById')).to.have.length(1);
    expect(new Set(ids).size, 'operationIds are unique').to.equal(ids.length);
    expect(doc.paths['/api/Authors/{id}'].get.operationId, 'LB3 models documented by LB3').to.match(/^Author\.findById/);
    expect(doc.paths['/api/Books'].put, 'routes not written natively keep their LB3 operation')
      .to.have.property('operationId')
      .that.matches(/^Book\.replaceOrCreate/);
  });
});

describe("migration: Book's own remote hooks become its interceptors", function () {
  this.timeout(60000);
  const hooksOf = (shim: Shim, event: string[]) => {
    let node = shim.lb3App.remotes().listenerTree;
    for (const part of event) node = node?.[part];
    return ([] as Array<(ctx: object, next: () => void) => unknown>).concat(node._listeners);
  };

  it('skips afterRemote("find") of book.js for natively answered requests, where the @intercept interceptor sets the header', async () => {
    const shim = await bootWith('native');
    const set = sinon.spy(shim.lb3App.response, 'set');
    const res = await request(shim.handler).get('/api/Books').expect(200);
    set.restore();
    expect(
      set.getCalls().filter((c) => c.args[0] === 'X-Book-Count'),
      'set once, by the interceptor; the LB3 hook skipped',
    ).to.have.length(1);
    expect(res.headers['x-book-count']).to.equal('3');
    expect(res.headers['x-library'], 'app-level ** hook still ran').to.equal('open');
    expect(res.headers['x-shared-class'], 'app-level Book.* hook still ran').to.equal('Book');
    const [own] = hooksOf(shim, ['after', 'Book', 'find']);
    expect(own.name).to.equal('gatedModelHook');
    // a request LB3 answers still runs the original hook
    const lb3Ctx = { res: { set: sinon.spy() }, result: [1, 2] };
    await new Promise<void>((resolve) => own(lb3Ctx, resolve));
    expect(lb3Ctx.res.set.calledWith('X-Book-Count', '2')).to.equal(true);
  });

  it('keeps app-level wildcard hooks and afterRemoteError ungated', async () => {
    const shim = await bootWith('native');
    expect(hooksOf(shim, ['before', '**']).every((fn) => fn.name !== 'gatedModelHook')).to.equal(true);
    expect(hooksOf(shim, ['afterError', 'Book', 'findById']).every((fn) => fn.name !== 'gatedModelHook')).to.equal(true);
    const res = await request(shim.handler).post('/api/Books').set('Authorization', 'bob-token').send({ title: 'Hooked' }).expect(200);
    expect(res.body.isbn, 'the native defaultIsbn interceptor').to.equal('pending');
  });
});
