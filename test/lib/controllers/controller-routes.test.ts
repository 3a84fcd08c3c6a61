import { expect } from 'chai';
import {
  api,
  authenticate,
  authorize,
  controllerRoutes,
  del,
  get,
  getControllerMetadata,
  intercept,
  param,
  patch,
  post,
  requestBody,
  type ControllerMetadata,
} from '../../../lib/controllers';
import type { Interceptor, RequestContext, RouteSpec } from '../../../lib/rest/types';

const logA: Interceptor = (_ctx, next) => next();
const logB: Interceptor = (_ctx, next) => next();
const logC: Interceptor = (_ctx, next) => next();
const logD: Interceptor = (_ctx, next) => next();

@api({ basePath: '/products', tags: ['Product'] })
@intercept(logA)
@authorize({ role: 'reader' })
class ProductController {
  constructor(readonly label = 'default') {}

  @get('/{id}', { summary: 'Find one' })
  findById(@param.path.number('id') id: number, @param.query.object('filter') filter?: object) {
    return { id, filter, label: this.label };
  }

  @post('/', { status: 201 })
  @intercept(logB, logC)
  @intercept(logD)
  @authenticate({ strategies: ['token'] })
  create(@requestBody({ schema: { type: 'object', required: ['name'] } }) data: object) {
    return data;
  }

  @patch('/{id}')
  @authorize({ role: 'writer' })
  update(@param.path.string('id') id: string, @requestBody() data: object, @param.header.string('x-trace') trace?: string) {
    return { id, data, trace };
  }

  @del('/{id}', { status: 204 })
  remove(@param.path.integer('id') _id: number) {}

  notARoute() {}
}

function byOp(routes: RouteSpec[], method: string): RouteSpec {
  const r = routes.find((x) => x.operation.operationId === `ProductController.${method}`);
  if (!r) throw new Error(`no route for ${method}`);
  return r;
}

describe('controllerRoutes (decorators)', () => {
  const routes = controllerRoutes(ProductController, () => new ProductController());

  it('creates one route per decorated method only', () => {
    expect(routes.map((r) => `${r.verb} ${r.path}`)).to.have.members(['get /products/:id', 'post /products', 'patch /products/:id', 'delete /products/:id']);
  });

  it('builds the OpenAPI operation with parameters, tags and the default 200 response', () => {
    const op = byOp(routes, 'findById').operation;
    expect(op).to.deep.equal({
      summary: 'Find one',
      operationId: 'ProductController.findById',
      tags: ['Product'],
      responses: { '200': { description: 'Return value of ProductController.findById' } },
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'number' } },
        { name: 'filter', in: 'query', schema: { type: 'object' } },
      ],
    });
  });

  it('uses spec.status as the success response and adds a required JSON request body at its argument index', () => {
    const op = byOp(routes, 'create').operation;
    expect(op.responses).to.have.keys(['201']);
    expect(op.requestBody).to.deep.equal({
      required: true,
      content: { 'application/json': { schema: { type: 'object', required: ['name'] } } },
    });
    expect(op['x-body-index']).to.equal(0);
    expect(op.parameters).to.equal(undefined);
    expect(byOp(routes, 'remove').operation.responses).to.have.keys(['204']);
  });

  it('keeps the body index between parameters', () => {
    const op = byOp(routes, 'update').operation;
    expect(op['x-body-index']).to.equal(1);
    expect(op.parameters!.map((p) => p.name)).to.deep.equal(['id', 'x-trace']);
  });

  it('orders interceptors controller-level first, then method-level in written order', () => {
    expect(byOp(routes, 'create').interceptors).to.deep.equal([logA, logB, logC, logD]);
    expect(byOp(routes, 'findById').interceptors).to.deep.equal([logA]);
  });

  it('stores @authenticate in RouteSpec.authenticate and @authorize in meta.authorize (method overrides class)', () => {
    expect(byOp(routes, 'create').authenticate).to.deep.equal({ required: true, strategies: ['token'] });
    expect(byOp(routes, 'findById').authenticate).to.equal(undefined);
    expect(byOp(routes, 'findById').meta).to.deep.equal({ authorize: { role: 'reader' } });
    expect(byOp(routes, 'update').meta).to.deep.equal({ authorize: { role: 'writer' } });
  });

  it('invokes the method on the instance resolved for each call', async () => {
    const ctxs: RequestContext[] = [];
    let n = 0;
    const [route] = controllerRoutes(ProductController, (ctx) => {
      ctxs.push(ctx);
      return new ProductController(`instance-${++n}`);
    }).filter((r) => r.verb === 'get');
    const ctx1 = { state: {} } as unknown as RequestContext;
    const ctx2 = { state: {} } as unknown as RequestContext;
    expect(await route.invoke([7, { a: 1 }], ctx1)).to.deep.equal({ id: 7, filter: { a: 1 }, label: 'instance-1' });
    expect(await route.invoke([8, undefined], ctx2)).to.deep.equal({ id: 8, filter: undefined, label: 'instance-2' });
    expect(ctxs).to.deep.equal([ctx1, ctx2]);
    expect(ctxs[0]).to.equal(ctx1);
  });
});

describe('controllerRoutes (data form and registration errors)', () => {
  class Plain {
    hello(name: string) {
      return `hello ${name}`;
    }
  }

  it('builds routes from plain ControllerMetadata without decorators', async () => {
    const metadata: ControllerMetadata = {
      basePath: '/greet/',
      methods: {
        hello: { verb: 'get', path: '{name}', params: [{ name: 'name', in: 'path', schema: { type: 'string' } }], hidden: true },
      },
    };
    const [route] = controllerRoutes(Plain, () => new Plain(), metadata);
    expect(route.path).to.equal('/greet/:name');
    expect(route.hidden).to.equal(true);
    expect(route.operation.tags).to.deep.equal(['Plain']);
    expect(route.operation.parameters).to.deep.equal([{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(await route.invoke(['bob'], {} as RequestContext)).to.equal('hello bob');
  });

  it('maps an empty method path to the base path', () => {
    const [route] = controllerRoutes(Plain, () => new Plain(), { basePath: '/greet', methods: { hello: { verb: 'get', path: '/' } } });
    expect(route.path).to.equal('/greet');
  });

  it('rejects metadata for a method the class does not have', () => {
    expect(() => controllerRoutes(Plain, () => new Plain(), { methods: { bye: { verb: 'get', path: '/bye' } } })).to.throw(
      /Controller Plain has route metadata for "bye"/,
    );
  });

  it('rejects a path parameter that is not in the path', () => {
    const metadata: ControllerMetadata = {
      methods: { hello: { verb: 'get', path: '/hello', params: [{ name: 'name', in: 'path' }] } },
    };
    expect(() => controllerRoutes(Plain, () => new Plain(), metadata)).to.throw(/path parameter "name" does not appear in the route path "\/hello"/);
  });

  it('rejects an argument without a source between decorated ones', () => {
    const metadata: ControllerMetadata = {
      methods: { hello: { verb: 'get', path: '/hello', params: [undefined, { name: 'q', in: 'query' }] } },
    };
    expect(() => controllerRoutes(Plain, () => new Plain(), metadata)).to.throw(/Plain.hello: argument #0 has no @param/);
  });

  it('rejects two verb decorators on one method', () => {
    expect(() => {
      class Twice {
        @get('/a')
        @post('/b')
        m() {}
      }
      return Twice;
    }).to.throw(/Twice.m already has @post\('\/b'\)/);
  });

  it('inherits routes from a decorated base class, the subclass overriding per method', () => {
    @api({ basePath: '/base' })
    class Base {
      @get('/one')
      one() {
        return 'base-one';
      }
      @get('/two')
      two() {
        return 'base-two';
      }
    }
    @api({ basePath: '/child' })
    class Child extends Base {
      @get('/deux')
      override two() {
        return 'child-two';
      }
    }
    const meta = getControllerMetadata(Child);
    expect(meta.basePath).to.equal('/child');
    expect(Object.keys(meta.methods)).to.have.members(['one', 'two']);
    const routes = controllerRoutes(Child, () => new Child());
    expect(routes.map((r) => r.path)).to.have.members(['/child/one', '/child/deux']);
    expect(getControllerMetadata(Base).methods.two.path).to.equal('/two');
  });
});
