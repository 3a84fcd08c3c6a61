import { expect } from 'chai';
import { bindSource, createRootContainer, resolveKey, ResolutionError } from '../../../lib/context';

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('context: resolution errors', () => {
  it('names the missing key when it is resolved directly', () => {
    const c = createRootContainer();
    const err = catchError(() => resolveKey(c, 'nothing.here'));
    expect(err).to.be.instanceOf(ResolutionError);
    const e = err as ResolutionError;
    expect(e.key).to.equal('nothing.here');
    expect(e.path).to.deep.equal(['nothing.here']);
    expect(e.message).to.equal('Cannot resolve "nothing.here": no binding is registered under that key (resolution path: nothing.here).');
  });

  it('names the missing key and the whole path that led to it ("a -> b -> c")', () => {
    const c = createRootContainer();
    bindSource(c, 'a', { factory: ({ b }: { b: unknown }) => ({ b }) });
    bindSource(c, 'b', { factory: ({ c: dep }: { c: unknown }) => ({ c: dep }) });
    const e = catchError(() => resolveKey(c, 'a')) as ResolutionError;
    expect(e).to.be.instanceOf(ResolutionError);
    expect(e.key).to.equal('c');
    expect(e.path).to.deep.equal(['a', 'b', 'c']);
    expect(e.message).to.contain('"c"').and.contain('a -> b -> c');
    expect((e as Error & { cause?: unknown }).cause).to.be.instanceOf(Error);
  });

  it('keeps the path when the key is missing from a request scope', () => {
    const c = createRootContainer();
    bindSource(c, 'controllers.Todo', {
      class: class {
        constructor({ principal }: { principal: unknown }) {
          void principal;
        }
      },
    });
    const e = catchError(() => resolveKey(c.createScope(), 'controllers.Todo')) as ResolutionError;
    expect(e.path).to.deep.equal(['controllers.Todo', 'principal']);
  });

  it('reports a dependency cycle with its path', () => {
    const c = createRootContainer();
    bindSource(c, 'a', { factory: ({ b }: { b: unknown }) => b });
    bindSource(c, 'b', { factory: ({ a }: { a: unknown }) => a });
    const e = catchError(() => resolveKey(c, 'a')) as ResolutionError;
    expect(e).to.be.instanceOf(ResolutionError);
    expect(e.message).to.contain('cyclic dependency');
    expect(e.path).to.deep.equal(['a', 'b', 'a']);
  });

  it('lets an error thrown by a factory itself pass through unchanged', () => {
    const c = createRootContainer();
    const boom = new Error('boom');
    bindSource(c, 'x', {
      factory: () => {
        throw boom;
      },
    });
    expect(catchError(() => resolveKey(c, 'x'))).to.equal(boom);
  });

  it('can resolve again after a failed resolution (awilix resolution stack is reset)', () => {
    const c = createRootContainer();
    bindSource(c, 'a', { factory: ({ missing }: { missing: unknown }) => missing });
    bindSource(c, 'ok', { value: 42 });
    catchError(() => resolveKey(c, 'a'));
    expect(resolveKey(c, 'ok')).to.equal(42);
  });
});
