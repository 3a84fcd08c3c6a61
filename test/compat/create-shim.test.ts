import { expect } from 'chai';
import request from 'supertest';
import { createShim, type Shim } from '../../compat';
import { Lb3BootError } from '../../compat/boot/boot-errors';
import { StrongErrorWriter } from '../../compat/middleware/strong-error.writer';
import { KEYS } from '../../lib/keys';
import { fixtureDir } from '../support/paths';

describe('compat createShim({ appDir }) on the demo fixture', () => {
  let shim: Shim;
  before(async () => {
    shim = await createShim({ appDir: fixtureDir('demo') });
  });
  after(() => shim.stop());

  it('configures the core from the LB3 config: basePath, body limits, express-like router, no core 404', () => {
    const o = shim.app.restServer.options;
    expect(shim.restApiRoot).to.equal('/api');
    expect(o.basePath).to.equal('/api');
    const { depthExempt, ...bodyParser } = o.bodyParser || {};
    expect(bodyParser).to.eql({ json: { limit: '100kb', strict: false }, urlencoded: { limit: '100kb', extended: true }, maxDepth: 5000 });
    expect(depthExempt!([1])).to.equal(true);
    expect(o.router).to.eql({ caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true });
    expect(o.notFound).to.equal(false);
    expect(o.mountRest).to.equal(false);
    expect(o.host).to.equal('127.0.0.1');
    expect(shim.app.resolve(KEYS.ERROR_WRITER)).to.be.instanceOf(StrongErrorWriter);
  });

  it('serves LB3 REST routes case-insensitively, with trailing and duplicate slashes', async () => {
    const all = (await request(shim.handler).get('/api/Products').expect(200)).body;
    expect(all).to.be.an('array').that.has.length.above(0);
    await request(shim.handler).get('/api/products/').expect(200, all);
    await request(shim.handler).get('/API//PRODUCTS').expect(200, all);
  });

  it('keeps LB3 route order: HEAD /findOne is exists("findOne") and GET /findOne is findOne', async () => {
    await request(shim.handler).head('/api/Products/findOne').expect(404);
    const one = await request(shim.handler).get('/api/Products/findOne').expect(200);
    expect(one.body).to.have.property('id');
  });

  it('lets the LB3 app answer everything outside /api (its routes, its urlNotFound)', async () => {
    await request(shim.handler).get('/ping').expect(200, 'pong');
    const res = await request(shim.handler).get('/nope?x=1').expect(404);
    expect(res.body.error.message).to.equal('Cannot GET /nope?x=1');
  });

  it('lists the LB3 endpoints in /openapi.json under /api', async () => {
    const spec = (await request(shim.handler).get('/openapi.json').expect(200)).body;
    expect(spec.paths).to.have.property('/api/Products');
    expect(spec.paths['/api/Products']).to.have.keys(['get', 'post', 'put', 'patch']);
    expect(spec.paths).to.have.property('/api/Products/{id}');
  });
});

describe('compat createShim on a broken app', () => {
  it('rejects with an Lb3BootError naming the file', async () => {
    const err = await createShim({ appDir: fixtureDir('broken-datasource') }).then(
      () => undefined,
      (e) => e,
    );
    expect(err).to.be.instanceOf(Lb3BootError);
    expect(err.message).to.equal('server/model-config.json: Thing is referencing a dataSource that does not exist: "nosuchdb"');
  });
});

describe('compat createShim extras (/openapi.json, /explorer) by env and option', function () {
  this.timeout(30000);
  const cases: Array<[string, Record<string, unknown>, number, number]> = [
    ['on in development', { env: 'development' }, 200, 200],
    ['off in production', { env: 'production' }, 404, 404],
    ['openApi: true in production serves the document only', { env: 'production', openApi: true }, 200, 404],
    ['explorer: true in production needs the document: both', { env: 'production', openApi: true, explorer: true }, 200, 200],
    ['explorer: false in development', { env: 'development', explorer: false }, 200, 404],
    ['openApi: false in development turns the explorer off too', { env: 'development', openApi: false }, 404, 404],
  ];
  for (const [title, options, spec, explorer] of cases) {
    it(`${title}: /openapi.json ${spec}, /explorer/ ${explorer}`, async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loopback = require('loopback');
      const lb3App = loopback();
      lb3App.middleware('final', loopback.urlNotFound()); // as middleware.json puts it
      const shim = await createShim({ lb3App }, options);
      try {
        expect(shim.openApiPath).to.equal(spec === 200 ? '/openapi.json' : undefined);
        expect(shim.explorerPath).to.equal(explorer === 200 ? '/explorer' : undefined);
        await request(shim.handler).get('/openapi.json').expect(spec);
        await request(shim.handler).get('/explorer/').expect(explorer);
      } finally {
        await shim.stop();
      }
    });
  }
});
