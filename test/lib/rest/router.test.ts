import { expect } from 'chai';
import { RestRouter } from '../../../lib/rest/router';
import { compileRoute, routeKey } from '../../../lib/rest/route-compiler';
import type { Route, RouteSpec } from '../../../lib/rest/types';

function route(verb: RouteSpec['verb'], path: string, id = routeKey({ verb, path })): Route {
  return compileRoute({ verb, path, operation: {}, invoke: () => id, parseArgs: () => [] }, { id });
}

describe('RestRouter', () => {
  it('prefers a static segment over a :param regardless of registration order', () => {
    const router = new RestRouter();
    const byId = route('get', '/widgets/:id');
    const findOne = route('get', '/widgets/findOne');
    router.add(byId);
    router.add(findOne);
    expect(router.lookup('GET', '/widgets/findOne')?.route).to.equal(findOne);
    const match = router.lookup('GET', '/widgets/42');
    expect(match?.route).to.equal(byId);
    expect({ ...match?.params }).to.deep.equal({ id: '42' });
  });

  it('matches paths case-insensitively by default but keeps the parameter casing', () => {
    const router = new RestRouter();
    const byId = route('get', '/Widgets/:id');
    router.add(byId);
    const match = router.lookup('GET', '/WIDGETS/MiXeD%20Case');
    expect(match?.route).to.equal(byId);
    expect(match?.params.id).to.equal('MiXeD Case');
  });

  it('honours caseSensitive: true', () => {
    const router = new RestRouter({ caseSensitive: true });
    router.add(route('get', '/Widgets'));
    expect(router.lookup('GET', '/widgets')).to.equal(undefined);
    expect(router.lookup('GET', '/Widgets')).to.not.equal(undefined);
  });

  it('ignores a trailing slash and duplicate slashes by default', () => {
    const router = new RestRouter();
    const r = route('get', '/a/b');
    router.add(r);
    expect(router.lookup('GET', '/a/b/')?.route).to.equal(r);
    expect(router.lookup('GET', '//a//b')?.route).to.equal(r);
  });

  it('treats a trailing slash as a different path when ignoreTrailingSlash is false', () => {
    const router = new RestRouter({ ignoreTrailingSlash: false });
    router.add(route('get', '/a/b'));
    expect(router.lookup('GET', '/a/b/')).to.equal(undefined);
  });

  it('answers HEAD with the GET route when there is no HEAD route', () => {
    const router = new RestRouter();
    const get = route('get', '/items/:id');
    const head = route('head', '/items/special');
    router.add(get);
    router.add(head);
    expect(router.lookup('HEAD', '/items/1')?.route).to.equal(get);
    expect(router.lookup('HEAD', '/items/special')?.route).to.equal(head);
    expect(router.lookup('POST', '/items/1')).to.equal(undefined);
  });

  it('forgets a removed route (by object and by id) and rebuilds lazily', () => {
    const router = new RestRouter();
    const a = route('get', '/a');
    const b = route('delete', '/b');
    router.add(a);
    router.add(b);
    expect(router.lookup('GET', '/a')?.route).to.equal(a);
    expect(router.remove(a)).to.equal(true);
    expect(router.lookup('GET', '/a')).to.equal(undefined);
    expect(router.remove('DELETE /b')).to.equal(true);
    expect(router.lookup('DELETE', '/b')).to.equal(undefined);
    expect(router.remove('DELETE /b')).to.equal(false);
    expect(router.routes()).to.deep.equal([]);
  });

  it('finds routes added after the first lookup', () => {
    const router = new RestRouter();
    router.add(route('get', '/first'));
    expect(router.lookup('GET', '/second')).to.equal(undefined);
    const second = route('get', '/second');
    router.add(second);
    expect(router.lookup('GET', '/second')?.route).to.equal(second);
  });

  it('lets the first of two routes with the same verb and path answer, and the second take over once the first is removed', () => {
    const router = new RestRouter();
    const first = route('get', '/dup/:id', 'first');
    const second = route('get', '/dup/:name', 'second');
    router.add(first);
    router.add(second);
    expect(router.lookup('GET', '/dup/1')?.route).to.equal(first);
    router.remove(first);
    const match = router.lookup('GET', '/dup/1');
    expect(match?.route).to.equal(second);
    expect(match?.params.name).to.equal('1');
  });

  it('returns undefined for an unknown verb', () => {
    const router = new RestRouter();
    router.add(route('get', '/a'));
    expect(router.lookup('PROPFIND', '/a')).to.equal(undefined);
  });
});
