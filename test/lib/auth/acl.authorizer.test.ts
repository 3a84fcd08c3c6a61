/**
 * The core authorizer on lib/ alone: routes naming an ACL target are guarded by
 * the model's access rules with a NativePrincipalSource over native
 * AccessToken/Role/RoleMapping/ACL models; denials answer LB3's errors.
 */

import { expect } from 'chai';
import request from 'supertest';
import {
  AclAuthorizer,
  aclTargetFor,
  defineAuthModels,
  NativePrincipalSource,
  principalSourceStrategy,
  type AccessRule,
  type AclModelSettings,
} from '../../../lib/auth';
import { defineModel } from '../../../lib/repository/model-definition';
import { spec, testServer } from '../rest/rest-fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DataSource } = require('loopback-datasource-juggler');

const NOTE_ACLS: AccessRule[] = [
  { principalType: 'ROLE', principalId: '$everyone', permission: 'DENY' },
  { principalType: 'ROLE', principalId: '$everyone', permission: 'ALLOW', property: 'find' },
  { principalType: 'ROLE', principalId: '$authenticated', permission: 'ALLOW', property: 'create' },
  { principalType: 'ROLE', principalId: '$owner', permission: 'ALLOW', accessType: 'WRITE' },
  { principalType: 'ROLE', principalId: 'editor', permission: 'ALLOW', property: ['findById', 'deleteById'] },
  { principalType: 'ROLE', principalId: 'vip', permission: 'ALLOW', property: 'summary' },
];

describe('AclAuthorizer (lib/ alone)', () => {
  let server: ReturnType<typeof testServer>['server'];
  let models: any;
  let source: NativePrincipalSource;
  const settings: Record<string, AclModelSettings> = { Note: { acls: NOTE_ACLS } };

  before(async () => {
    const ds = new DataSource('db', { connector: 'memory' });
    const User = defineModel(ds, { name: 'User', properties: { email: 'string' } });
    models = defineAuthModels(ds, { userModel: 'User' });
    const Note = defineModel(ds, {
      name: 'Note',
      properties: { title: 'string' },
      relations: { owner: { type: 'belongsTo', model: 'User', foreignKey: 'ownerId' } },
    });
    await User.create([{ email: 'a@x' }, { email: 'b@x' }, { email: 'c@x' }]);
    await Note.create([
      { title: 'mine', ownerId: 1 },
      { title: 'theirs', ownerId: 2 },
    ]);
    await models.AccessToken.create([
      { id: 'token-1', userId: 1 },
      { id: 'token-2', userId: 2 },
      { id: 'token-3', userId: 3 },
      { id: 'expired', userId: 1, ttl: 1, created: new Date(Date.now() - 5000) },
    ]);
    const editor = await models.Role.create({ name: 'editor' });
    await models.RoleMapping.create({ roleId: editor.id, principalType: 'USER', principalId: '3' });
    const byName: Record<string, any> = { User, Note, ...models };
    source = new NativePrincipalSource({ models, modelClass: (name) => byName[name] });
    source.registerRoleResolver('vip', async (_role, ctx) => ctx.caller?.userId === 2);
    const acl = new AclAuthorizer({ source, model: (name) => settings[name] });
    const t = testServer({}, { strategies: [principalSourceStrategy(source)], authorizers: [acl] });
    server = t.server;
    const target = (property: string) => ({ meta: { acl: aclTargetFor('Note', property) } });
    server.route(spec('get', '/notes', () => ['all'], target('find')));
    server.route(spec('post', '/notes', () => ({ created: true }), target('create')));
    server.route(spec('get', '/notes/summary', () => ({ summary: 1 }), target('summary')));
    server.route(spec('get', '/notes/:id', (_a, ctx) => ({ id: ctx.params.id }), target('findById')));
    server.route(spec('patch', '/notes/:id', () => ({ patched: true }), target('Note.prototype.patchAttributes')));
    server.route(spec('delete', '/notes/:id', () => ({ count: 1 }), target('deleteById')));
    server.route(spec('get', '/open', () => 'no target'));
  });

  const auth = (token: string) => ({ authorization: token });

  it('lets $everyone call a method an ALLOW rule names', async () => {
    await request(server.handler).get('/notes').expect(200, ['all']);
  });

  it('answers 401 AUTHORIZATION_REQUIRED when the rules deny an anonymous caller', async () => {
    const res = await request(server.handler).post('/notes').expect(401);
    expect(res.body.error).to.include({ statusCode: 401, message: 'Authorization Required', code: 'AUTHORIZATION_REQUIRED' });
  });

  it('allows $authenticated with a token in the Authorization header, the access_token query or X-Access-Token', async () => {
    await request(server.handler).post('/notes').set(auth('token-1')).expect(200);
    await request(server.handler).post('/notes?access_token=token-2').expect(200);
    await request(server.handler).post('/notes').set('X-Access-Token', 'token-3').expect(200);
  });

  it('treats an unknown token as anonymous', async () => {
    await request(server.handler).post('/notes').set(auth('bogus')).expect(401);
  });

  it('fails an expired token with 401 INVALID_TOKEN on every route', async () => {
    const res = await request(server.handler).get('/open').set(auth('expired')).expect(401);
    expect(res.body.error).to.include({ code: 'INVALID_TOKEN', message: 'Invalid Access Token' });
  });

  it('allows $owner to write its own instance (belongsTo a user model) and denies another user', async () => {
    await request(server.handler).patch('/notes/1').set(auth('token-1')).expect(200);
    const res = await request(server.handler).patch('/notes/1').set(auth('token-2')).expect(401);
    expect(res.body.error).to.include({ code: 'AUTHORIZATION_REQUIRED' });
  });

  it('answers the model aclErrorStatus (403 ACCESS_DENIED, 404 MODEL_NOT_FOUND) for a caller with a token', async () => {
    settings.Note.aclErrorStatus = 403;
    server.refresh();
    try {
      const res = await request(server.handler).get('/notes/2').set(auth('token-1')).expect(403);
      expect(res.body.error).to.include({ message: 'Access Denied', code: 'ACCESS_DENIED' });
      settings.Note.aclErrorStatus = 404;
      server.refresh();
      const res404 = await request(server.handler).get('/notes/2').set(auth('token-1')).expect(404);
      expect(res404.body.error).to.include({ message: 'could not find Note with id 2', code: 'MODEL_NOT_FOUND' });
      // anonymous callers always get 401
      await request(server.handler).get('/notes/2').expect(401);
    } finally {
      delete settings.Note.aclErrorStatus;
      server.refresh();
    }
  });

  it('allows a database role (Role + RoleMapping of the USER) on the methods its rule lists', async () => {
    await request(server.handler).get('/notes/2').set(auth('token-3')).expect(200, { id: '2' });
    await request(server.handler).delete('/notes/2').set(auth('token-3')).expect(200);
    await request(server.handler).post('/notes').set(auth('token-3')).expect(200);
  });

  it('asks a registered custom role resolver', async () => {
    await request(server.handler).get('/notes/summary').set(auth('token-2')).expect(200);
    await request(server.handler).get('/notes/summary').set(auth('token-1')).expect(401);
  });

  it('applies ACL table rows, also on a method alias', async () => {
    await models.ACL.create({ model: 'Note', property: 'destroyById', accessType: '*', principalType: 'USER', principalId: '2', permission: 'ALLOW' });
    try {
      await request(server.handler).delete('/notes/1').set(auth('token-2')).expect(200);
      await request(server.handler).delete('/notes/1').set(auth('token-1')).expect(200); // $owner WRITE
    } finally {
      await models.ACL.destroyAll();
    }
    await request(server.handler).delete('/notes/1').set(auth('token-2')).expect(401);
  });

  it('leaves routes without an ACL target alone', async () => {
    await request(server.handler).get('/open').expect(200);
  });

  it('fails registration of a route whose target names a model without access settings', () => {
    expect(() => server.route(spec('get', '/nope', () => 1, { meta: { acl: { model: 'Nope', property: 'find' } } }))).to.throw(/model "Nope"/);
  });
});
