import { expect } from 'chai';
import { createShim, type Shim } from '../../../compat';
import { buildInlineApp, send, serveShim, serveStock } from './inline-auth-app';

/** Methods and routes failing with values that are not Errors. */
function installFailures(app: any): void {
  const { Widget } = app.models;
  Widget.rejectString = () => Promise.reject('a string error');
  Widget.remoteMethod('rejectString', { http: { verb: 'get' } });
  Widget.cbNumber = (cb: (err: unknown) => void) => cb(404);
  Widget.remoteMethod('cbNumber', { http: { verb: 'get' } });
  Widget.throwsSync = () => {
    throw new Error('thrown synchronously');
  };
  Widget.remoteMethod('throwsSync', { http: { verb: 'get' } });
  Widget.afterRemoteError('cbNumber', () => {
    throw 'hook threw a string';
  });
  app.get('/throws-string', () => {
    throw 'route threw a string';
  });
  app.get('/next-object', (_req: unknown, _res: unknown, next: (e: unknown) => void) => next({ message: 'plain object', statusCode: 422, code: 'PLAIN' }));
}

const PATHS = ['/api/Widgets/rejectString', '/api/Widgets/cbNumber', '/api/Widgets/throwsSync', '/throws-string', '/next-object'];

describe('compat errors leaving the shim', function () {
  this.timeout(30000);
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;
  let bare: Shim;

  before(async () => {
    stock = await serveStock(await buildInlineApp({ setup: installFailures }));
    shim = await serveShim(await buildInlineApp({ setup: installFailures }));
    // an app with no error middleware of its own (nor loopback#rest): the core writer answers
    bare = await serveShim(await buildInlineApp({ setup: installFailures, middleware: false }));
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
    await bare?.stop();
  });

  for (const path of PATHS) {
    it(`answers ${path} like the app's strong-error-handler, with or without one in the app`, async () => {
      const a = await send(stock.url, path);
      expect(a.status).to.be.oneOf([422, 500]);
      expect(await send(shim.url!, path)).to.deep.equal(a);
      expect(await send(bare.url!, path)).to.deep.equal(a);
    });
  }

  it('keeps serving after all of them (nothing crashed)', async () => {
    expect((await send(shim.url!, '/api/Widgets/1')).status).to.equal(200);
    expect((await send(bare.url!, '/api/Widgets/1')).status).to.equal(200);
  });
});

describe('compat REST errors with strong-remoting handleErrors: true', function () {
  this.timeout(30000);
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;
  const setup = (app: any) => {
    // REST errors: strong-remoting's own handler with remoting.errorHandler (debug); others: the app's (prod)
    // (in place: strong-remoting keeps the object it was created with, as config.json gives it)
    const remoting = app.get('remoting');
    remoting.rest.handleErrors = true;
    remoting.errorHandler = { debug: true, log: false };
    installFailures(app);
  };

  before(async () => {
    stock = await serveStock(await buildInlineApp({ setup }));
    shim = await createShim({ lb3App: await buildInlineApp({ setup }) });
    await shim.start({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
  });

  const withoutStack = (body: any) => {
    if (body && body.error) delete body.error.stack;
    return body;
  };

  for (const path of ['/api/Notes/1', '/api/Nope', '/api/Widgets/cbNumber', '/api/Widgets/1?filter=x', '/nowhere']) {
    it(`answers ${path} with the handler LB3 uses for it`, async () => {
      const a = await send(stock.url, path);
      const b = await send(shim.url!, path);
      expect(b.status).to.equal(a.status);
      expect(withoutStack(b.body)).to.deep.equal(withoutStack(a.body));
    });
  }

  it('shows the REST debug details but not the app-level ones', async () => {
    expect((await send(shim.url!, '/api/Notes/1')).body).to.have.nested.property('error.code', 'AUTHORIZATION_REQUIRED');
    expect((await send(shim.url!, '/api/Widgets/cbNumber')).body).to.deep.equal({ error: { statusCode: 500, message: 'hook threw a string' } });
    expect((await send(shim.url!, '/api/Widgets/rejectString')).body).to.deep.equal({ error: { statusCode: 500, message: 'a string error' } });
    const outside = (await send(shim.url!, '/nowhere')).body as { error: Record<string, unknown> };
    expect(outside.error).to.not.have.property('stack');
  });
});
