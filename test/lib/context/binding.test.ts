import { expect } from 'chai';
import { bindSource, bindingKeys, createRootContainer, isBindingSource } from '../../../lib/context';

class Counter {
  static created = 0;
  readonly n = ++Counter.created;
}

describe('context: bindings', () => {
  beforeEach(() => {
    Counter.created = 0;
  });

  it('resolves a value binding to the very same value', () => {
    const c = createRootContainer();
    const value = { a: 1 };
    bindSource(c, 'config', { value });
    expect(c.resolve('config')).to.equal(value);
  });

  it('builds a singleton class once and returns that instance to the root and to every scope', () => {
    const c = createRootContainer();
    bindSource(c, 'counter', { class: Counter, lifetime: 'singleton' });
    const first = c.resolve<Counter>('counter');
    expect(c.resolve('counter')).to.equal(first);
    expect(c.createScope().resolve('counter')).to.equal(first);
    expect(Counter.created).to.equal(1);
  });

  it('builds a transient class on every resolution', () => {
    const c = createRootContainer();
    bindSource(c, 'counter', { class: Counter, lifetime: 'transient' });
    const a = c.resolve<Counter>('counter');
    const b = c.resolve<Counter>('counter');
    expect(a).to.not.equal(b);
    expect([a.n, b.n]).to.deep.equal([1, 2]);
  });

  it('uses the default lifetime given for a source without one (transient by default)', () => {
    const c = createRootContainer();
    bindSource(c, 'transient', { factory: () => ({}) });
    bindSource(c, 'single', { factory: () => ({}) }, 'singleton');
    expect(c.resolve('transient')).to.not.equal(c.resolve('transient'));
    expect(c.resolve('single')).to.equal(c.resolve('single'));
  });

  it('returns the same scoped instance within one scope and different ones across scopes', () => {
    const c = createRootContainer();
    bindSource(c, 'counter', { class: Counter, lifetime: 'scoped' });
    const s1 = c.createScope();
    const s2 = c.createScope();
    expect(s1.resolve('counter')).to.equal(s1.resolve('counter'));
    expect(s1.resolve('counter')).to.not.equal(s2.resolve('counter'));
    expect(Counter.created).to.equal(2);
  });

  it('passes the cradle to classes and factories so they get their dependencies by name (PROXY mode)', () => {
    const c = createRootContainer();
    class Greeter {
      readonly greeting: string;
      constructor({ salutation }: { salutation: string }) {
        this.greeting = `${salutation}, world`;
      }
    }
    bindSource(c, 'salutation', { value: 'Hello' });
    bindSource(c, 'greeter', { class: Greeter });
    bindSource(c, 'shout', { factory: ({ greeter }: { greeter: Greeter }) => greeter.greeting.toUpperCase() });
    expect(c.resolve('shout')).to.equal('HELLO, WORLD');
  });

  it('builds a singleton against the container it is bound in, so it cannot capture a request value', () => {
    const c = createRootContainer();
    bindSource(c, 'needsRequest', { factory: ({ request }: { request: unknown }) => ({ request }), lifetime: 'singleton' });
    const scope = c.createScope();
    bindSource(scope, 'request', { value: 'req-1' });
    expect(() => scope.resolve('needsRequest')).to.throw(/request/);
  });

  it('rejects a source that is neither value, class nor factory, naming the key', () => {
    const c = createRootContainer();
    expect(() => bindSource(c, 'bad', {} as never)).to.throw(/"bad"/);
    expect(isBindingSource({ value: undefined })).to.equal(true);
    expect(isBindingSource({ class: 1 })).to.equal(false);
  });

  it('rejects an unknown lifetime, naming the key and the lifetime', () => {
    const c = createRootContainer();
    expect(() => bindSource(c, 'x', { factory: () => 1, lifetime: 'forever' as never })).to.throw(/"forever".*"x"/);
  });

  it('lists the keys of a family by prefix, in registration order, including ancestors', () => {
    const c = createRootContainer();
    bindSource(c, 'repositories.b', { value: 1 });
    bindSource(c, 'services.x', { value: 2 });
    bindSource(c, 'repositories.a', { value: 3 });
    const scope = c.createScope();
    bindSource(scope, 'repositories.c', { value: 4 });
    expect(bindingKeys(c, 'repositories.')).to.deep.equal(['repositories.b', 'repositories.a']);
    expect(bindingKeys(scope, 'repositories.')).to.have.members(['repositories.b', 'repositories.a', 'repositories.c']);
  });
});
