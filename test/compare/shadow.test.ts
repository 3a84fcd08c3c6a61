import { expect } from 'chai';
import express from 'express';
import * as http from 'http';
import type { AddressInfo } from 'net';
import {
  createShadow,
  defaultCompare,
  handlerSecondary,
  httpSecondary,
  type ShadowMismatch,
  type ShadowRequest,
  type ShadowResponse,
} from '../../compare/shadow';

function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      }),
    ),
  );
}

function request(url: string, method = 'GET'): Promise<{ status: number; body: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, ms: Date.now() - t0 }));
      })
      .on('error', reject)
      .end();
  });
}

describe('shadow mode (lib/rest/shadow)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  function appWith(secondary: (req: ShadowRequest) => Promise<ShadowResponse>, mismatches: ShadowMismatch[], match?: (req: http.IncomingMessage) => boolean) {
    const shadow = createShadow({ name: 'test', secondary, match, onMismatch: (m) => mismatches.push(m) });
    const app = express();
    app.use(shadow.middleware);
    app.get('/items/:id', (req, res) => res.json({ id: Number(req.params.id), name: 'primary' }));
    app.post('/items', (_req, res) => res.status(201).json({ created: true }));
    app.delete('/items/:id', (_req, res) => res.status(204).end());
    return { app, shadow };
  }

  it('answers a GET from the primary and counts a mismatch when the secondary differs', async () => {
    const mismatches: ShadowMismatch[] = [];
    const seen: ShadowRequest[] = [];
    const { app, shadow } = appWith(async (req) => {
      seen.push(req);
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { id: 1, name: 'secondary' } };
    }, mismatches);
    const server = await listen(app);
    close = server.close;
    const res = await request(`${server.url}/items/1?x=1`);
    expect(res).to.include({ status: 200, body: '{"id":1,"name":"primary"}' });
    await shadow.idle();
    expect(shadow.stats).to.deep.equal({ shadowed: 1, matched: 0, mismatched: 1, failed: 0, skipped: 0 });
    expect(seen.map((r) => `${r.method} ${r.url}`)).to.deep.equal(['GET /items/1?x=1']);
    expect(mismatches[0].differences).to.deep.equal(['body: primary={"id":1,"name":"primary"} secondary={"id":1,"name":"secondary"}']);
    expect(mismatches[0].primary.body).to.deep.equal({ id: 1, name: 'primary' });
  });

  it('counts a match when both answers agree, HEAD included', async () => {
    const { app, shadow } = appWith(
      async (req) => ({
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: req.method === 'HEAD' ? '' : { id: 2, name: 'primary' },
      }),
      [],
    );
    const server = await listen(app);
    close = server.close;
    await request(`${server.url}/items/2`);
    await request(`${server.url}/items/2`, 'HEAD');
    await shadow.idle();
    expect(shadow.stats).to.include({ shadowed: 2, matched: 2, mismatched: 0 });
  });

  it('never shadows POST, PUT, PATCH or DELETE, even when match says yes', async () => {
    let calls = 0;
    const { app, shadow } = appWith(
      async () => {
        calls++;
        return { status: 500, headers: {}, body: '' };
      },
      [],
      () => true,
    );
    const server = await listen(app);
    close = server.close;
    expect((await request(`${server.url}/items`, 'POST')).status).to.equal(201);
    expect((await request(`${server.url}/items/1`, 'DELETE')).status).to.equal(204);
    await shadow.idle();
    expect(calls).to.equal(0);
    expect(shadow.stats.shadowed).to.equal(0);
  });

  it('runs the secondary after the response is sent, so a slow secondary adds no latency', async () => {
    let started = 0;
    let answered = 0;
    const { app, shadow } = appWith(async () => {
      started = Date.now();
      await new Promise((r) => setTimeout(r, 400));
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { id: 3, name: 'primary' } };
    }, []);
    const server = await listen(app);
    close = server.close;
    const res = await request(`${server.url}/items/3`);
    answered = Date.now();
    expect(res.ms).to.be.below(300);
    await shadow.idle();
    expect(started).to.be.greaterThan(0);
    expect(answered).to.be.below(started + 400);
    expect(shadow.stats.matched).to.equal(1);
  });

  it('counts a failing secondary without affecting the response', async () => {
    const errors: unknown[] = [];
    const shadow = createShadow({
      secondary: async () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    const app = express()
      .use(shadow.middleware)
      .get('/x', (_req, res) => res.send('ok'));
    const server = await listen(app);
    close = server.close;
    expect((await request(`${server.url}/x`)).body).to.equal('ok');
    await shadow.idle();
    expect(shadow.stats).to.include({ shadowed: 1, failed: 1 });
    expect((errors[0] as Error).message).to.equal('boom');
  });

  it('skips requests the matcher rejects', async () => {
    let calls = 0;
    const { app, shadow } = appWith(
      async () => {
        calls++;
        return { status: 200, headers: {}, body: '' };
      },
      [],
      (req) => req.url!.startsWith('/other'),
    );
    const server = await listen(app);
    close = server.close;
    await request(`${server.url}/items/1`);
    await shadow.idle();
    expect(calls).to.equal(0);
  });

  it('httpSecondary and handlerSecondary replay the request elsewhere', async () => {
    const legacy = await listen((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ url: req.url, from: 'legacy' }));
    });
    try {
      const viaUrl = await httpSecondary(legacy.url)({ method: 'GET', url: '/a?b=1', headers: {} });
      expect(viaUrl).to.deep.include({ status: 200, body: { url: '/a?b=1', from: 'legacy' } });
      const inProcess = handlerSecondary((_req, res) => res.end('text'));
      const viaHandler = await inProcess.fetch({ method: 'GET', url: '/z', headers: {} });
      await inProcess.close();
      expect(viaHandler.body).to.equal('text');
    } finally {
      await legacy.close();
    }
  });

  it('defaultCompare reports status, content type and body', () => {
    const a: ShadowResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: { a: 1 } };
    expect(defaultCompare(a, { ...a })).to.deep.equal([]);
    expect(defaultCompare(a, { status: 404, headers: { 'content-type': 'text/html' }, body: 'x' })).to.deep.equal([
      'status: primary=200 secondary=404',
      'content-type: primary="application/json" secondary="text/html"',
      'body: primary={"a":1} secondary="x"',
    ]);
  });
});
