import { expect } from 'chai';
import express from 'express';
import type { Shim } from '../../../compat';
import { corePhaseFor } from '../../../compat/middleware/middleware.adapter';
import { buildInlineApp, send, serveShim, serveStock, type Req } from './inline-auth-app';

/** Middleware in many phases that records the order it ran in (and what it saw). */
function installMiddleware(app: any): void {
  const log: string[] = (app.mwLog = []);
  const mark = (name: string) =>
    function (req: any, _res: unknown, next: () => void) {
      log.push(
        `${name} url=${req.url} base=${req.baseUrl} app=${req.app === app} token=${req.accessToken === undefined ? 'unset' : req.accessToken && req.accessToken.id}`,
      );
      next();
    };
  app.middleware('initial', mark('initial'));
  app.middleware('initial:before', mark('initial:before'));
  app.middleware('auth', mark('auth'));
  app.middleware('parse', '/api', mark('parse /api'));
  app.middleware('routes:before', mark('routes:before'));
  app.middleware('routes:after', mark('routes:after'));
  app.middleware('files', mark('files'));
  app.middleware('final:before', mark('final:before'));
  app.defineMiddlewarePhases(['routes', 'custom-after-routes', 'files']);
  app.middleware('custom-after-routes', mark('custom-after-routes'));
  app.use(mark('app.use'));
  app.param('who', (req: any, _res: unknown, next: () => void, who: string) => {
    log.push(`param who=${who}`);
    req.who = who.toUpperCase();
    next();
  });
  app.get('/hello/:who', (req: any, res: any) => {
    log.push(`route hello ${req.params.who}`);
    res.json({ hello: req.params.who, shout: req.who, app: req.app === app });
  });
  const router = express.Router();
  router.get('/ping', (req: any, res: any) => res.send(`pong ${req.baseUrl}`));
  router.get('/boom', () => {
    throw Object.assign(new Error('boom in a router'), { statusCode: 422, code: 'BOOM' });
  });
  app.use('/r', router);
  app.middleware('final', (err: any, _req: unknown, _res: unknown, next: (e: unknown) => void) => {
    log.push(`error mw final ${err.statusCode} ${err.message}`);
    next(err);
  });
}

const CASES: Array<{ name: string; path: string; req?: Req }> = [
  { name: 'a REST route', path: '/api/Widgets' },
  { name: 'a REST route with a token', path: '/api/Notes/1?access_token=alice-token' },
  { name: 'a REST error (ACL denial) goes through the app error middleware', path: '/api/Notes/1' },
  { name: 'a REST miss (LB3 not-found)', path: '/api/Nope' },
  { name: 'a custom route (app.get) with a param', path: '/hello/ann' },
  { name: 'a mounted express router', path: '/r/ping' },
  { name: 'an error thrown in a router reaches strong-error-handler', path: '/r/boom' },
  { name: 'an unknown path (urlNotFound)', path: '/nowhere?x=1' },
  { name: 'a malformed JSON body under /api', path: '/api/Widgets', req: { method: 'POST', body: '{"a":', headers: { 'content-type': 'application/json' } } },
];

describe('compat middleware.json / app middleware as core phases (shim vs stock LB3)', function () {
  this.timeout(30000);
  let stockApp: any;
  let shimApp: any;
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;

  before(async () => {
    stockApp = await buildInlineApp({ setup: installMiddleware });
    shimApp = await buildInlineApp({ setup: installMiddleware });
    stock = await serveStock(stockApp);
    shim = await serveShim(shimApp);
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
  });

  for (const c of CASES) {
    it(`runs each middleware once, in LB3's phase order: ${c.name}`, async () => {
      stockApp.mwLog.length = 0;
      shimApp.mwLog.length = 0;
      const a = await send(stock.url, c.path, c.req);
      const b = await send(shim.url!, c.path, c.req);
      expect(b).to.deep.equal(a);
      expect(shimApp.mwLog).to.deep.equal(stockApp.mwLog);
      expect(stockApp.mwLog.length).to.be.greaterThan(3);
    });
  }

  it('gives user code the LB3 app as req.app', async () => {
    const res = await send(shim.url!, '/hello/bob');
    expect(res.body).to.deep.equal({ hello: 'bob', shout: 'BOB', app: true });
    expect(shimApp.mwLog.every((l: string) => !l.includes('app=false'))).to.equal(true);
  });

  it('serves middleware and routes added to the LB3 app after the shim was built', async () => {
    for (const app of [stockApp, shimApp]) app.get('/late', (_req: any, res: any) => res.send('late route'));
    expect((await send(stock.url, '/late')).body).to.equal('late route');
    expect((await send(shim.url!, '/late')).body).to.equal('late route');
  });
});

describe('compat LB3 phase → core phase mapping', () => {
  const lb3Phases = ['initial', 'session', 'auth', 'parse', 'routes', 'custom', 'files', 'final', 'afterfinal'];
  it('keeps standard phases, puts app.use layers before routes and final:after into final', () => {
    expect(corePhaseFor('auth:before', lb3Phases)).to.equal('auth:before');
    expect(corePhaseFor('routes', lb3Phases)).to.equal('routes');
    expect(corePhaseFor(undefined, lb3Phases)).to.equal('routes:before');
    expect(corePhaseFor('final:after', lb3Phases)).to.equal('final');
  });

  it('maps a custom phase after the standard phase before it, and skips express built-ins', () => {
    expect(corePhaseFor('custom', lb3Phases)).to.equal('routes:after');
    expect(corePhaseFor('custom:before', lb3Phases)).to.equal('routes:after');
    expect(corePhaseFor('afterfinal', lb3Phases)).to.equal('final');
    expect(corePhaseFor({ builtin: true }, lb3Phases)).to.equal(undefined);
  });
});
