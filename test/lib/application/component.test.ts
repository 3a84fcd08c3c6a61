import { expect } from 'chai';
import { applyComponent, type Component, type ComponentTarget } from '../../../lib/component';
import { bindingKeys } from '../../../lib/context';
import { get } from '../../../lib/controllers';
import { KEY_PREFIX } from '../../../lib/keys';
import type { AuthenticationStrategy, Authorizer, Interceptor } from '../../../lib/rest/types';
import { appWithFakeServer } from './fake-rest-server';

class HelloController {
  @get('/hello')
  hello() {
    return 'hello';
  }
}

describe('application: components', () => {
  const interceptor: Interceptor = (_c, next) => next();
  const strategy: AuthenticationStrategy = { name: 'basic', authenticate: () => undefined };
  const authorizer: Authorizer = { name: 'roles', authorize: () => 'allow' };
  const observer = { start() {} };
  const grouped = { stop() {} };
  const handler = (_req: unknown, _res: unknown, next: () => void) => next();
  const ds = { define() {}, disconnect: async () => undefined };

  function fullComponent(): Component {
    return {
      controllers: [HelloController],
      routes: [{ verb: 'get', path: '/raw', operation: {}, invoke: () => 'raw' }],
      repositories: { Note: { value: 'note-repo' } },
      services: { clock: { factory: () => 'tick' } },
      dataSources: { mem: ds },
      interceptors: [interceptor],
      lifeCycleObservers: [observer, { observer: grouped, group: 'late' }],
      middleware: [{ handler, phase: 'initial', name: 'noop' }],
      authenticationStrategies: [strategy],
      authorizers: [authorizer],
    };
  }

  it('contributes every kind of artifact to the application', () => {
    const { app, rest } = appWithFakeServer();
    app.component(fullComponent());
    expect(rest.specs.map((s) => s.path)).to.deep.equal(['/hello', '/raw']);
    expect(app.resolve('repositories.Note')).to.equal('note-repo');
    expect(app.resolve('services.clock')).to.equal('tick');
    expect(app.resolve('datasources.mem')).to.equal(ds);
    expect(rest.deps.globalInterceptors()).to.deep.equal([interceptor]);
    expect(rest.deps.strategies()).to.deep.equal([strategy]);
    expect(rest.deps.authorizers()).to.deep.equal([authorizer]);
    expect(rest.middleware.firstCall.args).to.deep.equal([handler, { phase: 'initial', name: 'noop' }]);
    const observerKeys = bindingKeys(app.container, KEY_PREFIX.LIFECYCLE_OBSERVER);
    expect(observerKeys.map((k) => app.resolve(k))).to.deep.equal([observer, grouped]);
    expect(observerKeys[1]).to.match(/^lifeCycleObservers\.late\./);
  });

  it('accepts a component class and instantiates it', () => {
    const { app } = appWithFakeServer();
    class NotesComponent implements Component {
      services = { notes: { value: 'from-class' } };
    }
    app.component(NotesComponent);
    expect(app.resolve('services.notes')).to.equal('from-class');
  });

  it('applies bindings before controllers and observers', () => {
    const calls: string[] = [];
    const target = new Proxy({} as ComponentTarget, {
      get: (_t, method: string) => () => calls.push(method),
    });
    applyComponent(target, fullComponent());
    expect(calls).to.deep.equal([
      'dataSource',
      'repository',
      'service',
      'authenticationStrategy',
      'authorizer',
      'interceptor',
      'middleware',
      'controller',
      'route',
      'lifeCycleObserver',
      'lifeCycleObserver',
    ]);
  });

  it('rejects something that is not a component', () => {
    const { app } = appWithFakeServer();
    expect(() => app.component(null as never)).to.throw(/Invalid component/);
  });
});
