import { expect } from 'chai';
import request from 'supertest';
import { createShim, type Shim } from '../../compat';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

/** An LB3 app built in code, with one model, no boot. */
function inlineApp() {
  const app = loopback({ localRegistry: true, loadBuiltinModels: true });
  app.dataSource('db', { connector: 'memory' });
  const Widget = app.registry.createModel('Widget', { name: { type: 'string', required: true } }, { base: 'PersistedModel' });
  app.model(Widget, { dataSource: 'db' });
  return app;
}

describe('compat live LB3 app (createShim({ lb3App }))', () => {
  let shim: Shim;
  let lb3App: any;

  beforeEach(async () => {
    lb3App = inlineApp();
    shim = await createShim({ lb3App }, { errorHandler: { log: false } });
  });
  afterEach(() => shim.stop());

  it('serves the models that existed at start under /api', async () => {
    await request(shim.handler).post('/api/Widgets').send({ name: 'w1' }).expect(200, { name: 'w1', id: 1 });
    await request(shim.handler).get('/api/Widgets/1').expect(200, { name: 'w1', id: 1 });
    const res = await request(shim.handler).get('/api/Widgets/2').expect(404);
    expect(res.body.error).to.include({ message: 'Unknown "Widget" id "2".', code: 'MODEL_NOT_FOUND' });
  });

  it('binds datasources and repositories of the LB3 app in the core container', async () => {
    expect(shim.app.resolve('datasources.db')).to.equal(lb3App.dataSources.db);
    const repo = shim.app.resolve<any>('repositories.Widget');
    expect(repo.modelClass).to.equal(lb3App.models.Widget);
    await repo.create({ name: 'from-repo' });
    await request(shim.handler).get('/api/Widgets/count').expect(200, { count: 1 });
  });

  it('serves a model and a remote method added at runtime, and lists them in /openapi.json', async () => {
    const Gadget = lb3App.registry.createModel('Gadget', { label: 'string' }, { base: 'PersistedModel' });
    lb3App.model(Gadget, { dataSource: 'db' });
    Gadget.greet = function (name: string, cb: (err: unknown, greeting?: string) => void) {
      cb(null, `hello ${name}`);
    };
    Gadget.remoteMethod('greet', {
      accepts: { arg: 'name', type: 'string' },
      returns: { arg: 'greeting', type: 'string' },
      http: { verb: 'get' },
    });

    await request(shim.handler).post('/api/Gadgets').send({ label: 'g' }).expect(200, { label: 'g', id: 1 });
    await request(shim.handler).get('/api/Gadgets/greet?name=bob').expect(200, { greeting: 'hello bob' });
    expect(shim.app.resolve<any>('repositories.Gadget').modelClass).to.equal(Gadget);

    await shim.ready();
    const spec = (await request(shim.handler).get('/openapi.json').expect(200)).body;
    expect(spec.paths).to.have.property('/api/Gadgets/greet');
    expect(spec.paths['/api/Gadgets/greet']).to.have.property('get');
    expect(spec.paths).to.have.property('/api/Widgets/{id}');
  });

  it('stops routing a method disabled at runtime (GET then falls into findById, as in LB3)', async () => {
    await request(shim.handler).get('/api/Widgets/count').expect(200, { count: 0 });
    lb3App.models.Widget.disableRemoteMethodByName('count');
    const res = await request(shim.handler).get('/api/Widgets/count').expect(404);
    expect(res.body.error.message).to.equal('Unknown "Widget" id "count".');
    await shim.ready();
    const spec = (await request(shim.handler).get('/openapi.json').expect(200)).body;
    expect(spec.paths).to.not.have.property('/api/Widgets/count');
  });

  it('gives remote methods the request as LB3 does (baseUrl of the class mount, url relative to it, remotingContext)', async () => {
    const Widget = lb3App.models.Widget;
    Widget.whereAmI = function (req: any, cb: (err: unknown, r?: unknown) => void) {
      cb(null, { baseUrl: req.baseUrl, url: req.url, method: req.remotingContext.methodString, id: req.params.id });
    };
    Widget.remoteMethod('whereAmI', {
      accepts: { arg: 'req', type: 'object', http: { source: 'req' } },
      returns: { arg: 'where', type: 'object', root: true },
      http: { verb: 'get', path: '/:id/where' },
    });
    await request(shim.handler)
      .get('/api/widgets/7/where?x=1')
      .expect(200, { baseUrl: '/api/widgets', url: '/7/where?x=1', method: 'Widget.whereAmI', id: '7' });
  });

  it('answers misses under /api with the LB3 not-found messages', async () => {
    const nope = await request(shim.handler).get('/api/Nopes?x=1').expect(404);
    expect(nope.body.error.message).to.equal('There is no method to handle GET /Nopes?x=1');
    const del = await request(shim.handler).delete('/api/Widgets?x=1').expect(404);
    expect(del.body.error.message).to.equal('Shared class "Widget" has no method handling DELETE /?x=1');
    const post = await request(shim.handler).post('/api/Widgets/1').expect(404);
    expect(post.body.error.message).to.equal('Shared class "Widget" has no method handling POST /1');
  });

  it('hands requests outside /api to the LB3 app itself', async () => {
    lb3App.get('/hello', (_req: any, res: any) => res.send('from lb3'));
    await request(shim.handler).get('/hello').expect(200, 'from lb3');
  });

  it('listens on start({ port: 0 }) and stops', async () => {
    await shim.start({ port: 0, host: '127.0.0.1' });
    expect(shim.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    await request(shim.url!).get('/api/Widgets').expect(200, []);
    await shim.stop();
    expect(shim.url).to.equal(undefined);
  });
});
