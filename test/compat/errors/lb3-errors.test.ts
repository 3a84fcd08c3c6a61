import { expect } from 'chai';
import { createShim } from '../../../compat';
import { Lb3BootError } from '../../../compat/boot/boot-errors';
import { LB3_ERROR_IDS, Lb3ConfigError, lb3Errors } from '../../../compat/errors/lb3-errors';
import { buildErrorData } from '../../../lib/errors/error-writer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

/** An in-memory LB3 app with one Note model; `attachTokens: false` leaves AccessToken unattached. */
function noteApp(opts: { auth?: boolean; attachTokens?: boolean } = {}): any {
  const app = loopback({ localRegistry: true, loadBuiltinModels: true });
  app.dataSource('db', { connector: 'memory' });
  app.model(app.registry.createModel('Note', { title: 'string' }, { base: 'PersistedModel' }), { dataSource: 'db' });
  if (opts.attachTokens !== false) app.model(app.registry.getModel('AccessToken'), { dataSource: 'db', public: false });
  if (opts.auth) app.enableAuth();
  return app;
}

describe('compat LB3 error catalogue', () => {
  it('builds the LB3 denial errors', () => {
    expect(lb3Errors.aclDenied(401, 'Note', 1)).to.include({ message: 'Authorization Required', code: 'AUTHORIZATION_REQUIRED', statusCode: 401 });
    expect(lb3Errors.aclDenied(403, 'Note', 1)).to.include({ message: 'Access Denied', code: 'ACCESS_DENIED', statusCode: 403 });
    expect(lb3Errors.aclDenied(404, 'Note', 7)).to.include({ message: 'could not find Note with id 7', code: 'MODEL_NOT_FOUND', statusCode: 404 });
  });

  it('gives each error only the wire properties stock LB3 sets, in its order, and name "Error"', () => {
    expect(Object.keys(lb3Errors.aclDenied(403, 'Note', 1))).to.deep.equal(['statusCode', 'code']);
    expect(Object.keys(lb3Errors.currentUserRequired())).to.deep.equal(['statusCode', 'status', 'code']);
    expect(Object.keys(lb3Errors.invalidArgument('Value is not a number.'))).to.deep.equal(['statusCode']);
    expect(Object.keys(lb3Errors.noMethod('There is no method to handle GET /x'))).to.deep.equal(['statusCode']);
    expect(lb3Errors.invalidArgument('x').name).to.equal('Error');
    expect(lb3Errors.invalidReturn('x')).to.include({ statusCode: 500 });
  });

  it('keeps the internal id out of written bodies, even in debug mode', () => {
    const err = lb3Errors.aclDenied(401, 'Note', 1);
    expect(err.lb3ErrorId).to.equal(LB3_ERROR_IDS.AUTHORIZATION_REQUIRED);
    const data = buildErrorData(err, { debug: true });
    expect(Object.keys(data)).to.deep.equal(['statusCode', 'name', 'message', 'code', 'stack']);
  });

  it('names the route and the model when a native route declares lb3Acl for a model the app lacks', () => {
    const err = lb3Errors.unknownAclModel('GET /x', 'Nope');
    expect(err).to.be.instanceOf(Lb3ConfigError);
    expect(err.message).to.equal('Route GET /x declares meta.lb3Acl for model "Nope", which the LB3 app does not have.');
  });
});

describe('compat misconfiguration fails at boot', function () {
  this.timeout(30000);

  it('rejects createShim when enableAuth() is on and the AccessToken model is not attached, naming it', async () => {
    const err = await createShim({ lb3App: noteApp({ auth: true, attachTokens: false }) }).then(
      () => undefined,
      (e) => e,
    );
    expect(err).to.be.instanceOf(Lb3BootError);
    expect(err.message).to.equal('The LB3 app enables auth, but its access token model "AccessToken" is not attached to a datasource.');
    expect(err.cause.lb3ErrorId).to.equal(LB3_ERROR_IDS.UNKNOWN_TOKEN_MODEL);
  });

  it('builds the shim when enableAuth() is on and the AccessToken model is attached', async () => {
    const shim = await createShim({ lb3App: noteApp({ auth: true }) });
    await shim.stop();
  });

  it('rejects a native route whose lb3Acl names a model the LB3 app does not have, naming route and model', async () => {
    const shim = await createShim({ lb3App: noteApp({ auth: true }) });
    try {
      expect(() =>
        shim.app.route({
          verb: 'get',
          path: '/native-notes',
          operation: {},
          invoke: () => [],
          meta: { lb3Acl: { model: 'Nope', property: 'find' } },
        }),
      ).to.throw(Lb3ConfigError, 'Route GET /native-notes declares meta.lb3Acl for model "Nope", which the LB3 app does not have.');
      expect(shim.app.restServer.routes().map((r) => r.id)).not.to.include('GET /native-notes');
    } finally {
      await shim.stop();
    }
  });
});
