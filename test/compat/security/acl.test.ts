import { expect } from 'chai';
import type { Shim } from '../../../compat';
import { authorize, get, param } from '../../../lib/controllers';
import { lb3AclErrorStatus } from '../../../compat/security/acl.authorizer';
import { buildInlineApp, send, serveShim, serveStock, type Req } from './inline-auth-app';

const ANON = undefined;
const ALICE = 'alice-token';
const BOB = 'bob-token';
const ADMIN = 'admin-token';

function withToken(token: string | undefined, req: Req = {}): Req {
  return token ? { ...req, headers: { ...(req.headers ?? {}), 'X-Access-Token': token } } : req;
}

/** [who, method, path, body?, expected status] */
const DECISIONS: Array<[string | undefined, string, string, unknown, number]> = [
  [ANON, 'GET', '/api/Notes/1', undefined, 401],
  [ALICE, 'GET', '/api/Notes/1', undefined, 200],
  [BOB, 'GET', '/api/Notes/1', undefined, 403],
  [ADMIN, 'GET', '/api/Notes/1', undefined, 200],
  [ANON, 'GET', '/api/Notes', undefined, 401],
  [ALICE, 'GET', '/api/Notes', undefined, 403],
  [ADMIN, 'GET', '/api/Notes', undefined, 200],
  [BOB, 'PATCH', '/api/Notes/999', { title: 'x' }, 403],
  [ADMIN, 'GET', '/api/Notes/999', undefined, 404],
  [ALICE, 'PATCH', '/api/Notes/1', { title: 'mine' }, 200],
  [BOB, 'POST', '/api/Notes/update?where={}', { title: 'x' }, 403],
  [ALICE, 'GET', '/api/Accounts/1/notes', undefined, 401], // User's default ACLs deny relation methods, even to the owner
  [BOB, 'GET', '/api/Accounts/1/notes', undefined, 401],
  [ALICE, 'GET', '/api/Accounts/1', undefined, 200],
  [BOB, 'GET', '/api/Accounts/1', undefined, 401],
  [ALICE, 'GET', '/api/Accounts/999', undefined, 401],
  [ANON, 'GET', '/api/Accounts/login', undefined, 401],
  [ANON, 'GET', '/api/Accounts', undefined, 401],
  [ANON, 'GET', '/api/Secrets/1', undefined, 401],
  [BOB, 'GET', '/api/Secrets/1', undefined, 404],
  [BOB, 'GET', '/api/Secrets/count', undefined, 404],
  [ADMIN, 'GET', '/api/Secrets/1', undefined, 200],
  [ANON, 'GET', '/api/Widgets/1', undefined, 200],
  [ANON, 'GET', '/api/Notes/1?filter=nope', undefined, 400],
];

describe('compat LB3 ACLs (shim vs stock LB3, same inline app)', function () {
  this.timeout(30000);
  let stock: { url: string; close(): Promise<void> };
  let shim: Shim;

  before(async () => {
    stock = await serveStock(await buildInlineApp());
    shim = await serveShim(await buildInlineApp());
  });
  after(async () => {
    await stock?.close();
    await shim?.stop();
  });

  for (const [who, method, path, json, status] of DECISIONS) {
    it(`decides ${method} ${path} for ${who ?? 'anonymous'} as LB3: ${status}`, async () => {
      const req = withToken(who, { method, json });
      const a = await send(stock.url, path, req);
      const b = await send(shim.url!, path, req);
      expect(a.status, `stock ${JSON.stringify(a.body)}`).to.equal(status);
      expect(b).to.deep.equal(a);
    });
  }

  it('answers denials with the exact LB3 bodies (401, 403, 404 by aclErrorStatus)', async () => {
    expect((await send(shim.url!, '/api/Notes/1')).body).to.deep.equal({
      error: { statusCode: 401, name: 'Error', message: 'Authorization Required', code: 'AUTHORIZATION_REQUIRED' },
    });
    expect((await send(shim.url!, '/api/Notes/1', withToken(BOB))).body).to.deep.equal({
      error: { statusCode: 403, name: 'Error', message: 'Access Denied', code: 'ACCESS_DENIED' },
    });
    expect((await send(shim.url!, '/api/Secrets/1', withToken(BOB))).body).to.deep.equal({
      error: { statusCode: 404, name: 'Error', message: 'could not find Secret with id 1', code: 'MODEL_NOT_FOUND' },
    });
    expect((await send(shim.url!, '/api/Secrets/count', withToken(BOB))).body).to.deep.equal({
      error: { statusCode: 404, name: 'Error', message: 'could not find Secret with id undefined', code: 'MODEL_NOT_FOUND' },
    });
  });

  it('guards a native core route with LB3 ACLs declared in meta.lb3Acl, deciding as LB3 does for the same method', async () => {
    shim.app.route({
      verb: 'get',
      path: '/native-notes',
      operation: { operationId: 'nativeNotes' },
      invoke: async () => shim.lb3App.models.Note.find(),
      meta: { lb3Acl: { model: 'Note', property: 'find', accessType: 'READ' } },
    });
    for (const who of [ANON, ALICE, BOB, ADMIN]) {
      const native = await send(shim.url!, '/api/native-notes', withToken(who));
      const lb3 = await send(stock.url, '/api/Notes', withToken(who));
      expect(native.status, who).to.equal(lb3.status);
      if (lb3.status !== 200) expect(native.body, who).to.deep.equal(lb3.body);
      else expect((native.body as unknown[]).length).to.equal((lb3.body as unknown[]).length);
    }
  });

  it('checks a native route with an :id against $owner like the LB3 findById', async () => {
    shim.app.route({
      verb: 'get',
      path: '/native-notes/:id',
      operation: { operationId: 'nativeNote' },
      invoke: async (_args, ctx) => shim.lb3App.models.Note.findById(ctx.params.id),
      meta: { lb3Acl: { model: 'Note', property: 'findById' } },
    });
    expect((await send(shim.url!, '/api/native-notes/1', withToken(ALICE))).status).to.equal(200);
    expect((await send(shim.url!, '/api/native-notes/1', withToken(BOB))).status).to.equal(403);
    expect((await send(shim.url!, '/api/native-notes/1')).status).to.equal(401);
  });
});

describe('compat LB3 ACLs on a decorated native controller', function () {
  this.timeout(30000);
  let shim: Shim;
  before(async () => {
    shim = await serveShim(await buildInlineApp());
  });
  after(() => shim?.stop());

  it('checks @authorize({ lb3Acl }) through the same LB3 ACLs', async () => {
    const Note = shim.lb3App.models.Note;
    class NoteController {
      @get('/ctl-notes/{id}')
      @authorize({ lb3Acl: { model: 'Note', property: 'findById' } })
      async one(@param.path.number('id') id: number) {
        return Note.findById(id);
      }
    }
    shim.app.controller(NoteController);
    const mine = await send(shim.url!, '/api/ctl-notes/1', withToken(ALICE));
    expect(mine.status).to.equal(200);
    expect((mine.body as { title: string }).title).to.equal('Alice first');
    expect((await send(shim.url!, '/api/ctl-notes/1', withToken(BOB))).body).to.deep.equal({
      error: { statusCode: 403, name: 'Error', message: 'Access Denied', code: 'ACCESS_DENIED' },
    });
    expect((await send(shim.url!, '/api/ctl-notes/1')).status).to.equal(401);
  });
});

describe('compat ACL error helpers', () => {
  it('picks the status as LB3: anonymous 401, then model, then app aclErrorStatus', () => {
    const app = { get: (k: string) => (k === 'aclErrorStatus' ? 403 : undefined) };
    expect(lb3AclErrorStatus(app, { settings: { aclErrorStatus: 404 } }, null)).to.equal(401);
    expect(lb3AclErrorStatus(app, { settings: { aclErrorStatus: 404 } }, { id: 't' })).to.equal(404);
    expect(lb3AclErrorStatus(app, { settings: {} }, { id: 't' })).to.equal(403);
    expect(lb3AclErrorStatus({ get: () => undefined }, { settings: {} }, { id: 't' })).to.equal(401);
  });
});
