/**
 * Errors of LB3 apps are rendered by the app's own error handler: with
 * `handleErrors: true` by strong-remoting's (which bundles its own
 * strong-error-handler, 3.x for strong-remoting 3), otherwise by the
 * strong-error-handler installed for the app — whatever their versions, so
 * HTML and XML pages match stock byte for byte.
 */
import { expect } from 'chai';
import express from 'express';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { resolveLb3Packages } from '../../../compat/boot/lb3-packages';
import { StrongErrorWriter } from '../../../compat/middleware/strong-error.writer';
import type { Shim } from '../../../compat';
import { createShim } from '../../../compat';
import { projectRoot } from '../../support/paths';
import { buildInlineApp, serveStock } from '../security/inline-auth-app';

/** What a client can see of an error answer. */
async function fetchRaw(base: string, urlPath: string, accept?: string) {
  const res = await fetch(base + urlPath, { headers: accept ? { accept } : {} });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    nosniff: res.headers.get('x-content-type-options'),
    warning: res.headers.get('x-warning'),
    body: await res.text(),
  };
}

const NEGOTIATIONS: Array<{ name: string; accept?: string; query?: string }> = [
  { name: 'JSON by default' },
  { name: 'Accept: text/html', accept: 'text/html' },
  { name: 'a browser Accept', accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
  { name: 'Accept: application/xml', accept: 'application/xml' },
  { name: 'Accept: text/xml', accept: 'text/xml' },
  { name: '?_format=html', query: '_format=html' },
  { name: '?_format=xml', query: '_format=xml' },
  { name: '?_format=bogus', query: '_format=bogus' },
];

/** A 401 ACL denial, a 404 for an unknown method, a 500 from a rejected string, an Error with code and details. */
const FAILING = ['/api/Notes/1', '/api/Widgets/nope/nope', '/api/Widgets/rejectString', '/api/Widgets/invalid'];

function installFailures(app: any): void {
  const remoting = app.get('remoting');
  remoting.rest.handleErrors = true;
  remoting.errorHandler = { debug: false, log: false };
  const { Widget } = app.models;
  Widget.rejectString = () => Promise.reject('a string error');
  Widget.remoteMethod('rejectString', { http: { verb: 'get' } });
  Widget.invalid = (cb: (err: unknown) => void) =>
    cb(Object.assign(new Error('<b>bad</b> & "worse"'), { statusCode: 422, code: 'INVALID', details: { codes: { name: ['presence'] }, list: [1, 2] } }));
  Widget.remoteMethod('invalid', { http: { verb: 'get' } });
}

describe('compat error pages rendered by the handler stock LB3 uses (handleErrors: true)', function () {
  this.timeout(30000);
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;

  before(async () => {
    stock = await serveStock(await buildInlineApp({ setup: installFailures }));
    // no errorHandler option: the shim takes remoting.errorHandler, as strong-remoting does
    shim = await createShim({ lb3App: await buildInlineApp({ setup: installFailures }) });
    await shim.start({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
  });

  for (const urlPath of FAILING) {
    for (const n of NEGOTIATIONS) {
      it(`answers ${urlPath} with ${n.name} byte for byte as stock LB3`, async () => {
        const target = n.query ? `${urlPath}?${n.query}` : urlPath;
        const a = await fetchRaw(stock.url, target, n.accept);
        expect(a.status).to.be.at.least(400);
        expect(await fetchRaw(shim.url!, target, n.accept)).to.deep.equal(a);
      });
    }
  }
});

describe("StrongErrorWriter with the app's own strong-error-handler (handleErrors: false)", () => {
  let appDir: string;
  before(() => {
    // an app whose node_modules pins strong-error-handler 3.5 (HTML rendered with ejs, not handlebars as 6.x)
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-seh3-'));
    fs.mkdirSync(path.join(appDir, 'node_modules'));
    fs.symlinkSync(path.join(projectRoot, 'node_modules', 'strong-error-handler-3'), path.join(appDir, 'node_modules', 'strong-error-handler'), 'dir');
  });
  after(() => fs.rmSync(appDir, { recursive: true, force: true }));

  function appFailingWith(handler: express.ErrorRequestHandler): express.Express {
    const app = express();
    app.get('/fail', (_req, _res, next) => next(Object.assign(new Error('<i>gone</i>'), { statusCode: 404, code: 'GONE' })));
    app.use(handler);
    return app;
  }

  it('resolves strong-error-handler from the app directory, falling back to its own copy', () => {
    const fromApp = resolveLb3Packages(appDir).resolved['strong-error-handler'];
    expect(fromApp.from).to.equal('app');
    expect(JSON.parse(fs.readFileSync(path.join(fromApp.dir, 'package.json'), 'utf8')).version).to.match(/^3\./);
    expect(resolveLb3Packages(os.tmpdir()).resolved['strong-error-handler'].from).to.equal('shim');
  });

  for (const accept of ['text/html', 'application/xml', 'application/json']) {
    it(`writes ${accept} exactly as the app's strong-error-handler 3.x middleware does`, async () => {
      const seh = resolveLb3Packages(appDir).load<(o: object) => express.ErrorRequestHandler>('strong-error-handler');
      const options = { debug: false, log: false };
      const writer = new StrongErrorWriter({ lb3App: undefined, handleErrors: false, options, strongErrorHandler: seh });
      const expected = await request(appFailingWith(seh(options)))
        .get('/fail')
        .set('Accept', accept);
      const actual = await request(appFailingWith((err, req, res, _next) => writer.write(err, req, res)))
        .get('/fail')
        .set('Accept', accept);
      expect(actual.status).to.equal(404);
      expect(actual.headers['content-type']).to.equal(expected.headers['content-type']);
      expect(actual.text).to.equal(expected.text);
    });
  }

  it("differs from lb3-shim's own strong-error-handler 6 in HTML (so the test above can tell them apart)", async () => {
    const own = resolveLb3Packages().load<(o: object) => express.ErrorRequestHandler>('strong-error-handler');
    const old = resolveLb3Packages(appDir).load<(o: object) => express.ErrorRequestHandler>('strong-error-handler');
    const a = await request(appFailingWith(own({ log: false })))
      .get('/fail')
      .set('Accept', 'text/html');
    const b = await request(appFailingWith(old({ log: false })))
      .get('/fail')
      .set('Accept', 'text/html');
    expect(a.text).to.not.equal(b.text);
  });
});
