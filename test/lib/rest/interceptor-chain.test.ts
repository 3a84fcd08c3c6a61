import { expect } from 'chai';
import request from 'supertest';
import { buildInterceptorChain } from '../../../lib/rest/interceptor-chain';
import { HttpError } from '../../../lib/errors/http-error';
import type { Interceptor, InvocationContext } from '../../../lib/rest/types';
import { spec, testServer } from './rest-fixtures';

function invocation(args: unknown[] = []): InvocationContext {
  return { args, requestContext: {} as InvocationContext['requestContext'], route: {} as InvocationContext['route'] };
}

const tracing =
  (name: string, log: string[]): Interceptor =>
  async (_ctx, next) => {
    log.push(`${name}:before`);
    const result = await next();
    log.push(`${name}:after`);
    return result;
  };

describe('buildInterceptorChain', () => {
  it('runs interceptors outermost first around the target', async () => {
    const log: string[] = [];
    const chain = buildInterceptorChain([tracing('a', log), tracing('b', log)], () => (log.push('target'), 'r'));
    expect(await chain(invocation())).to.equal('r');
    expect(log).to.deep.equal(['a:before', 'b:before', 'target', 'b:after', 'a:after']);
  });

  it('lets an interceptor replace the result and exposes each level result as ctx.result', async () => {
    const seen: unknown[] = [];
    const outer: Interceptor = async (ctx, next) => {
      await next();
      seen.push(ctx.result);
      return { wrapped: ctx.result };
    };
    const inner: Interceptor = async (_ctx, next) => ((await next()) as number) * 2;
    const ctx = invocation();
    expect(await buildInterceptorChain([outer, inner], () => 21)(ctx)).to.deep.equal({ wrapped: 42 });
    expect(seen).to.deep.equal([42]);
    expect(ctx.result).to.deep.equal({ wrapped: 42 });
  });

  it('lets an interceptor replace arguments before the target runs', async () => {
    const chain = buildInterceptorChain([(ctx, next) => ((ctx.args[0] = 'patched'), next())], (ctx) => ctx.args[0]);
    expect(await chain(invocation(['original']))).to.equal('patched');
  });

  it('lets an interceptor rewrite or swallow the target error', async () => {
    const rewrite: Interceptor = async (_ctx, next) => {
      try {
        return await next();
      } catch (err) {
        throw new HttpError(409, `rewritten: ${(err as Error).message}`);
      }
    };
    const swallow: Interceptor = async (_ctx, next) => next().catch(() => 'recovered');
    const target = () => {
      throw new Error('boom');
    };
    const rejection = await buildInterceptorChain([rewrite], target)(invocation()).catch((e: HttpError) => e);
    expect(rejection).to.be.instanceOf(HttpError);
    expect((rejection as HttpError).statusCode).to.equal(409);
    expect((rejection as HttpError).message).to.equal('rewritten: boom');
    expect(await buildInterceptorChain([swallow], target)(invocation())).to.equal('recovered');
  });

  it('short-circuits when an interceptor does not call next', async () => {
    let called = false;
    const chain = buildInterceptorChain([() => 'cached'], () => (called = true));
    expect(await chain(invocation())).to.equal('cached');
    expect(called).to.equal(false);
  });

  it('turns a synchronous throw of the target into a rejection', async () => {
    const chain = buildInterceptorChain([], () => {
      throw new Error('sync');
    });
    const promise = chain(invocation());
    expect(promise).to.be.instanceOf(Promise);
    expect(((await promise.catch((e) => e)) as Error).message).to.equal('sync');
  });
});

describe('Route interceptors on a RestServer', () => {
  it('runs global interceptors before route interceptors before invoke', async () => {
    const log: string[] = [];
    const { server, interceptors } = testServer();
    interceptors.push(tracing('global', log));
    server.route(spec('get', '/x', () => (log.push('invoke'), 'done'), { interceptors: [tracing('route1', log), tracing('route2', log)] }));
    const res = await request(server.handler).get('/x').expect(200);
    expect(res.body).to.equal('done');
    expect(log).to.deep.equal(['global:before', 'route1:before', 'route2:before', 'invoke', 'route2:after', 'route1:after', 'global:after']);
  });

  it('turns an interceptor error into the error response and its result into the body', async () => {
    const { server } = testServer();
    server.route(spec('get', '/deny', () => 'never', { interceptors: [() => Promise.reject(new HttpError(423, 'locked'))] }));
    server.route(spec('get', '/wrap', () => 1, { interceptors: [async (_c, next) => ({ value: await next() })] }));
    const denied = await request(server.handler).get('/deny').expect(423);
    expect(denied.body.error.message).to.equal('locked');
    const wrapped = await request(server.handler).get('/wrap').expect(200);
    expect(wrapped.body).to.deep.equal({ value: 1 });
  });

  it('relinks existing routes when the global interceptors changed at the next route change', async () => {
    const log: string[] = [];
    const { server, interceptors } = testServer();
    server.route(spec('get', '/early', () => 'early'));
    interceptors.push(tracing('late-global', log));
    server.route(spec('get', '/other', () => 'other'));
    await request(server.handler).get('/early').expect(200);
    expect(log).to.deep.equal(['late-global:before', 'late-global:after']);
  });
});
