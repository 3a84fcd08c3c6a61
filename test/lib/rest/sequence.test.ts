import { expect } from 'chai';
import request from 'supertest';
import sinon from 'sinon';
import { HttpError } from '../../../lib/errors/http-error';
import { KEYS } from '../../../lib/keys';
import { RequestContext } from '../../../lib/rest/request-context';
import type { AuthenticationStrategy, Authorizer, Interceptor } from '../../../lib/rest/types';
import { delay, spec, testServer } from './rest-fixtures';

/** A server whose every step records itself in `events`; `failAt` makes one step throw. */
function tracedServer(failAt?: string) {
  const events: string[] = [];
  const fail = (step: string) => {
    events.push(step);
    if (step === failAt) throw new HttpError(418, `failed in ${step}`, { code: step.toUpperCase() });
  };
  const strategy: AuthenticationStrategy = { name: 'trace', authenticate: () => (fail('authenticate'), { id: 'u1' }) };
  const authorizer: Authorizer = { name: 'trace', authorize: () => (fail('authorize'), 'allow') };
  const interceptor: Interceptor = async (_ctx, next) => {
    fail('interceptor');
    return next();
  };
  const t = testServer({}, { strategies: [strategy], authorizers: [authorizer], interceptors: [interceptor] });
  t.server.route(
    spec('get', '/trace', () => (fail('invoke'), 'ok'), {
      parseArgs: () => (fail('parseArgs'), []),
      send: (ctx, result) => {
        fail('send');
        ctx.response.json({ result });
      },
    }),
  );
  return { ...t, events };
}

describe('Sequence', () => {
  it('runs parseArgs, authenticate, authorize, interceptors, invoke and send in that order', async () => {
    const { server, events } = tracedServer();
    const res = await request(server.handler).get('/trace').expect(200);
    expect(res.body).to.deep.equal({ result: 'ok' });
    expect(events).to.deep.equal(['parseArgs', 'authenticate', 'authorize', 'interceptor', 'invoke', 'send']);
  });

  for (const step of ['parseArgs', 'authenticate', 'authorize', 'interceptor', 'invoke', 'send']) {
    it(`rejects with the error writer when ${step} throws, and runs no later step`, async () => {
      const { server, events } = tracedServer(step);
      const res = await request(server.handler).get('/trace').expect(418);
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.body).to.deep.equal({ error: { statusCode: 418, name: 'Error', message: `failed in ${step}`, code: step.toUpperCase() } });
      expect(events[events.length - 1]).to.equal(step);
    });
  }

  for (const step of ['authorize', 'interceptor', 'invoke']) {
    it(`hands a ${step} error to the route's onError, which may replace it`, async () => {
      const t = tracedServer(step);
      const seen: string[] = [];
      t.server.route(
        spec(
          'get',
          '/guarded',
          () => {
            throw new HttpError(418, 'failed in invoke', { code: 'INVOKE' });
          },
          {
            onError: (_ctx, err) => {
              seen.push((err as Error).message);
              return new HttpError(409, 'replaced', { code: 'REPLACED' });
            },
          },
        ),
      );
      const res = await request(t.server.handler).get('/guarded').expect(409);
      expect(res.body.error).to.include({ message: 'replaced', code: 'REPLACED' });
      expect(seen).to.deep.equal([step === 'invoke' ? 'failed in invoke' : `failed in ${step}`]);
    });
  }

  it('does not hand argument-parsing errors to onError', async () => {
    const { server } = testServer({});
    const onError = sinon.spy((_ctx: unknown, err: unknown) => err);
    server.route(
      spec('get', '/bad-args', () => 'never', {
        parseArgs: () => {
          throw new HttpError(400, 'bad');
        },
        onError,
      }),
    );
    await request(server.handler).get('/bad-args').expect(400);
    expect(onError.called).to.equal(false);
  });

  it('answers 401 AUTHENTICATION_REQUIRED when an authorizer denies an anonymous caller', async () => {
    const { server } = testServer({}, { authorizers: [{ name: 'no', authorize: () => 'deny' }] });
    server.route(spec('get', '/secret', () => 'never'));
    const res = await request(server.handler).get('/secret').expect(401);
    expect(res.body.error).to.deep.include({ code: 'AUTHENTICATION_REQUIRED', name: 'UnauthorizedError' });
  });

  it('answers 403 ACCESS_DENIED when an authorizer denies an authenticated caller', async () => {
    const seen: unknown[] = [];
    const { server } = testServer(
      {},
      {
        strategies: [{ name: 'header', authenticate: (ctx) => (ctx.request.headers['x-user'] ? { id: String(ctx.request.headers['x-user']) } : undefined) }],
        authorizers: [
          { name: 'abstains', authorize: () => 'abstain' },
          { name: 'admins-only', authorize: (req) => (seen.push(req.principal?.id), req.principal?.roles?.includes('admin') ? 'allow' : 'deny') },
        ],
      },
    );
    server.route(spec('get', '/secret', () => 'never'));
    const res = await request(server.handler).get('/secret').set('X-User', 'bob').expect(403);
    expect(res.body.error).to.deep.include({ code: 'ACCESS_DENIED', statusCode: 403 });
    expect(seen).to.deep.equal(['bob']);
  });

  it('answers 401 for a route requiring authentication even when no strategy is registered', async () => {
    const { server } = testServer();
    const invoke = sinon.spy();
    server.route(spec('get', '/me', invoke, { authenticate: { required: true } }));
    await request(server.handler).get('/me').expect(401);
    expect(invoke.called).to.equal(false);
  });

  it('only asks the strategies a route names', async () => {
    const calls: string[] = [];
    const strategy = (name: string): AuthenticationStrategy => ({ name, authenticate: () => (calls.push(name), undefined) });
    const { server } = testServer({}, { strategies: [strategy('a'), strategy('b')] });
    server.route(spec('get', '/only-b', () => 'x', { authenticate: { strategies: ['b'] } }));
    await request(server.handler).get('/only-b').expect(200);
    await request(server.handler).get('/only-b').expect(200);
    expect(calls).to.deep.equal(['b', 'b']);
  });

  it('stops at the first strategy returning a principal', async () => {
    const calls: string[] = [];
    const { server } = testServer(
      {},
      {
        strategies: [
          { name: 'a', authenticate: () => (calls.push('a'), { id: 1 }) },
          { name: 'b', authenticate: () => (calls.push('b'), { id: 2 }) },
        ],
      },
    );
    server.route(spec('get', '/who', (_args, ctx) => ctx.principal));
    const res = await request(server.handler).get('/who').expect(200);
    expect(res.body).to.deep.equal({ id: 1 });
    expect(calls).to.deep.equal(['a']);
  });

  it('passes the parsed arguments to invoke', async () => {
    const { server } = testServer();
    server.route(spec('get', '/sum/:a/:b', ([a, b]) => (a as number) + (b as number), { parseArgs: (ctx) => [Number(ctx.params.a), Number(ctx.params.b)] }));
    const res = await request(server.handler).get('/sum/2/40').expect(200);
    expect(res.body).to.equal(42);
  });

  it('creates no awilix scope unless the route reads ctx.scope', async () => {
    const { server, container } = testServer();
    const createScope = sinon.spy(container, 'createScope');
    server.route(spec('get', '/plain', () => 'plain'));
    server.route(spec('get', '/scoped', (_args, ctx) => ctx.scope.resolve(KEYS.REQUEST_CONTEXT) === ctx && ctx.scope === ctx.scope));
    await request(server.handler).get('/plain').expect(200);
    expect(createScope.callCount).to.equal(0);
    const res = await request(server.handler).get('/scoped').expect(200);
    expect(res.body).to.equal(true);
    expect(createScope.callCount).to.equal(1);
  });

  it('gives each of 50 concurrent requests its own RequestContext, scope and principal', async () => {
    const { server } = testServer({}, { strategies: [{ name: 'hdr', authenticate: (ctx) => ({ id: String(ctx.request.headers['x-user']) }) }] });
    const contexts = new Set<unknown>();
    server.route(
      spec('get', '/echo/:n', async (_args, ctx) => {
        contexts.add(ctx);
        await delay(Math.floor(Math.random() * 20));
        const scoped = ctx.scope.resolve<RequestContext>(KEYS.REQUEST_CONTEXT);
        return {
          n: ctx.params.n,
          user: ctx.scope.resolve<{ id: string }>(KEYS.PRINCIPAL).id,
          sameContext: scoped === ctx,
          url: ctx.scope.resolve<{ url: string }>(KEYS.REQUEST).url,
        };
      }),
    );
    await server.start();
    try {
      const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => request(server.url!).get(`/echo/${i}`).set('X-User', `user${i}`)));
      responses.forEach((res, i) => {
        expect(res.status).to.equal(200);
        expect(res.body).to.deep.equal({ n: String(i), user: `user${i}`, sameContext: true, url: `/echo/${i}` });
      });
      expect(contexts.size).to.equal(50);
    } finally {
      await server.stop();
    }
  });

  it('hands errors to express error middleware when handleErrors is false', async () => {
    const { server } = testServer({ handleErrors: false });
    server.route(spec('get', '/boom', () => Promise.reject(new HttpError(409, 'conflict'))));
    server.middleware(
      (err: HttpError, _req, _res, next) => {
        err.message = `seen by app middleware: ${err.message}`;
        next(err);
      },
      { phase: 'final' },
    );
    const res = await request(server.handler).get('/boom').expect(409);
    expect(res.body.error.message).to.equal('seen by app middleware: conflict');
  });

  it('resolves the error writer from the container when one is bound', async () => {
    const { server, container } = testServer();
    const { asValue } = await import('awilix');
    container.register(
      KEYS.ERROR_WRITER,
      asValue({ write: (err: Error, _req: unknown, res: import('express').Response) => res.status(599).send(`custom: ${err.message}`) }),
    );
    server.route(
      spec('get', '/boom', () => {
        throw new Error('bad');
      }),
    );
    const res = await request(server.handler).get('/boom').expect(599);
    expect(res.text).to.equal('custom: bad');
  });

  it('answers 204 with no body for an undefined result', async () => {
    const { server } = testServer();
    server.route(spec('delete', '/thing', () => undefined));
    const res = await request(server.handler).delete('/thing').expect(204);
    expect(res.text).to.equal('');
    expect(res.headers['content-length']).to.equal(undefined);
  });

  it('uses the first 2xx status of operation.responses and keeps express ETag and X-Powered-By', async () => {
    const { server } = testServer();
    server.route(spec('post', '/things', () => ({ id: 7 }), { operation: { responses: { default: {}, '201': {} } } }));
    server.route(spec('get', '/things/7', () => ({ id: 7 })));
    const created = await request(server.handler).post('/things').expect(201);
    expect(created.body).to.deep.equal({ id: 7 });
    const got = await request(server.handler).get('/things/7').expect(200);
    expect(got.headers['x-powered-by']).to.equal('Express');
    expect(got.headers.etag).to.match(/^W\/"8-/);
    expect(got.headers['content-type']).to.equal('application/json; charset=utf-8');
    await request(server.handler).get('/things/7').set('If-None-Match', got.headers.etag).expect(304);
  });

  it('sends null as JSON rather than 204', async () => {
    const { server } = testServer();
    server.route(spec('get', '/null', () => null));
    const res = await request(server.handler).get('/null').expect(200);
    expect(res.text).to.equal('null');
  });
});
