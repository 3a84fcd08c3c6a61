import http from 'http';
import { expect } from 'chai';
import request from 'supertest';
import express from 'express';
import type { RouteSpec } from '../../../lib/rest/types';
import { delay, spec, testServer } from './rest-fixtures';

const echoBody = spec('post', '/echo', (_args, ctx) => ({ body: ctx.request.body ?? 'none' }));

function get(url: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

describe('RestServer', () => {
  describe('routing', () => {
    it('looks routes up relative to basePath, case-insensitively', async () => {
      const { server } = testServer({ basePath: '/api' });
      server.route(spec('get', '/products/:id', (_args, ctx) => ({ id: ctx.params.id, url: ctx.request.url, baseUrl: ctx.request.baseUrl })));
      const res = await request(server.handler).get('/API/Products/Ab1?x=1').expect(200);
      expect(res.body).to.deep.equal({ id: 'Ab1', url: '/Products/Ab1?x=1', baseUrl: '/API' });
      await request(server.handler).get('/products/1').expect(404);
    });

    it('strips basePath itself when restMiddleware is mounted without a path', async () => {
      const { server } = testServer({ basePath: '/api', mountRest: false });
      server.route(spec('get', '/ping', () => 'pong'));
      server.middleware(server.restMiddleware, { phase: 'routes' });
      expect((await request(server.handler).get('/api/ping').expect(200)).body).to.equal('pong');
      await request(server.handler).get('/apiping').expect(404);
      await request(server.handler).get('/ping').expect(404);
      // Requests outside basePath are not body-parsed either.
      await request(server.handler).post('/ping').set('Content-Type', 'application/json').send('{bad').expect(404);
    });

    it('calls next() on a route miss so later middleware can answer', async () => {
      const { server } = testServer({ basePath: '/api' });
      server.middleware((_req: express.Request, res: express.Response) => res.send('after rest'), { phase: 'routes:after' });
      expect((await request(server.handler).get('/api/unknown').expect(200)).text).to.equal('after rest');
    });

    it('serves HEAD from the GET route with the same headers and no body', async () => {
      const { server } = testServer();
      server.route(spec('get', '/item', () => ({ name: 'widget' })));
      const got = await request(server.handler).get('/item').expect(200);
      const head = await request(server.handler).head('/item').expect(200);
      expect(head.text).to.equal(undefined);
      expect(head.headers['content-length']).to.equal(got.headers['content-length']);
      expect(head.headers.etag).to.equal(got.headers.etag);
    });

    it('adds and removes routes after start', async () => {
      const { server } = testServer({ port: 0 });
      await server.start();
      try {
        const late = server.route(spec('get', '/late', () => 'late'));
        expect((await request(server.url!).get('/late').expect(200)).body).to.equal('late');
        server.removeRoute(late);
        await request(server.url!).get('/late').expect(404);
        expect(() => server.removeRoute('GET /late')).to.throw('Cannot remove route "GET /late": it is not registered.');
      } finally {
        await server.stop();
      }
    });

    it('gives routes with the same verb and path distinct ids', () => {
      const { server } = testServer();
      const a = server.route(spec('get', '/same', () => 1));
      const b = server.route(spec('GET' as 'get', '/same', () => 2));
      expect([a.id, b.id]).to.deep.equal(['GET /same', 'GET /same #2']);
      expect(b.verb).to.equal('get');
      expect(server.routes()).to.deep.equal([a, b]);
    });

    it('refuses a malformed route spec at registration, naming the route', () => {
      const { server } = testServer();
      expect(() => server.route({ verb: 'fetch', path: '/x', operation: {}, invoke: () => 1 } as unknown as RouteSpec)).to.throw(
        'Invalid route fetch /x: verb must be one of get, post, put, patch, delete, head, options.',
      );
      expect(() => server.route(spec('get', 'x', () => 1))).to.throw('Invalid route get x: path must be a string starting with "/".');
    });
  });

  describe('body parsing', () => {
    it('parses JSON (non-strict) and extended urlencoded bodies', async () => {
      const { server } = testServer();
      server.route(echoBody);
      const json = await request(server.handler)
        .post('/echo')
        .send({ a: [1, { b: true }] })
        .expect(200);
      expect(json.body).to.deep.equal({ body: { a: [1, { b: true }] } });
      const scalar = await request(server.handler).post('/echo').set('Content-Type', 'application/json').send('"just a string"').expect(200);
      expect(scalar.body).to.deep.equal({ body: 'just a string' });
      const form = await request(server.handler).post('/echo').type('form').send('a[b]=1&c=2').expect(200);
      expect(form.body).to.deep.equal({ body: { a: { b: '1' }, c: '2' } });
    });

    it('reads an empty application/json body as {} and leaves {} in req.body of a GET', async () => {
      const { server } = testServer();
      server.route(echoBody);
      server.route(spec('get', '/body', (_a, ctx) => ctx.request.body));
      const empty = await request(server.handler).post('/echo').set('Content-Type', 'application/json').set('Content-Length', '0').expect(200);
      expect(empty.body).to.deep.equal({ body: {} });
      expect((await request(server.handler).get('/body').expect(200)).body).to.deep.equal({});
    });

    it('answers 400 SyntaxError for malformed JSON, before looking up the route', async () => {
      const { server } = testServer({ basePath: '/api' });
      server.route(echoBody);
      for (const path of ['/api/echo', '/api/no-such-route']) {
        const res = await request(server.handler).post(path).set('Content-Type', 'application/json').send('{"a":').expect(400);
        expect(res.body.error).to.include({ statusCode: 400, name: 'SyntaxError' });
      }
    });

    it('answers 413 for a body over the 100kb default limit and honours a configured limit', async () => {
      const { server } = testServer();
      server.route(echoBody);
      const res = await request(server.handler)
        .post('/echo')
        .send({ big: 'x'.repeat(110 * 1024) })
        .expect(413);
      expect(res.body).to.deep.equal({ error: { statusCode: 413, name: 'PayloadTooLargeError', message: 'request entity too large' } });
      const small = testServer({ bodyParser: { json: { limit: 10 } } }).server;
      small.route(echoBody);
      await request(small.handler).post('/echo').send({ more: 'than ten bytes' }).expect(413);
    });

    it('leaves the body alone when bodyParser is false', async () => {
      const { server } = testServer({ bodyParser: false });
      server.route(echoBody);
      expect((await request(server.handler).post('/echo').send({ a: 1 }).expect(200)).body).to.deep.equal({ body: 'none' });
    });
  });

  describe('OpenAPI', () => {
    it('serves /openapi.json outside basePath, cached until routes or contributors change', async () => {
      const { server } = testServer({ basePath: '/api', openApi: { title: 'My API' } });
      let contributions = 0;
      server.addSpecContributor(() => (contributions++, { paths: {} }));
      server.route(spec('get', '/a', () => 1));
      const res = await request(server.handler).get('/openapi.json').expect(200);
      expect(res.body.openapi).to.match(/^3\./);
      expect(res.body.info.title).to.equal('My API');
      await request(server.handler).get('/openapi.json').expect(200);
      expect(contributions).to.equal(1);
      server.route(spec('get', '/b', () => 1));
      expect(server.openApiSpec()).to.not.equal(undefined);
      expect(contributions).to.equal(2);
    });

    it('mounts the explorer next to the document', async () => {
      const { server } = testServer({ openApi: {} });
      const res = await request(server.handler).get('/explorer/').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/html/);
      await request(testServer({ openApi: {}, explorer: false }).server.handler)
        .get('/explorer/')
        .expect(404);
    });

    it('serves no document when openApi is false', async () => {
      const { server } = testServer({ openApi: false });
      await request(server.handler).get('/openapi.json').expect(404);
    });
  });

  describe('createServer', () => {
    async function protosSeen(server: ReturnType<typeof testServer>['server']): Promise<{ born: object[]; body: string }> {
      const node = server.createServer();
      const born: object[] = [];
      // before the handler: what node created, not what express set
      node.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
        born.push(Object.getPrototypeOf(req), Object.getPrototypeOf(res)),
      );
      await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = node.address() as { port: number };
        const agent = new http.Agent({ keepAlive: false });
        const { body } = await get(`http://127.0.0.1:${port}/ping`, agent);
        return { born, body };
      } finally {
        await new Promise((resolve) => node.close(resolve));
      }
    }

    it('creates req/res with the prototypes express gives them, still node request/response objects', async () => {
      const { server } = testServer();
      server.route(spec('get', '/ping', (_args, ctx) => ctx.request instanceof http.IncomingMessage && ctx.response instanceof http.ServerResponse));
      const app = server.expressApp as unknown as { request: object; response: object };
      const { born, body } = await protosSeen(server);
      expect(body).to.equal('true');
      expect(born[0]).to.equal(app.request);
      expect(born[1]).to.equal(app.response);
    });

    it('uses the prototypes given by setRequestPrototypes, also for servers created before', async () => {
      const { server } = testServer();
      const app = server.expressApp as unknown as { request: object; response: object };
      const request = Object.create(app.request, { marker: { value: 'req' } });
      const response = Object.create(app.response, { marker: { value: 'res' } });
      server.route(spec('get', '/ping', (_args, ctx) => [(ctx.request as any).marker, (ctx.response as any).marker]));
      const before = server.createServer();
      server.setRequestPrototypes(request, response);
      before.close();
      const { born, body } = await protosSeen(server);
      expect(JSON.parse(body)).to.deep.equal(['req', 'res']);
      expect(born).to.deep.equal([request, response]);
    });
  });

  describe('start and stop', () => {
    it('listens on a free port with port 0 and reports its url', async () => {
      const { server } = testServer({ port: 0 });
      server.route(spec('get', '/ping', () => 'pong'));
      await server.start();
      try {
        expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect((await get(`${server.url}/ping`)).body).to.equal('"pong"');
      } finally {
        await server.stop();
      }
      expect(server.url).to.equal(undefined);
    });

    it('takes the listen address from start() over the options', async () => {
      const { server } = testServer({ port: 1, host: '0.0.0.0' });
      await server.start({ port: 0, host: '127.0.0.1' });
      try {
        expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(server.url).to.not.match(/:1$/);
      } finally {
        await server.stop();
      }
    });

    it('lets a slow in-flight request finish, refuses new connections, then resolves', async () => {
      const { server } = testServer({ port: 0 });
      let finished = false;
      server.route(
        spec('get', '/slow', async () => {
          await delay(300);
          finished = true;
          return 'done';
        }),
      );
      await server.start();
      const url = server.url!;
      const inFlight = get(`${url}/slow`);
      await delay(50);
      const stopped = server.stop().then(() => finished);
      expect(server.stop()).to.equal(server.stop()); // concurrent stop() calls share one drain
      await delay(20);
      const refused = await get(`${url}/slow`).then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code,
      );
      expect(refused).to.equal('ECONNREFUSED');
      expect(await inFlight).to.deep.equal({ status: 200, body: '"done"' });
      expect(await stopped).to.equal(true);
    });

    it('closes idle keep-alive connections instead of waiting for their timeout', async () => {
      const { server } = testServer({ port: 0 });
      server.route(spec('get', '/ping', () => 'pong'));
      await server.start();
      const agent = new http.Agent({ keepAlive: true });
      try {
        await get(`${server.url}/ping`, agent);
        const started = Date.now();
        await server.stop();
        expect(Date.now() - started).to.be.lessThan(1000);
      } finally {
        agent.destroy();
      }
    });

    it('cuts a request that outlives stopTimeout', async () => {
      const { server } = testServer({ port: 0, stopTimeout: 100 });
      server.route(spec('get', '/hang', () => new Promise(() => undefined)));
      await server.start();
      const hanging = get(`${server.url}/hang`).catch((err: NodeJS.ErrnoException) => err.code);
      await delay(30);
      const started = Date.now();
      await server.stop();
      expect(Date.now() - started).to.be.lessThan(1000);
      expect(await hanging).to.equal('ECONNRESET');
    });
  });
});
