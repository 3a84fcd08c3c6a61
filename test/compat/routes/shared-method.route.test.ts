import { expect } from 'chai';
import { compileSharedMethod, rebaseOnMount } from '../../../compat/routes/shared-method.route';
import type { RemotingKit } from '../../../compat/remoting/remoting-kit';

/** A fake kit: args straight from ctx.params, result = first value, writer records. */
function fakeKit(written: unknown[]): RemotingKit {
  return {
    buildArgsExtractor: (accepts) => ({
      extract: (ctx) => Object.fromEntries(accepts.map((a) => [a.arg, ctx.params[a.arg]])),
      validateAtInvoke: () => undefined,
      toPositional: (args) => accepts.map((a) => args[a.arg]),
      prepareInvoke: (args) => accepts.map((a) => args[a.arg]),
    }),
    buildResultShaper: () => (values: any, fromPromise) => (fromPromise ? values : values[0]),
    buildResultWriter: () => (_ctx, result) => void written.push(result),
    applyErrorStatus: (err: any, status) => {
      if (status && err && !err.statusCode) err.statusCode = status;
      return err;
    },
  };
}

function fakeCtx(params: Record<string, string>): any {
  return { params, request: { get: () => undefined, query: {}, body: {} }, response: {} };
}

describe('compat shared-method route', () => {
  describe('compileSharedMethod', () => {
    const Model: any = function Model() {};
    Model.modelName = 'Thing';
    Model.findById = (id: string, _f: unknown, _o: unknown, cb: any) => cb(null, id === '1' ? { id: 1, hello: () => 'hi' } : null);
    const sharedCtor = {
      accepts: [{ arg: 'id', type: 'any' }],
      fn(id: string, cb: any) {
        Model.findById(id, {}, {}, (_err: any, inst: any) => {
          if (!inst) {
            const e: any = new Error(`could not find a model with id ${id}`);
            e.statusCode = 404;
            return cb(e);
          }
          cb(null, inst);
        });
      },
    };
    const sharedClass = { name: 'Thing', ctor: Model, sharedCtor };

    it('loads the instance for a prototype method and calls the method on it', async () => {
      const written: unknown[] = [];
      const method = {
        name: 'greet',
        stringName: 'Thing.prototype.greet',
        isStatic: false,
        accepts: [],
        returns: [{ arg: 'r', root: true }],
        http: {},
        rest: {},
        sharedCtor,
        getFunction: () =>
          function (this: any, cb: any) {
            cb(null, `${this.hello()} from ${this.id}`);
          },
      };
      const compiled = compileSharedMethod({ sharedMethod: method, sharedClass, kit: fakeKit(written) });
      const ctx = fakeCtx({ id: '1' });
      const rctx = await compiled.parseArgs(ctx);
      const result = await compiled.invoke(rctx, ctx);
      await compiled.send(ctx, result, rctx);
      expect(written).to.eql(['hi from 1']);
      expect(rctx.instance).to.deep.include({ id: 1 });
      expect(compiled.toRouteSpec('get', '/Things/:id/greet').meta).to.have.nested.property('lb3.stringName', 'Thing.prototype.greet');
    });

    it('defers a missing instance to invoke (after parseArgs, where ACL runs in between)', async () => {
      const method = {
        name: 'greet',
        stringName: 'Thing.prototype.greet',
        isStatic: false,
        accepts: [],
        returns: [],
        http: {},
        rest: {},
        sharedCtor,
        getFunction: () => () => {
          throw new Error('must not be called');
        },
      };
      const compiled = compileSharedMethod({ sharedMethod: method, sharedClass, kit: fakeKit([]) });
      const ctx = fakeCtx({ id: '999' });
      const rctx = await compiled.parseArgs(ctx);
      expect((rctx.sharedCtorError as Error).message).to.equal('could not find a model with id 999');
      const err: any = await compiled.invoke(rctx, ctx).catch((e) => e);
      expect(err.message).to.equal('could not find a model with id 999');
      expect(err.statusCode).to.equal(404);
    });

    it('runs rest.after before writing and sends the (hook-replaced) ctx.result', async () => {
      const written: unknown[] = [];
      const method = {
        name: 'find',
        stringName: 'Thing.find',
        isStatic: true,
        accepts: [{ arg: 'q' }],
        returns: [{ arg: 'data', root: true }],
        http: { errorStatus: 418 },
        sharedCtor,
        rest: {
          after: (rctx: any, next: any) => {
            rctx.result = { wrapped: rctx.result };
            next();
          },
        },
        getFunction: () => (q: string, cb: any) => (q === 'fail' ? cb(new Error('nope')) : cb(null, [q])),
      };
      const compiled = compileSharedMethod({ sharedMethod: method, sharedClass, kit: fakeKit(written) });
      const ctx = fakeCtx({ q: 'a' });
      const rctx = await compiled.parseArgs(ctx);
      const result = await compiled.invoke(rctx, ctx);
      await compiled.send(ctx, result, rctx);
      expect(written).to.eql([{ wrapped: ['a'] }]);

      const failing = fakeCtx({ q: 'fail' });
      const err: any = await compiled.invoke(await compiled.parseArgs(failing), failing).catch((e) => e);
      expect(err.statusCode).to.equal(418);
    });

    it('injects path parameters that a more specific registered path turned into literals', async () => {
      const method = {
        name: 'findById',
        stringName: 'Thing.findById',
        isStatic: true,
        accepts: [{ arg: 'id' }],
        returns: [{ arg: 'd', root: true }],
        http: {},
        rest: {},
        sharedCtor,
        getFunction: () => (id: string, cb: any) => cb(null, id),
      };
      const compiled = compileSharedMethod({ sharedMethod: method, sharedClass, kit: fakeKit([]) });
      const spec = compiled.toRouteSpec('get', '/Things/login', { id: 'login' });
      const ctx = fakeCtx({});
      const rctx = await spec.parseArgs!(ctx);
      expect(rctx.args).to.eql({ id: 'login' });
      expect(spec.hidden).to.equal(true);
    });
  });
});

describe('compat rebaseOnMount', () => {
  const table: Array<[string, string, number, string, string]> = [
    ['/api', '/Widgets/1?x=1', 1, '/api/Widgets', '/1?x=1'],
    ['/api', '/widgets?x=1', 1, '/api/widgets', '/?x=1'],
    ['/api', '/Widgets', 1, '/api/Widgets', '/'],
    ['/api', '/a/b/c', 2, '/api/a/b', '/c'],
  ];
  for (const [baseUrl, url, n, expBase, expUrl] of table) {
    it(`turns ${baseUrl} + ${url} into ${expBase} + ${expUrl}`, () => {
      const req = { baseUrl, url };
      rebaseOnMount(req, n);
      expect(req).to.eql({ baseUrl: expBase, url: expUrl });
    });
  }
});
