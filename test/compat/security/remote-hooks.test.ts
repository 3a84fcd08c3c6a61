import { expect } from 'chai';
import type { Shim } from '../../../compat';
import { buildInlineApp, send, serveShim, serveStock, type Req } from './inline-auth-app';

/** What a hook saw, in a form both servers produce identically. */
function seen(label: string, ctx: any): string {
  const args = Object.keys(ctx.args || {})
    .sort()
    .join(',');
  const result = ctx.result === undefined ? 'undefined' : JSON.stringify(ctx.result);
  const instance = ctx.instance ? `instance=${ctx.instance.name}` : 'no-instance';
  const error = ctx.error ? ` error=${ctx.error.statusCode}:${ctx.error.message}` : '';
  return `${label} ${ctx.methodString} method=${ctx.method.name} args=[${args}] result=${result} ${instance}${error}`;
}

/** Hooks of every pattern shape, registered in an order different from LB3's execution order. */
function installHooks(app: any): void {
  const log: string[] = (app.hookLog = []);
  const remotes = app.remotes();
  const { Widget, Note } = app.models;

  Widget.measure = function (n: number, cb: (err: unknown, r?: unknown) => void) {
    cb(null, { n });
  };
  Widget.remoteMethod('measure', {
    accepts: [{ arg: 'n', type: 'number', required: true }],
    returns: { arg: 'data', type: 'object', root: true },
    http: { verb: 'get' },
  });
  Widget.fail = function (cb: (err: unknown) => void) {
    const err: any = new Error('conflict!');
    err.statusCode = 409;
    cb(err);
  };
  Widget.remoteMethod('fail', { http: { verb: 'post' } });
  Widget.silent = function (cb: (err: unknown, r?: unknown) => void) {
    cb(null, { drop: 'me' });
  };
  Widget.remoteMethod('silent', { returns: { arg: 'data', type: 'object', root: true }, http: { verb: 'get' } });

  remotes.before('**', (ctx: any, next: () => void) => {
    log.push(seen('before **', ctx));
    next();
  });
  remotes.before('*.greet', (ctx: any, next: () => void) => {
    log.push(seen('before *.greet', ctx));
    next();
  });
  remotes.before('Widget.**', (ctx: any, next: () => void) => {
    log.push(seen('before Widget.**', ctx));
    next();
  });
  remotes.before('Widget.*', (ctx: any, next: () => void) => {
    log.push(seen('before Widget.*', ctx));
    next();
  });
  Widget.beforeRemote('greet', (ctx: any, unused: unknown, next: () => void) => {
    log.push(seen(`model before greet (2nd arg ${JSON.stringify(unused)})`, ctx));
    next();
  });
  remotes.before('Widget.greet', (ctx: any, _next: () => void) => {
    log.push(seen('before exact', ctx));
    return Promise.resolve();
  });
  Widget.beforeRemote('prototype.*', (ctx: any, _u: unknown, next: () => void) => {
    log.push(seen('model before prototype.*', ctx));
    next();
  });
  remotes.after('**', (ctx: any, next: () => void) => {
    log.push(seen('after **', ctx));
    next();
  });
  Widget.afterRemote('greet', (ctx: any, result: any, next: () => void) => {
    log.push(seen('model after greet', ctx));
    result.greeting += '!';
    next();
  });
  Widget.afterRemote('silent', (ctx: any, _r: unknown, next: () => void) => {
    ctx.result = undefined;
    next();
  });
  remotes.afterError('**', (ctx: any, next: () => void) => {
    log.push(seen('afterError **', ctx));
    next();
  });
  Widget.afterRemoteError('fail', (ctx: any, next: (err?: unknown) => void) => {
    log.push(seen('model afterError fail', ctx));
    const replaced: any = new Error('replaced by hook');
    replaced.statusCode = 418;
    next(replaced);
  });
  Note.afterRemoteError('**', (ctx: any, next: () => void) => {
    log.push(seen('Note afterError **', ctx));
    next();
  });
}

const CASES: Array<{ name: string; path: string; req?: Req }> = [
  { name: 'a static method: exact, M.*, M.**, *.m, ** before hooks; after hooks may change the result', path: '/api/Widgets/greet?name=ann' },
  { name: 'a prototype method: prototype hooks only, ctx.instance set', path: '/api/Widgets/1/rename', req: { method: 'POST', json: { name: 'renamed' } } },
  { name: 'a missing instance: no before hooks, afterError with the 404', path: '/api/Widgets/99/rename', req: { method: 'POST', json: { name: 'x' } } },
  { name: 'a built-in method (find)', path: '/api/Widgets' },
  { name: 'findById of a missing id: after hooks see null, no afterError', path: '/api/Widgets/42' },
  { name: 'an ACL denial: afterError only, ctx.error is the 401', path: '/api/Notes/1' },
  { name: 'a coercion error: no hooks at all', path: '/api/Widgets/measure?n=abc' },
  { name: 'a missing required argument: before hooks then afterError', path: '/api/Widgets/measure' },
  { name: 'afterError next(newErr) replaces the error', path: '/api/Widgets/fail', req: { method: 'POST' } },
  { name: 'an after hook setting ctx.result = undefined gives 204', path: '/api/Widgets/silent' },
];

describe('compat remote hooks (shim vs stock LB3, same inline app)', function () {
  this.timeout(30000);
  let stockApp: any;
  let shimApp: any;
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;

  before(async () => {
    stockApp = await buildInlineApp({ setup: installHooks });
    shimApp = await buildInlineApp({ setup: installHooks });
    stock = await serveStock(stockApp);
    shim = await serveShim(shimApp);
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
  });

  for (const c of CASES) {
    it(`runs hooks in LB3's order with LB3's ctx: ${c.name}`, async () => {
      stockApp.hookLog.length = 0;
      shimApp.hookLog.length = 0;
      const a = await send(stock.url, c.path, c.req);
      const b = await send(shim.url!, c.path, c.req);
      expect(b).to.deep.equal(a);
      expect(shimApp.hookLog).to.deep.equal(stockApp.hookLog);
      expect(stockApp.hookLog.length > 0).to.equal(!c.name.includes('coercion'));
    });
  }

  it('shows the expected order for a static method (pattern shape, not registration order)', async () => {
    shimApp.hookLog.length = 0;
    const res = await send(shim.url!, '/api/Widgets/greet?name=ann');
    expect(res.body).to.deep.equal({ greeting: 'hello ann from anonymous!' });
    expect(shimApp.hookLog.map((l: string) => l.split(' Widget.greet')[0])).to.deep.equal([
      'model before greet (2nd arg {})',
      'before exact',
      'before Widget.*',
      'before Widget.**',
      'before *.greet',
      'before **',
      'model after greet',
      'after **',
    ]);
  });

  it('applies hooks registered after the shim was built', async () => {
    for (const app of [stockApp, shimApp]) {
      app.models.Widget.afterRemote('find', (ctx: any, _r: unknown, next: () => void) => {
        ctx.res.set('X-Late-Hook', String(ctx.result.length));
        next();
      });
    }
    const a = await fetch(`${stock.url}/api/Widgets`);
    const b = await fetch(`${shim.url}/api/Widgets`);
    expect(a.headers.get('x-late-hook')).to.equal('1');
    expect(b.headers.get('x-late-hook')).to.equal('1');
  });
});

describe('compat remote hooks with custom strong-remoting phases', function () {
  this.timeout(30000);
  let stockApp: any;
  let shimApp: any;
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;

  function withPhases(app: any): void {
    installHooks(app);
    const remotes = app.remotes();
    remotes.phases.addBefore('invoke', 'audit').use((ctx: any, next: () => void) => {
      app.hookLog.push(seen('phase audit', ctx));
      next();
    });
    remotes.phases.addAfter('invoke', 'post').use((ctx: any, next: () => void) => {
      app.hookLog.push(seen('phase post', ctx));
      next();
    });
    remotes.registerPhaseHandler('audit', 'Widget.greet', (ctx: any, next: () => void) => {
      app.hookLog.push(seen('phase audit (Widget.greet only)', ctx));
      next();
    });
  }

  before(async () => {
    stockApp = await buildInlineApp({ setup: withPhases });
    shimApp = await buildInlineApp({ setup: withPhases });
    stock = await serveStock(stockApp);
    shim = await serveShim(shimApp);
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
  });

  for (const c of CASES) {
    it(`runs custom phases at their place: ${c.name}`, async () => {
      stockApp.hookLog.length = 0;
      shimApp.hookLog.length = 0;
      const a = await send(stock.url, c.path, c.req);
      const b = await send(shim.url!, c.path, c.req);
      expect(b).to.deep.equal(a);
      expect(shimApp.hookLog).to.deep.equal(stockApp.hookLog);
      expect(stockApp.hookLog.length > 0).to.equal(!c.name.includes('coercion'));
    });
  }

  it('runs the audit phase after ACL and before the before-hooks', async () => {
    shimApp.hookLog.length = 0;
    await send(shim.url!, '/api/Widgets/greet?name=ann');
    const labels = shimApp.hookLog.map((l: string) => l.split(' Widget.greet')[0]);
    expect(labels.slice(0, 3)).to.deep.equal(['phase audit', 'phase audit (Widget.greet only)', 'model before greet (2nd arg {})']);
    expect(labels[labels.length - 1]).to.equal('phase post');
  });
});

describe('compat remote hooks wiring', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loopback = require('loopback');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileSharedMethod } = require('../../../compat/routes/shared-method.route');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultRemotingKit } = require('../../../compat/remoting/remoting-kit');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RemotingPhases } = require('../../../compat/remoting/remoting-phases');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Lb3RemoteHooks } = require('../../../compat/remoting/remote-hooks.adapter');

  function app() {
    const a = loopback({ localRegistry: true, loadBuiltinModels: true });
    a.dataSource('db', { connector: 'memory' });
    a.model(a.registry.createModel('Thing', { name: 'string' }, { base: 'PersistedModel' }), { dataSource: 'db' });
    return a;
  }

  it('gives every LB3 route the hooks interceptor and onError', () => {
    const a = app();
    const sc = a
      .remotes()
      .classes()
      .find((c: any) => c.name === 'Thing');
    const sm = sc.methods().find((m: any) => m.name === 'find');
    const hooks = new Lb3RemoteHooks({ lb3App: a });
    const spec = compileSharedMethod({ sharedMethod: sm, sharedClass: sc, kit: defaultRemotingKit(), hooks }).toRouteSpec('get', '/Things');
    expect(spec.interceptors).to.deep.equal([hooks.interceptor]);
    expect(spec.onError).to.equal(hooks.onError);
    const bare = compileSharedMethod({ sharedMethod: sm, sharedClass: sc, kit: defaultRemotingKit() }).toRouteSpec('get', '/Things');
    expect(bare.interceptors).to.equal(undefined);
    expect(bare.onError).to.equal(undefined);
  });

  it("recognises strong-remoting's stock phase list, and a changed one", () => {
    const a = app();
    const phases = new RemotingPhases(a.remotes());
    expect(phases.isStock()).to.equal(true);
    a.remotes().phases.addBefore('invoke', 'custom');
    expect(phases.isStock()).to.equal(false);
  });

  it('skips hook lookups only when no hook of that kind can match', () => {
    const a = app();
    const hooks = new Lb3RemoteHooks({ lb3App: a });
    expect(hooks.mayHaveHooks('before')).to.equal(false);
    a.models.Thing.afterRemote('find', (_c: unknown, _r: unknown, next: () => void) => next());
    expect(hooks.mayHaveHooks('before')).to.equal(false);
    expect(hooks.mayHaveHooks('after')).to.equal(true);
    a.remotes().before('**', (_c: unknown, next: () => void) => next());
    expect(hooks.mayHaveHooks('before')).to.equal(true);
    expect(hooks.mayHaveHooks('afterError')).to.equal(false);
    // a listener on every event (`**` at the top) may match any kind
    a.remotes().on('**', (_c: unknown, next: () => void) => next());
    expect(hooks.mayHaveHooks('afterError')).to.equal(true);
  });
});
