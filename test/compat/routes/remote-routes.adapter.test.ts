import { expect } from 'chai';
import { joinPaths, lb3Routes, methodRoutes, normalizeHttpPath, RemoteRoutesAdapter } from '../../../compat/routes/remote-routes.adapter';
import { defaultRemotingKit } from '../../../compat/remoting/remoting-kit';
import type { Route, RouteSpec } from '../../../lib/rest/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

/** Records routes like RestServer.route/removeRoute. */
function recordingSink() {
  const routes: Route[] = [];
  return {
    routes,
    route(spec: RouteSpec): Route {
      const r = { ...spec, id: `${spec.verb} ${spec.path}` } as Route;
      routes.push(r);
      return r;
    },
    removeRoute(route: Route | string) {
      routes.splice(routes.indexOf(route as Route), 1);
    },
    has(verb: string, path: string) {
      return routes.some((r) => r.verb === verb && r.path === path);
    },
  };
}

describe('compat remote routes adapter', () => {
  describe('path helpers (strong-remoting rules)', () => {
    const normalized: Array<[string, string]> = [
      ['/BlogPosts', '/blog-posts'],
      ['/doSomethingCool', '/do-something-cool'],
      ['/:id/noPathMethod', '/:id/no-path-method'],
      ['/findOne', '/find-one'],
      ['/upsertWithWhere', '/upsert-with-where'],
      ['/change-stream', '/change-stream'],
    ];
    for (const [input, output] of normalized) {
      it(`normalizeHttpPath turns ${input} into ${output}`, () => expect(normalizeHttpPath(input)).to.equal(output));
    }

    it('joinPaths neither doubles nor drops slashes and ignores a "/" on the right', () => {
      expect(joinPaths('/:id', '/orders')).to.equal('/:id/orders');
      expect(joinPaths('/:id/', '/orders')).to.equal('/:id/orders');
      expect(joinPaths('/:id', 'orders')).to.equal('/:id/orders');
      expect(joinPaths('/Widgets', '/')).to.equal('/Widgets');
      expect(joinPaths('', '/x')).to.equal('/x');
    });

    it('gives a method without http the verb all at /<name>, and keeps http arrays', () => {
      expect(lb3Routes({ name: 'noHttp', http: undefined }, {})).to.eql([{ verb: 'all', path: '/noHttp' }]);
      expect(lb3Routes({ name: 'm', http: {} }, {})).to.eql([{ verb: 'all', path: '/m' }]);
      expect(
        lb3Routes(
          {
            name: 'm',
            http: [
              { verb: 'GET', path: '/a' },
              { verb: 'del', path: '/b' },
            ],
          },
          {},
        ),
      ).to.eql([
        { verb: 'get', path: '/a' },
        { verb: 'delete', path: '/b' },
      ]);
      expect(lb3Routes({ name: 'doIt', http: { verb: 'post' } }, { normalizeHttpPath: true })).to.eql([{ verb: 'post', path: '/do-it' }]);
    });

    it('mounts prototype methods under the sharedCtor path /:id', () => {
      const sc = { sharedCtor: { name: 'sharedCtor', http: [{ path: '/:id' }] } };
      expect(methodRoutes({ name: 'patchAttributes', isStatic: false, http: [{ verb: 'patch', path: '/' }] }, sc, {})).to.eql([
        { verb: 'patch', path: '/:id' },
      ]);
      expect(methodRoutes({ name: '__get__orders', isStatic: false, http: { verb: 'get', path: '/orders' } }, sc, {})).to.eql([
        { verb: 'get', path: '/:id/orders' },
      ]);
    });
  });

  describe('with a loopback app', () => {
    function app() {
      const a = loopback({ localRegistry: true, loadBuiltinModels: true });
      a.dataSource('db', { connector: 'memory' });
      const Item = a.registry.createModel('Item', { name: 'string' }, { base: 'PersistedModel' });
      a.model(Item, { dataSource: 'db' });
      const Secret = a.registry.createModel('Secret', { v: 'string' }, { base: 'PersistedModel' });
      a.model(Secret, { dataSource: 'db', public: false });
      Item.hidden = function (cb: any) {
        cb(null, 1);
      };
      Item.remoteMethod('hidden', { shared: false, http: { verb: 'get' } });
      return a;
    }

    it('routes every enabled shared method, including prototype and built-in methods', () => {
      const sink = recordingSink();
      const adapter = new RemoteRoutesAdapter({ lb3App: app(), sink, kit: defaultRemotingKit() });
      adapter.syncAll();
      expect(sink.has('get', '/Items')).to.equal(true);
      expect(sink.has('get', '/Items/findOne')).to.equal(true);
      expect(sink.has('patch', '/Items/:id')).to.equal(true);
      expect(sink.has('head', '/Items/:id')).to.equal(true);
      const patch = sink.routes.find((r) => r.verb === 'patch' && r.path === '/Items/:id')!;
      expect(patch.meta).to.have.nested.property('lb3.stringName', 'Item.prototype.patchAttributes');
      expect(adapter.classMounts()).to.eql([{ name: 'Item', path: '/Items' }]);
    });

    it('skips shared:false methods, public:false models and destroyAll', () => {
      const sink = recordingSink();
      new RemoteRoutesAdapter({ lb3App: app(), sink, kit: defaultRemotingKit() }).syncAll();
      expect(sink.routes.some((r) => r.path.startsWith('/Secrets'))).to.equal(false);
      expect(sink.has('get', '/Items/hidden')).to.equal(false);
      expect(sink.routes.some((r) => r.verb === 'delete' && r.path === '/Items')).to.equal(false);
    });

    it('rebuilds one class after disableRemoteMethodByName, removing its old routes', () => {
      const lb3App = app();
      const sink = recordingSink();
      const adapter = new RemoteRoutesAdapter({ lb3App, sink, kit: defaultRemotingKit() });
      adapter.syncAll();
      const before = sink.routes.length;
      lb3App.models.Item.disableRemoteMethodByName('prototype.patchAttributes');
      adapter.rebuildClass('Item');
      expect(sink.has('patch', '/Items/:id')).to.equal(false);
      expect(sink.routes.length).to.be.lessThan(before);
      expect(new Set(sink.routes).size).to.equal(sink.routes.length);
    });
  });
});
