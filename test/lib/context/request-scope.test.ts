import { expect } from 'chai';
import { bindSource, createRequestScope, createRootContainer } from '../../../lib/context';
import { KEYS } from '../../../lib/keys';

describe('context: request scope', () => {
  it('binds the request, response and request context as values', () => {
    const root = createRootContainer();
    const request = { url: '/x' };
    const response = { statusCode: 200 };
    const requestContext = { state: {} };
    const scope = createRequestScope(root, { request, response, requestContext });
    expect(scope.resolve(KEYS.REQUEST)).to.equal(request);
    expect(scope.resolve(KEYS.RESPONSE)).to.equal(response);
    expect(scope.resolve(KEYS.REQUEST_CONTEXT)).to.equal(requestContext);
  });

  it('reads the principal from the request context when it is resolved, not when the scope is created', () => {
    const root = createRootContainer();
    const requestContext: { principal?: { id: number } } = {};
    const scope = createRequestScope(root, { request: {}, response: {}, requestContext });
    expect(scope.resolve(KEYS.PRINCIPAL)).to.equal(undefined);
    requestContext.principal = { id: 7 };
    expect(scope.resolve(KEYS.PRINCIPAL)).to.deep.equal({ id: 7 });
  });

  it('falls back to the given principal when the request context has none', () => {
    const root = createRootContainer();
    const scope = createRequestScope(root, { request: {}, response: {}, requestContext: {}, principal: { id: 'anon' } });
    expect(scope.resolve(KEYS.PRINCIPAL)).to.deep.equal({ id: 'anon' });
  });

  it('does not leak request values into the root container or into other requests', () => {
    const root = createRootContainer();
    const s1 = createRequestScope(root, { request: 'r1', response: {}, requestContext: {} });
    const s2 = createRequestScope(root, { request: 'r2', response: {}, requestContext: {} });
    expect(s1.resolve(KEYS.REQUEST)).to.equal('r1');
    expect(s2.resolve(KEYS.REQUEST)).to.equal('r2');
    expect(root.hasRegistration(KEYS.REQUEST)).to.equal(false);
  });

  it('gives scoped bindings one instance per request, built with that request', () => {
    const root = createRootContainer();
    bindSource(root, 'who', { factory: ({ request }: { request: string }) => ({ request }), lifetime: 'scoped' });
    const s1 = createRequestScope(root, { request: 'r1', response: {}, requestContext: {} });
    const s2 = createRequestScope(root, { request: 'r2', response: {}, requestContext: {} });
    expect(s1.resolve('who')).to.equal(s1.resolve('who'));
    expect(s1.resolve<{ request: string }>('who').request).to.equal('r1');
    expect(s2.resolve<{ request: string }>('who').request).to.equal('r2');
  });
});
