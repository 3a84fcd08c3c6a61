import { expect } from 'chai';
import { bindingKeys, createRequestScope, ResolutionError } from '../../../lib/context';
import { get } from '../../../lib/controllers';
import { KEY_PREFIX, KEYS } from '../../../lib/keys';
import type { AuthenticationStrategy, Authorizer, Interceptor, RequestContext } from '../../../lib/rest/types';
import { appWithFakeServer } from './fake-rest-server';

/** A RequestContext with a real lazily-created scope, as the REST layer builds it. */
function requestContextFor(app: { container: Parameters<typeof createRequestScope>[0] }): RequestContext & { scopeCreated: boolean } {
  let scope: ReturnType<typeof createRequestScope> | undefined;
  const ctx = {
    request: {},
    response: {},
    params: {},
    state: {},
    scopeCreated: false,
    get scope() {
      ctx.scopeCreated = true;
      return (scope ??= createRequestScope(app.container, { request: ctx.request, response: ctx.response, requestContext: ctx }));
    },
  };
  return ctx as unknown as RequestContext & { scopeCreated: boolean };
}

let instances = 0;
class PingController {
  readonly n = ++instances;
  constructor(private readonly deps: { greeting: string }) {}
  @get('/ping')
  ping() {
    return `${this.deps.greeting} #${this.n}`;
  }
}

describe('application: Application', () => {
  beforeEach(() => {
    instances = 0;
  });

  it('binds itself, its RestServer and the rest options in the container', () => {
    const { app, rest } = appWithFakeServer({ rest: { port: 0 } });
    expect(app.resolve(KEYS.APPLICATION)).to.equal(app);
    expect(app.resolve(KEYS.REST_SERVER)).to.equal(rest);
    expect(app.restServer).to.equal(rest);
    expect(app.resolve(KEYS.REST_OPTIONS)).to.deep.equal({ port: 0 });
    expect(rest.deps.container).to.equal(app.container);
    expect(rest.deps.options).to.deep.equal({ port: 0 });
  });

  it('binds and resolves values, singletons, transients and scoped classes', () => {
    const { app } = appWithFakeServer();
    class Thing {}
    app
      .bind('v', { value: 1 })
      .bind('single', { class: Thing, lifetime: 'singleton' })
      .bind('trans', { class: Thing })
      .bind('scoped', { factory: () => new Thing(), lifetime: 'scoped' });
    expect(app.resolve('v')).to.equal(1);
    expect(app.resolve('single')).to.equal(app.resolve('single'));
    expect(app.resolve('trans')).to.not.equal(app.resolve('trans'));
    const s1 = app.container.createScope();
    const s2 = app.container.createScope();
    expect(s1.resolve('scoped')).to.equal(s1.resolve('scoped'));
    expect(s1.resolve('scoped')).to.not.equal(s2.resolve('scoped'));
  });

  it('throws a ResolutionError naming the missing key and the path when resolving', () => {
    const { app } = appWithFakeServer();
    app.repository('Todo', { factory: ({ 'datasources.db': db }: Record<string, unknown>) => ({ db }) });
    let error: unknown;
    try {
      app.resolve('repositories.Todo');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ResolutionError);
    expect((error as ResolutionError).path).to.deep.equal(['repositories.Todo', 'datasources.db']);
    expect((error as ResolutionError).message).to.contain('"datasources.db"');
  });

  it('binds repositories, services and datasources under their key families; repositories and services default to singleton', () => {
    const { app } = appWithFakeServer();
    const ds = { define() {}, disconnect: async () => undefined };
    app
      .dataSource('db', ds)
      .repository('Todo', { class: class {} })
      .service('mailer', { factory: () => ({}) });
    expect(app.resolve('datasources.db')).to.equal(ds);
    expect(app.resolve('repositories.Todo')).to.equal(app.resolve('repositories.Todo'));
    expect(app.resolve('services.mailer')).to.equal(app.resolve('services.mailer'));
    expect(() => app.dataSource('db', ds)).to.throw(/DataSource "db" is already registered/);
  });

  it('builds a juggler DataSource from a config and disconnects it on stop', async () => {
    const { app } = appWithFakeServer();
    app.dataSource('mem', { connector: 'memory' });
    const ds = app.resolve<{ name: string; connector: { name: string }; connected: boolean }>('datasources.mem');
    expect(ds.connector.name).to.equal('memory');
    await app.start();
    await new Promise((r) => setTimeout(r, 5)); // the memory connector connects on the next tick
    expect(ds.connected).to.equal(true);
    await app.stop();
    expect(ds.connected).to.equal(false);
  });

  it('keeps global interceptors, strategies and authorizers in registration order for the RestServer and binds them by family', () => {
    const { app, rest } = appWithFakeServer();
    const first: Interceptor = (_ctx, next) => next();
    const second: Interceptor = (_ctx, next) => next();
    const strategy: AuthenticationStrategy = { name: 'token', authenticate: () => undefined };
    const authorizer: Authorizer = { name: 'acl', authorize: () => 'abstain' };
    app.interceptor(first, { name: 'log' }).interceptor(second).authenticationStrategy(strategy).authorizer(authorizer);

    expect(rest.deps.globalInterceptors()).to.deep.equal([first, second]);
    expect(rest.deps.strategies()).to.deep.equal([strategy]);
    expect(rest.deps.authorizers()).to.deep.equal([authorizer]);
    expect(bindingKeys(app.container, KEY_PREFIX.INTERCEPTOR)).to.deep.equal(['interceptors.log', 'interceptors.second']);
    expect(app.resolve('interceptors.log')).to.equal(first);
    expect(app.resolve('authentication.strategies.token')).to.equal(strategy);
    expect(app.resolve('authorizers.acl')).to.equal(authorizer);
  });

  it('refuses a second extension with the same explicit name but numbers derived names', () => {
    const { app } = appWithFakeServer();
    const audit: Interceptor = (_c, next) => next();
    app.interceptor(audit).interceptor(audit);
    expect(bindingKeys(app.container, KEY_PREFIX.INTERCEPTOR)).to.deep.equal(['interceptors.audit', 'interceptors.audit#2']);
    expect(() => app.interceptor(audit, { name: 'audit' })).to.throw(/"audit" is already registered/);
    app.authorizer({ name: 'acl', authorize: () => 'allow' });
    expect(() => app.authorizer({ name: 'acl', authorize: () => 'deny' })).to.throw(/"acl"/);
  });

  it("adds a transient controller's routes and builds a new instance from the request scope per call", async () => {
    const { app, rest } = appWithFakeServer();
    app.bind('greeting', { value: 'pong' }).controller(PingController);
    expect(rest.specs.map((s) => `${s.verb} ${s.path}`)).to.deep.equal(['get /ping']);
    expect(app.container.hasRegistration('controllers.PingController')).to.equal(true);
    const ctx = requestContextFor(app);
    expect(await rest.specs[0].invoke([], ctx)).to.equal('pong #1');
    expect(await rest.specs[0].invoke([], ctx)).to.equal('pong #2');
    expect(ctx.scopeCreated).to.equal(true);
  });

  it('reuses one scoped controller instance within a request and builds another for the next request', async () => {
    const { app, rest } = appWithFakeServer();
    app.bind('greeting', { value: 'hi' }).controller(PingController, { lifetime: 'scoped' });
    const req1 = requestContextFor(app);
    expect(await rest.specs[0].invoke([], req1)).to.equal('hi #1');
    expect(await rest.specs[0].invoke([], req1)).to.equal('hi #1');
    expect(await rest.specs[0].invoke([], requestContextFor(app))).to.equal('hi #2');
  });

  it('resolves a singleton controller once from the root container without creating request scopes', async () => {
    const { app, rest } = appWithFakeServer();
    app.bind('greeting', { value: 'yo' }).controller(PingController, { name: 'Ping', lifetime: 'singleton' });
    await app.init();
    expect(instances).to.equal(1);
    const ctx = requestContextFor(app);
    expect(await rest.specs[0].invoke([], ctx)).to.equal('yo #1');
    expect(await rest.specs[0].invoke([], requestContextFor(app))).to.equal('yo #1');
    expect(ctx.scopeCreated).to.equal(false);
    expect(app.container.hasRegistration('controllers.Ping')).to.equal(true);
  });

  it('fails init when a singleton controller misses a dependency, naming the controller key and the dependency', async () => {
    const { app } = appWithFakeServer();
    class GreetingController {
      readonly greeting: string;
      constructor({ greeting }: { greeting: string }) {
        this.greeting = greeting;
      }
      @get('/greeting')
      get() {
        return this.greeting;
      }
    }
    app.controller(GreetingController, { lifetime: 'singleton' });
    let error: unknown;
    await app.init().catch((e) => (error = e));
    expect(error).to.be.instanceOf(ResolutionError);
    expect((error as ResolutionError).path).to.deep.equal(['controllers.GreetingController', 'greeting']);
  });

  it('refuses to register the same controller name twice', () => {
    const { app } = appWithFakeServer();
    app.controller(PingController);
    expect(() => app.controller(PingController)).to.throw(/Controller "PingController" is already registered/);
  });

  it('passes routes and middleware through to the RestServer', () => {
    const { app, rest } = appWithFakeServer();
    const route = app.route({ verb: 'get', path: '/x', operation: {}, invoke: () => 1 });
    expect(route.id).to.equal('get /x');
    const mw = (_req: unknown, _res: unknown, next: () => void) => next();
    app.middleware(mw, { phase: 'initial', name: 'noop' });
    expect(rest.middleware.firstCall.args).to.deep.equal([mw, { phase: 'initial', name: 'noop' }]);
  });

  it('exposes the RestServer handler as app.handler', () => {
    const { app, rest } = appWithFakeServer();
    expect(app.handler).to.equal(rest.handler);
  });
});
