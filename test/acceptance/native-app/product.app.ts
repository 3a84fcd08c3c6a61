// A native lb3-shim app built on lib/ alone: the example docs/architecture.md shows.
import {
  Application,
  HttpError,
  JugglerCrudRepository,
  defineModel,
  api,
  get,
  post,
  patch,
  put,
  del,
  param,
  requestBody,
  intercept,
  authenticate,
  authorize,
  type Interceptor,
  type AuthenticationStrategy,
  type Authorizer,
  type RequestContext,
} from '../../../index';

/** Order in which interceptors ran, for the tests. */
export const trace: string[] = [];

const timing: Interceptor = async (_ctx, next) => {
  trace.push('global:before');
  try {
    return await next();
  } finally {
    trace.push('global:after');
  }
};

/** Method-level: rewrites the result of `discount` and maps its errors. */
const rounding: Interceptor = async (_ctx, next) => {
  trace.push('method:before');
  try {
    const result = (await next()) as { price: number };
    trace.push('method:after');
    return { ...result, price: Math.round(result.price * 100) / 100 };
  } catch (err) {
    if ((err as HttpError).statusCode === 404) throw new HttpError(404, 'No such product to discount', { code: 'NO_PRODUCT' });
    throw err;
  }
};

/** `Authorization: Bearer <user>` → principal; `Bearer bad` → 401. */
const bearer: AuthenticationStrategy = {
  name: 'bearer',
  authenticate(ctx: RequestContext) {
    const header = ctx.request.headers.authorization;
    if (!header) return undefined;
    const user = header.replace(/^Bearer /, '');
    if (user === 'bad') throw new HttpError(401, 'Invalid token', { code: 'INVALID_TOKEN' });
    return { id: user, roles: user === 'admin' ? ['admin'] : [] };
  },
};

/** Routes marked `@authorize({ roles: [...] })` need one of the roles. */
const roles: Authorizer = {
  name: 'roles',
  authorize({ route, principal }) {
    const needed = (route.meta?.authorize as { roles?: string[] } | undefined)?.roles;
    if (!needed) return 'abstain';
    return principal?.roles?.some((r) => needed.includes(r)) ? 'allow' : 'deny';
  },
};

@api({ basePath: '/products' })
export class ProductController {
  readonly #products: JugglerCrudRepository;
  constructor({ 'repositories.Product': products }: { 'repositories.Product': JugglerCrudRepository }) {
    this.#products = products;
  }

  @get('/')
  find(@param.query.object('filter') filter?: object) {
    return this.#products.find(filter);
  }

  @get('/{id}')
  findById(@param.path.number('id') id: number) {
    return this.#products.findById(id);
  }

  @post('/', { status: 200 })
  create(
    @requestBody({ schema: { type: 'object', required: ['name', 'price'], properties: { name: { type: 'string' }, price: { type: 'number' } } } }) data: object,
  ) {
    return this.#products.create(data);
  }

  @patch('/{id}')
  async update(@param.path.number('id') id: number, @requestBody() data: object) {
    await this.#products.updateById(id, data);
  }

  @put('/{id}')
  async replace(@param.path.number('id') id: number, @requestBody() data: object) {
    await this.#products.replaceById(id, data);
  }

  @del('/{id}')
  @authenticate({ required: true })
  @authorize({ roles: ['admin'] })
  async remove(@param.path.number('id') id: number) {
    await this.#products.deleteById(id);
  }

  /** The custom method: a discounted price, rounded by its interceptor. */
  @get('/{id}/discount')
  @intercept(rounding)
  async discount(@param.path.number('id') id: number, @param.query.number('percent', { required: true }) percent: number) {
    trace.push('invoke');
    const p = (await this.#products.findById(id)) as unknown as { toJSON(): { price: number } };
    const product = p.toJSON();
    return { ...product, price: product.price * (1 - percent / 100) };
  }
}

/** Per-request controller: sees only its own request's principal, even under concurrency. */
@api({ basePath: '/me' })
export class MeController {
  readonly #principal: unknown;
  constructor({ principal }: { principal?: unknown }) {
    this.#principal = principal;
  }

  @get('/')
  async whoami(@param.query.number('delay') delay?: number) {
    await new Promise((resolve) => setTimeout(resolve, delay ?? 0));
    return { principal: this.#principal ?? null };
  }
}

/** Build the app; the caller starts it. */
export function createProductApp(): Application {
  const app = new Application({ name: 'products', rest: { port: 0, host: '127.0.0.1' } });
  app.dataSource('db', { connector: 'memory' });
  const ds = app.resolve('datasources.db');
  const Product = defineModel(ds, {
    name: 'Product',
    properties: { id: { type: 'number', id: true, generated: true }, name: { type: 'string', required: true }, price: { type: 'number', required: true } },
  });
  app.repository('Product', { value: new JugglerCrudRepository(Product) });
  app.controller(ProductController);
  app.controller(MeController, { lifetime: 'scoped' });
  app.interceptor(timing, { name: 'timing' });
  app.authenticationStrategy(bearer);
  app.authorizer(roles);
  return app;
}
