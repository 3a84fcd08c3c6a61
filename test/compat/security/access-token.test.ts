import { expect } from 'chai';
import type { Shim } from '../../../compat';
import { hasLoopbackTokenMiddleware, lb3TokenMiddleware, principalFromAccessToken } from '../../../compat/security/access-token.adapter';
import { b64, buildInlineApp, send, serveShim, serveStock, type Req } from './inline-auth-app';

/**
 * Each row: where the token is put, and what GET /api/Notes/1 (owned by
 * alice, aclErrorStatus 403) must answer: 200 alice, 403 another user,
 * 401 anonymous.
 */
const TABLE: Array<{ name: string; path: string; req?: Req; status: number }> = [
  { name: 'access_token query parameter', path: '/api/Notes/1?access_token=alice-token', status: 200 },
  { name: 'repeated access_token query parameter (an array: ignored)', path: '/api/Notes/1?access_token=alice-token&access_token=alice-token', status: 401 },
  { name: 'X-Access-Token header', path: '/api/Notes/1', req: { headers: { 'X-Access-Token': 'alice-token' } }, status: 200 },
  { name: 'raw Authorization header', path: '/api/Notes/1', req: { headers: { Authorization: 'alice-token' } }, status: 200 },
  { name: 'Bearer + base64 token', path: '/api/Notes/1', req: { headers: { Authorization: `Bearer ${b64('alice-token')}` } }, status: 200 },
  { name: 'Bearer + raw token (decoded as base64: unknown)', path: '/api/Notes/1', req: { headers: { Authorization: 'Bearer alice-token' } }, status: 401 },
  { name: 'lowercase bearer (taken literally: unknown)', path: '/api/Notes/1', req: { headers: { Authorization: 'bearer alice-token' } }, status: 401 },
  { name: 'Basic user:token (the longer part)', path: '/api/Notes/1', req: { headers: { Authorization: `Basic ${b64('x:alice-token')}` } }, status: 200 },
  { name: 'empty Authorization header (skipped)', path: '/api/Notes/1', req: { headers: { Authorization: '' } }, status: 401 },
  { name: 'unknown token (anonymous, no error)', path: '/api/Notes/1?access_token=nope', status: 401 },
  { name: 'query wins over X-Access-Token', path: '/api/Notes/1?access_token=bob-token', req: { headers: { 'X-Access-Token': 'alice-token' } }, status: 403 },
  {
    name: 'X-Access-Token wins over Authorization',
    path: '/api/Notes/1',
    req: { headers: { 'X-Access-Token': 'bob-token', Authorization: 'alice-token' } },
    status: 403,
  },
  { name: 'unsigned access_token cookie (ignored)', path: '/api/Notes/1', req: { headers: { Cookie: 'access_token=alice-token' } }, status: 401 },
  {
    name: 'access_token in a JSON body (read before body parsing: ignored)',
    path: '/api/Notes/1/replace',
    req: { method: 'POST', json: { access_token: 'alice-token', title: 't' } },
    status: 401,
  },
];

describe('compat access tokens (shim vs stock LB3, same inline app)', function () {
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

  for (const row of TABLE) {
    it(`reads the token like LB3: ${row.name} → ${row.status}`, async () => {
      const [a, b] = [await send(stock.url, row.path, row.req), await send(shim.url!, row.path, row.req)];
      expect(a.status, 'stock').to.equal(row.status);
      expect(b).to.deep.equal(a);
    });
  }

  it('answers an expired token with 401 INVALID_TOKEN once, even on a public model, then treats it as unknown', async () => {
    const first = [await send(stock.url, '/api/Widgets?access_token=expired-1'), await send(shim.url!, '/api/Widgets?access_token=expired-1')];
    expect(first[0].status).to.equal(401);
    expect(first[1]).to.deep.equal(first[0]);
    expect(first[1].body).to.deep.equal({ error: { statusCode: 401, name: 'Error', message: 'Invalid Access Token', code: 'INVALID_TOKEN' } });
    const again = [await send(stock.url, '/api/Widgets?access_token=expired-1'), await send(shim.url!, '/api/Widgets?access_token=expired-1')];
    expect(again[0].status).to.equal(200);
    expect(again[1]).to.deep.equal(again[0]);
    const rows = await shim.lb3App.models.AccessToken.findById('expired-1');
    expect(rows).to.equal(null);
  });

  it('answers an expired token with INVALID_TOKEN under /api even where no route exists', async () => {
    const [a, b] = [await send(stock.url, '/api/Nope?access_token=expired-2'), await send(shim.url!, '/api/Nope?access_token=expired-2')];
    expect(a.status).to.equal(401);
    expect(b).to.deep.equal(a);
  });

  it('hands the token to operation hooks and optionsFromRequest (ctx.options.accessToken)', async () => {
    const path = '/api/Widgets/greet?name=x&access_token=bob-token';
    const [a, b] = [await send(stock.url, path), await send(shim.url!, path)];
    expect(a.body).to.deep.equal({ greeting: 'hello x from 2' });
    expect(b).to.deep.equal(a);
    const anon = await send(shim.url!, '/api/Widgets/greet?name=x');
    expect(anon.body).to.deep.equal({ greeting: 'hello x from anonymous' });
  });

  it('logs in and out as LB3 does, and the new token works at once', async () => {
    const login = { method: 'POST', json: { username: 'alice', password: 'pass' } };
    const [a, b] = [await send(stock.url, '/api/Accounts/login', login), await send(shim.url!, '/api/Accounts/login', login)];
    expect(a.status).to.equal(200);
    expect(b.status).to.equal(200);
    expect(Object.keys(b.body as object)).to.deep.equal(Object.keys(a.body as object));
    const token = (b.body as { id: string }).id;
    expect((await send(shim.url!, `/api/Notes/1?access_token=${token}`)).status).to.equal(200);
    const out = await send(shim.url!, '/api/Accounts/logout', { method: 'POST', headers: { Authorization: token } });
    expect(out.status).to.equal(204);
    expect((await send(shim.url!, `/api/Notes/1?access_token=${token}`)).status).to.equal(401);
    const [la, lb] = [await send(stock.url, '/api/Accounts/logout', { method: 'POST' }), await send(shim.url!, '/api/Accounts/logout', { method: 'POST' })];
    expect(la.status).to.equal(401);
    expect(lb).to.deep.equal(la);
  });
});

describe('compat access-token principal on native routes', function () {
  this.timeout(30000);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loopback = require('loopback');

  it('is the core principal { id: userId, accessToken } for a native route when enableAuth() was called', async () => {
    const shim = await serveShim(await buildInlineApp());
    try {
      shim.app.route({
        verb: 'get',
        path: '/whoami',
        operation: {},
        invoke: (_args, ctx) => ({ id: ctx.principal?.id ?? null, token: (ctx.principal?.accessToken as { id?: string } | undefined)?.id ?? null }),
      });
      expect((await send(shim.url!, '/api/whoami?access_token=bob-token')).body).to.deep.equal({ id: 2, token: 'bob-token' });
      expect((await send(shim.url!, '/api/whoami')).body).to.deep.equal({ id: null, token: null });
    } finally {
      await shim.stop();
    }
  });

  it('comes from a loopback#token middleware of the app when auth is not enabled', async () => {
    const app = await buildInlineApp({ auth: false, setup: (a: any) => a.middleware('auth', loopback.token()) });
    expect(hasLoopbackTokenMiddleware(app)).to.equal(true);
    const shim = await serveShim(app);
    try {
      shim.app.route({ verb: 'get', path: '/whoami', operation: {}, invoke: (_args, ctx) => ({ id: ctx.principal?.id ?? null }) });
      expect((await send(shim.url!, '/api/whoami', { headers: { Authorization: 'alice-token' } })).body).to.deep.equal({ id: 1 });
    } finally {
      await shim.stop();
    }
    expect(hasLoopbackTokenMiddleware(await buildInlineApp({ auth: false }))).to.equal(false);
  });
});

describe('compat access-token principal', () => {
  it('is { id: userId, accessToken } for a token and undefined for none', () => {
    const token = { id: 'abc', userId: 7 };
    expect(principalFromAccessToken(token)).to.deep.equal({ id: 7, accessToken: token });
    expect(principalFromAccessToken(null)).to.equal(undefined);
    expect(principalFromAccessToken(undefined)).to.equal(undefined);
  });
});

describe('compat lb3TokenMiddleware options (against loopback.token() with the same options)', function () {
  this.timeout(30000);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loopback = require('loopback');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const express = require('express');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cookieParser = require('cookie-parser');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { sign } = require('cookie-signature');
  let lb3App: any;

  before(async () => {
    lb3App = await buildInlineApp();
  });

  /** An express app running `token` the way LB3 would (req.app = the LB3 app), echoing what it found. */
  async function serveWith(token: any): Promise<{ url: string; close(): Promise<void> }> {
    const e = express();
    e.use((req: any, res: any, next: () => void) => {
      Object.setPrototypeOf(req, lb3App.request);
      Object.setPrototypeOf(res, lb3App.response);
      next();
    });
    e.use(cookieParser('s3cret'));
    e.use(token);
    e.use((req: any, res: any) => res.json({ url: req.url, token: req.accessToken === null ? null : req.accessToken && req.accessToken.id }));
    e.use((err: any, _req: any, res: any, _next: unknown) => res.status(err.statusCode || 500).json({ message: err.message, code: err.code }));
    return serveStock(e);
  }

  const OPTION_SETS: Array<{ name: string; options: Record<string, unknown>; requests: Array<[string, Req?]> }> = [
    {
      name: 'currentUserLiteral',
      options: { currentUserLiteral: 'me' },
      requests: [
        ['/Accounts/me/notes?access_token=bob-token'],
        ['/Accounts/me'],
        ['/Accounts/meme?access_token=bob-token'],
        ['/Accounts/me?x=1', { headers: { Authorization: 'alice-token' } }],
      ],
    },
    {
      name: 'custom headers, params and cookies, defaults off',
      options: { headers: ['foo-auth'], params: ['foo_token'], cookies: ['foo'], searchDefaultTokenKeys: false },
      requests: [
        ['/x', { headers: { 'foo-auth': 'alice-token' } }],
        ['/x?foo_token=bob-token'],
        ['/x?access_token=bob-token'],
        ['/x', { headers: { Cookie: `foo=${encodeURIComponent('s:' + sign('admin-token', 's3cret'))}` } }],
      ],
    },
    {
      name: 'signed default cookies, raw Bearer',
      options: { bearerTokenBase64Encoded: false },
      requests: [
        ['/x', { headers: { Cookie: `access_token=${encodeURIComponent('s:' + sign('alice-token', 's3cret'))}` } }],
        ['/x', { headers: { Cookie: `authorization=${encodeURIComponent('s:' + sign('bob-token', 's3cret'))}` } }],
        ['/x', { headers: { Cookie: 'access_token=alice-token' } }],
        ['/x', { headers: { Authorization: 'Bearer bob-token' } }],
        ['/x?access_token=expired-9'],
        ['/x?access_token=expired-9'],
      ],
    },
  ];

  for (const set of OPTION_SETS) {
    it(`finds the same token as loopback.token(): ${set.name}`, async () => {
      const stock = await serveWith(loopback.token(set.options));
      const ours = await serveWith(lb3TokenMiddleware(lb3App, { ...set.options }));
      try {
        const expired9 = { id: 'expired-9', ttl: 60, created: new Date('2000-01-01T00:00:00.000Z'), userId: 1 };
        await lb3App.models.AccessToken.upsert(expired9);
        const a = [];
        for (const [path, req] of set.requests) a.push(await send(stock.url, path, req));
        // an expired token is deleted on first use: the same starting state for the second run
        await lb3App.models.AccessToken.upsert(expired9);
        const b = [];
        for (const [path, req] of set.requests) b.push(await send(ours.url, path, req));
        expect(b).to.deep.equal(a);
        expect(a.some((r) => r.status === 200 && (r.body as { token?: unknown }).token)).to.equal(true);
        if (set.name === 'currentUserLiteral') {
          expect(b[0].body).to.deep.equal({ url: '/Accounts/2/notes?access_token=bob-token', token: 'bob-token' });
          expect(b[1]).to.include({ status: 401 });
          expect(b[3].body).to.deep.equal({ url: '/Accounts/1?x=1', token: 'alice-token' });
        }
      } finally {
        await stock.close();
        await ours.close();
      }
    });
  }
});
