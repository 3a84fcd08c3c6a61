/**
 * Streaming returns (catalogue §1 "Change stream"), side by side: the same
 * inline LB3 app served by stock LB3 and by the shim; both change streams are
 * opened, rows are created/deleted through the API, and the status, header
 * names and values (in order) and the first frames must be identical.
 */
import { expect } from 'chai';
import * as http from 'http';
import { AddressInfo } from 'net';
import { Readable } from 'stream';
import type { Shim } from '../../../compat';
import { buildStreamPrelude } from '../../../compat/remoting/stream-writer';

/** An LB3 remote method callback. */
type Callback = (err: unknown, ...results: unknown[]) => void;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createShim } = require('../../../compat');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

/** The app under test; each side gets its own instance (own memory datasource). */
function inlineApp(): any {
  const app = loopback({ localRegistry: true, loadBuiltinModels: true });
  app.set('remoting', { rest: { handleErrors: false, normalizeHttpPath: false } });
  app.dataSource('db', { connector: 'memory' });
  const Item = app.registry.createModel('Item', { name: 'string' }, { base: 'PersistedModel' });
  app.model(Item, { dataSource: 'db', public: true });

  const Feed = app.registry.createModel('Feed', {}, { base: 'Model' });
  app.model(Feed, { dataSource: null, public: true });
  const RS = { arg: 'changes', type: 'ReadableStream', json: true };
  const method = (name: string, returns: object, fn: (...a: any[]) => unknown) => {
    Feed[name] = fn;
    Feed.remoteMethod(name, { returns, http: { verb: 'get', path: `/${name}`, status: 201 } });
  };
  method('finite', RS, (cb: Callback) => cb(null, Readable.from([{ a: 1 }, 'x\ny', 3])));
  method('promised', RS, () => Promise.resolve(Readable.from([{ p: 1 }])));
  method('fails', RS, (cb: Callback) => {
    const s = new Readable({
      objectMode: true,
      read() {
        /* pushed below */
      },
    });
    s.push({ a: 1 });
    setTimeout(() => s.destroy(Object.assign(new Error('boom'), { code: 'E_BOOM', statusCode: 418 })), 30);
    cb(null, s);
  });
  method('nojson', { arg: 'changes', type: 'ReadableStream' }, (cb: Callback) => cb(null, Readable.from([1])));
  method('duplex', { ...RS, type: 'DuplexStream' }, (cb: Callback) => cb(null, Readable.from([1])));

  app.use('/api', loopback.rest());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  app.use(require('strong-error-handler')({ debug: false, log: false }));
  return app;
}

interface Side {
  name: 'stock' | 'shim';
  port: number;
  app: any;
  close(): Promise<void>;
}

async function startStock(): Promise<Side> {
  const app = inlineApp();
  const server = http.createServer(app);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    name: 'stock',
    app,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function startShim(): Promise<Side> {
  const app = inlineApp();
  const shim: Shim = await createShim({ lb3App: app }, { errorHandler: { debug: false, log: false } });
  await shim.start({ port: 0, host: '127.0.0.1' });
  return { name: 'shim', app, port: Number(new URL(shim.url!).port), close: () => shim.stop() };
}

interface Opened {
  status: number;
  /** [name, value] in wire order. */
  headers: Array<[string, string]>;
  body(): string;
  /** Resolves once the body satisfies `until` (rejects after a timeout with what arrived). */
  waitFor(until: (body: string) => boolean, ms?: number): Promise<string>;
  close(): void;
}

/** Open a streaming request and resolve once the headers arrived. */
function open(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, timeout: 5000 }, (res) => {
      let body = '';
      const waiters: Array<() => void> = [];
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        waiters.slice().forEach((w) => w());
      });
      res.on('error', () => undefined);
      const pairs: Array<[string, string]> = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
      resolve({
        status: res.statusCode!,
        headers: pairs,
        body: () => body,
        waitFor: (until, ms = 3000) =>
          new Promise<string>((ok, fail) => {
            const check = () => {
              if (!until(body)) return;
              clearTimeout(timer);
              waiters.splice(waiters.indexOf(check), 1);
              ok(body);
            };
            const timer = setTimeout(() => fail(new Error(`timeout; got ${JSON.stringify(body)}`)), ms);
            waiters.push(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path}`)));
    req.on('error', reject);
    req.end();
  });
}

/** A plain JSON request through the API. */
function call(port: number, method: string, path: string, json?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body: body ? JSON.parse(body) : undefined }));
    });
    req.on('error', reject);
    req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

/** Header pairs with the Date value masked (names and order are kept). */
const headerList = (o: Opened) => o.headers.map(([k, v]) => `${k}: ${/^date$/i.test(k) ? '<date>' : v}`);
/** mux-demux ids are random: replace each distinct id with its rank. */
function normalizeIds(body: string): string {
  const ids: string[] = [];
  return body.replace(/^\["([0-9a-f]+)"/gm, (_m, id: string) => {
    if (!ids.includes(id)) ids.push(id);
    return `["<id${ids.indexOf(id)}>"`;
  });
}
const observers = (side: Side, event: string) => (side.app.models.Item._observers[event] || []).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the stream carries once row `id` was created then deleted through the API. */
type Expected = (id: number) => string;
const SSE_CHANGES: Expected = (id) =>
  ':ok\n\n' +
  `event: data\ndata: {"target":${id},"data":{"name":"a","id":${id}},"type":"create"}\n\n` +
  `event: data\ndata: {"target":${id},"where":{"id":${id}},"type":"remove"}\n\n`;
const MUX_CHANGES: Expected = (id) =>
  '["<id0>","new",{"opts":{"writable":false,"readable":true}}]\n' +
  `["<id0>","data",{"target":${id},"data":{"name":"a","id":${id}},"type":"create"}]\n` +
  `["<id0>","data",{"target":${id},"where":{"id":${id}},"type":"remove"}]\n`;

describe('compat/remoting stream writer (change stream, side by side with stock LB3)', function () {
  this.timeout(30000);
  let sides: Side[] = [];

  beforeEach(async () => {
    sides = [await startStock(), await startShim()];
  });
  afterEach(async () => {
    await Promise.all(sides.map((s) => s.close()));
  });

  /** Open the change stream on one side, create and delete a row, return what arrived; the client then leaves. */
  async function changesOf(side: Side, path: string, headers: Record<string, string>, method: string, expected: Expected) {
    const stream = await open(side.port, path, headers, method);
    expect(observers(side, 'after save'), `${side.name}: observer while open`).to.equal(1);
    const created = await call(side.port, 'POST', '/api/Items', { name: 'a' });
    expect(created.status).to.equal(200);
    const id: number = created.body.id;
    expect((await call(side.port, 'DELETE', `/api/Items/${id}`)).body).to.eql({ count: 1 });
    const isMux = /boundary=NL/.test(stream.headers.find(([k]) => /content-type/i.test(k))?.[1] ?? '');
    const want = expected(id);
    await stream.waitFor((b) => (isMux ? normalizeIds(b) : b).length >= want.length);
    stream.close();
    // the stream is destroyed when the client leaves: LB3's model observers are gone
    for (let i = 0; i < 50 && observers(side, 'after save') + observers(side, 'after delete') > 0; i++) await sleep(10);
    expect(observers(side, 'after save'), `${side.name}: 'after save' observers after close`).to.equal(0);
    expect(observers(side, 'after delete'), `${side.name}: 'after delete' observers after close`).to.equal(0);
    return { status: stream.status, headers: headerList(stream), body: isMux ? normalizeIds(stream.body()) : stream.body(), want };
  }

  async function bothSides(path: string, headers: Record<string, string>, method: string, expected: Expected) {
    const [stock, shim] = [await changesOf(sides[0], path, headers, method, expected), await changesOf(sides[1], path, headers, method, expected)];
    expect(shim).to.eql(stock);
    expect(stock.body).to.equal(stock.want);
    return stock;
  }

  it('answers Server-Sent Events by default, with the stock headers in the stock order', async () => {
    const got = await bothSides('/api/Items/change-stream', {}, 'GET', SSE_CHANGES);
    expect(got.status).to.equal(200);
    expect(got.headers).to.eql([
      'X-Powered-By: Express',
      'Content-Encoding: x-no-compression',
      'Content-Type: text/event-stream',
      'Cache-Control: no-cache, no-transform',
      'Connection: keep-alive',
      'Date: <date>',
      'Transfer-Encoding: chunked',
    ]);
  });

  it('answers Server-Sent Events to Accept: text/event-stream and to POST', async () => {
    await bothSides('/api/Items/change-stream', { Accept: 'text/event-stream' }, 'GET', SSE_CHANGES);
    await bothSides('/api/Items/change-stream', {}, 'POST', SSE_CHANGES);
  });

  it('answers Server-Sent Events to ?_format=event-stream even when Accept asks for JSON', async () => {
    await bothSides('/api/Items/change-stream?_format=event-stream', { Accept: 'application/json' }, 'GET', SSE_CHANGES);
  });

  it('answers newline-delimited mux-demux frames to Accept: application/json', async () => {
    const got = await bothSides('/api/Items/change-stream', { Accept: 'application/json' }, 'GET', MUX_CHANGES);
    expect(got.headers.slice(0, 3)).to.eql(['X-Powered-By: Express', 'Content-Type: application/json; boundary=NL', 'Transfer-Encoding: chunked']);
  });

  /** A custom streaming method on both sides: the first `bytes` characters (normalized) and headers. */
  async function customStream(path: string, headers: Record<string, string>, until: (b: string) => boolean) {
    const out = [];
    for (const side of sides) {
      const s = await open(side.port, path, headers);
      const body = await s.waitFor(until).catch((e) => e.message as string);
      s.close();
      out.push({ status: s.status, headers: headerList(s), body: normalizeIds(body) });
    }
    expect(out[1]).to.eql(out[0]);
    return out[0];
  }

  it('sends an end event (SSE) or end+close frames (mux) when the stream ends, ignoring http.status', async () => {
    const sse = await customStream('/api/Feeds/finite', {}, (b) => b.endsWith('event: end\ndata: null\n\n'));
    expect(sse.status).to.equal(200);
    expect(sse.body).to.equal(':ok\n\nevent: data\ndata: {"a":1}\n\nevent: data\ndata: "x\\ny"\n\nevent: data\ndata: 3\n\nevent: end\ndata: null\n\n');
    const mux = await customStream('/api/Feeds/promised', { Accept: 'application/json' }, (b) => b.includes('"close"'));
    expect(mux.status).to.equal(200);
    expect(mux.body).to.equal(
      '["<id0>","new",{"opts":{"writable":false,"readable":true}}]\n' + '["<id0>","data",{"p":1}]\n["<id0>","end"]\n["<id0>","close"]\n',
    );
  });

  it('sends stream errors as an error event (SSE) or error, end and close frames (mux)', async () => {
    const sse = await customStream('/api/Feeds/fails', { Accept: 'text/event-stream' }, (b) => /event: error\ndata: .*\n\n$/.test(b));
    expect(sse.body).to.equal(':ok\n\nevent: data\ndata: {"a":1}\n\nevent: error\ndata: {"message":"boom","code":"E_BOOM","statusCode":418}\n\n');
    const mux = await customStream('/api/Feeds/fails', { Accept: 'application/json' }, (b) => b.includes('"close"'));
    expect(mux.body).to.equal(
      '["<id0>","new",{"opts":{"writable":false,"readable":true}}]\n["<id0>","data",{"a":1}]\n' +
        '["<id0>","error",{"message":"boom","code":"E_BOOM","statusCode":418}]\n["<id0>","end"]\n["<id0>","close"]\n',
    );
  });

  it('fails with 500 for stream descriptors strong-remoting does not support (no json:true, DuplexStream)', async () => {
    for (const path of ['/api/Feeds/nojson', '/api/Feeds/duplex']) {
      const [stock, shim] = [await call(sides[0].port, 'GET', path), await call(sides[1].port, 'GET', path)];
      expect(stock.status, path).to.equal(500);
      expect(shim).to.eql(stock);
    }
  });
});

describe('compat/remoting buildStreamPrelude', () => {
  const CHANGES = [{ arg: 'changes', type: 'ReadableStream', json: true }];
  function fakeCtx(headers: Record<string, string>, query: Record<string, string> = {}) {
    const set: Record<string, string> = {};
    const request = { headers, query, accepts: (t: string) => (headers.accept === 'application/json' ? false : t) };
    return {
      ctx: {
        request,
        response: {
          setHeader: (k: string, v: string) => {
            set[k] = v;
          },
        },
      } as any,
      set,
    };
  }

  it('is undefined for methods that do not return a JSON ReadableStream', () => {
    expect(buildStreamPrelude([{ arg: 'r', type: 'object' }])).to.equal(undefined);
    expect(buildStreamPrelude([{ arg: 'c', type: 'ReadableStream' }])).to.equal(undefined);
    expect(buildStreamPrelude([{ arg: 'c', type: 'DuplexStream', json: true }])).to.equal(undefined);
  });

  it('sets Content-Encoding: x-no-compression for event-stream requests only', () => {
    const prelude = buildStreamPrelude(CHANGES)!;
    const sse = fakeCtx({});
    prelude(sse.ctx);
    expect(sse.set).to.eql({ 'Content-Encoding': 'x-no-compression' });
    const mux = fakeCtx({ accept: 'application/json' });
    prelude(mux.ctx);
    expect(mux.set).to.eql({});
    const forced = fakeCtx({ accept: 'application/json' }, { _format: 'event-stream' });
    prelude(forced.ctx);
    expect(forced.set).to.eql({ 'Content-Encoding': 'x-no-compression' });
  });
});
