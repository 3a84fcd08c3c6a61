import { expect } from 'chai';
import { compileRoute, linkInterceptors, routeKey } from '../../../lib/rest/route-compiler';
import { successStatus } from '../../../lib/rest/send';
import type { InvocationContext, RequestContext, RouteSpec } from '../../../lib/rest/types';

const ctx = (args: unknown[]) => ({ args, requestContext: {} as RequestContext }) as unknown as InvocationContext;

describe('compileRoute', () => {
  it('fills the default argument parser and sender when the spec has none', () => {
    const route = compileRoute({ verb: 'get', path: '/x', operation: {}, invoke: () => 1 }, { id: 'GET /x' });
    expect(route.parseArgs).to.be.a('function');
    expect(route.send).to.be.a('function');
    expect(route.id).to.equal('GET /x');
  });

  it('keeps `this` of a class-based spec in invoke, parseArgs and send', async () => {
    class ProductsRoute implements RouteSpec {
      verb = 'get' as const;
      path = '/products';
      operation = {};
      prefix = 'p-';
      invoke(args: unknown[]) {
        return this.prefix + String(args[0]);
      }
      parseArgs() {
        return [this.prefix.length];
      }
    }
    const route = compileRoute(new ProductsRoute(), { id: 'GET /products' });
    expect(await route.parseArgs({} as RequestContext)).to.deep.equal([2]);
    expect(await route.call(ctx(['a']))).to.equal('p-a');
  });

  it('wraps global interceptors around route interceptors and can be relinked', async () => {
    const order: string[] = [];
    const route = compileRoute(
      { verb: 'post', path: '/y', operation: {}, invoke: () => (order.push('invoke'), 'r'), interceptors: [(_c, next) => (order.push('route'), next())] },
      { id: 'POST /y', globalInterceptors: [(_c, next) => (order.push('global'), next())] },
    );
    expect(await route.call(ctx([]))).to.equal('r');
    expect(order).to.deep.equal(['global', 'route', 'invoke']);
    order.length = 0;
    linkInterceptors(route, []);
    await route.call(ctx([]));
    expect(order).to.deep.equal(['route', 'invoke']);
  });

  it('names the route in the error for a spec without invoke', () => {
    expect(() => compileRoute({ verb: 'get', path: '/z', operation: {} } as unknown as RouteSpec, { id: 'x' })).to.throw(
      'Invalid route get /z: invoke must be a function.',
    );
  });

  it('derives ids as "VERB /path"', () => {
    expect(routeKey({ verb: 'delete', path: '/a/:id' })).to.equal('DELETE /a/:id');
  });
});

describe('successStatus', () => {
  it('picks the first 2xx response key and defaults to 200', () => {
    expect(successStatus({ responses: { '201': {}, '400': {} } })).to.equal(201);
    expect(successStatus({ responses: { default: {}, '404': {} } })).to.equal(200);
    expect(successStatus({})).to.equal(200);
  });
});
