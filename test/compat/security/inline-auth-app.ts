/**
 * Test support for the security/hooks adapters: one LB3 app built in code
 * (users, tokens, roles, owner ACLs, a public model with remote hooks),
 * built twice — one copy served by stock LB3 (`http.createServer(app)`), the
 * other by the shim — so a test sends the same request to both and compares.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { createShim, type Shim } from '../../../compat';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const strongErrorHandler = require('strong-error-handler');

export const CREATED = new Date('2026-01-01T00:00:00.000Z');
const TEN_YEARS = 10 * 365 * 24 * 3600;

export interface BuildOptions {
  /** Call enableAuth() (default true). */
  auth?: boolean;
  /** Mount loopback#rest + urlNotFound + strong-error-handler as a generated app does (default true). */
  middleware?: boolean;
  /** Extra setup on the app before seeding (hooks, phases, middleware). */
  setup?: (app: any) => void;
}

/** Build and seed one copy of the inline app. */
export async function buildInlineApp(opts: BuildOptions = {}): Promise<any> {
  const app = loopback({ localRegistry: true, loadBuiltinModels: true });
  app.set('restApiRoot', '/api');
  app.set('remoting', { rest: { handleErrors: false, normalizeHttpPath: false }, json: { strict: false, limit: '100kb' } });
  app.set('_verifyAuthModelRelations', false);
  app.dataSource('db', { connector: 'memory' });
  const reg = app.registry;

  const Account = reg.createModel(
    'Account',
    { name: 'string', team: 'string' },
    {
      base: 'User',
      relations: { notes: { type: 'hasMany', model: 'Note', foreignKey: 'ownerId' } },
    },
  );
  const Note = reg.createModel(
    'Note',
    { title: 'string', body: 'string' },
    {
      base: 'PersistedModel',
      aclErrorStatus: 403,
      relations: { owner: { type: 'belongsTo', model: 'Account', foreignKey: 'ownerId' } },
      acls: [
        { principalType: 'ROLE', principalId: '$everyone', permission: 'DENY', accessType: '*' },
        { principalType: 'ROLE', principalId: '$owner', permission: 'ALLOW', accessType: '*' },
        { principalType: 'ROLE', principalId: 'admin', permission: 'ALLOW', accessType: '*' },
      ],
    },
  );
  const Secret = reg.createModel(
    'Secret',
    { label: 'string' },
    {
      base: 'PersistedModel',
      aclErrorStatus: 404,
      acls: [
        { principalType: 'ROLE', principalId: '$everyone', permission: 'DENY', accessType: '*' },
        { principalType: 'ROLE', principalId: 'admin', permission: 'ALLOW', accessType: '*' },
      ],
    },
  );
  const Widget = reg.createModel('Widget', { name: 'string' }, { base: 'PersistedModel' });
  Widget.greet = function (name: string, options: any, cb: (err: unknown, greeting?: string) => void) {
    cb(null, `hello ${name} from ${options && options.accessToken ? options.accessToken.userId : 'anonymous'}`);
  };
  Widget.remoteMethod('greet', {
    accepts: [
      { arg: 'name', type: 'string', required: true },
      { arg: 'options', type: 'object', http: 'optionsFromRequest' },
    ],
    returns: { arg: 'greeting', type: 'string' },
    http: { verb: 'get' },
  });
  Widget.prototype.rename = function (name: string, cb: (err: unknown, w?: unknown) => void) {
    this.updateAttribute('name', name, cb);
  };
  Widget.remoteMethod('prototype.rename', {
    accepts: [{ arg: 'name', type: 'string' }],
    returns: { arg: 'data', type: 'object', root: true },
    http: { verb: 'post' },
  });

  app.model(reg.getModel('AccessToken'), {
    dataSource: 'db',
    public: false,
    relations: { user: { type: 'belongsTo', model: 'Account', foreignKey: 'userId' } },
  });
  for (const m of ['ACL', 'RoleMapping', 'Role']) app.model(reg.getModel(m), { dataSource: 'db', public: false });
  app.model(Account, { dataSource: 'db', public: true });
  app.model(Note, { dataSource: 'db', public: true });
  app.model(Secret, { dataSource: 'db', public: true });
  app.model(Widget, { dataSource: 'db', public: true });

  if (opts.auth !== false) app.enableAuth();
  opts.setup?.(app);
  if (opts.middleware !== false) {
    app.middleware('routes', '/api', loopback.rest());
    app.middleware('final', loopback.urlNotFound());
    app.middleware('final:after', strongErrorHandler({ debug: false, log: false }));
  }

  const { AccessToken, Role, RoleMapping } = app.models;
  const hash = Account.hashPassword('pass');
  await Account.create([
    { username: 'alice', email: 'alice@example.com', password: hash, team: 'red' },
    { username: 'bob', email: 'bob@example.com', password: hash, team: 'blue' },
    { username: 'admin', email: 'admin@example.com', password: hash },
  ]);
  const token = (id: string, userId: number, ttl = TEN_YEARS, created = CREATED) => ({ id, ttl, created, userId });
  const tokens = [token('alice-token', 1), token('bob-token', 2), token('admin-token', 3)];
  for (let i = 0; i < 20; i++) tokens.push(token(`expired-${i}`, 1, 60, new Date('2000-01-01T00:00:00.000Z')));
  await AccessToken.create(tokens);
  const role = await Role.create({ name: 'admin' });
  await role.principals.create({ principalType: RoleMapping.USER, principalId: '3' });
  await Note.create([
    { title: 'Alice first', ownerId: 1 },
    { title: 'Bob only', ownerId: 2 },
  ]);
  await Secret.create([{ label: 'launch-code' }]);
  await Widget.create([{ name: 'w1' }]);
  return app;
}

/** A started stock LB3 server for `app`. */
export async function serveStock(app: any): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A started shim serving `app`. */
export async function serveShim(app: any): Promise<Shim> {
  const shim = await createShim({ lb3App: app }, { errorHandler: { debug: false, log: false } });
  await shim.start({ port: 0, host: '127.0.0.1' });
  return shim;
}

export interface Answer {
  status: number;
  body: unknown;
  contentType: string | null;
}

export interface Req {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
}

/** Send one request and keep status, content type and (JSON-parsed) body. */
export async function send(base: string, path: string, req: Req = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  let body: string | undefined = req.body;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method: req.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') || '').includes('json') && text !== '') parsed = JSON.parse(text);
  return { status: res.status, body: parsed, contentType: res.headers.get('content-type') };
}

/** Base64 as `Authorization: Bearer` wants it. */
export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
