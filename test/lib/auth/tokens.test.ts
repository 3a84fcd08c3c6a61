/**
 * Token extraction and validation equal LB3's (`AccessToken.getIdForRequest`,
 * `AccessToken.resolve` / `validate`), decided side by side on the same inputs.
 */

import { expect } from 'chai';
import { defineAuthModels, isTokenValid, resolveAccessToken, tokenIdFromRequest, type TokenLookupOptions } from '../../../lib/auth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DataSource } = require('loopback-datasource-juggler');

const b64 = (s: string) => Buffer.from(s).toString('base64');

function request(parts: { headers?: Record<string, string>; query?: any; body?: any; params?: any; signedCookies?: any }): any {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parts.headers ?? {})) headers[k.toLowerCase()] = v;
  return {
    headers,
    query: parts.query ?? {},
    body: parts.body,
    params: parts.params ?? {},
    signedCookies: parts.signedCookies,
    header: (name: string) => headers[name.toLowerCase()],
  };
}

const REQUESTS = [
  request({}),
  request({ headers: { authorization: 'plain-token' } }),
  request({ headers: { authorization: 'Bearer ' + b64('bearer-token') } }),
  request({ headers: { authorization: 'Bearer raw-token' } }),
  request({ headers: { authorization: 'Basic ' + b64('user:longer-password') } }),
  request({ headers: { authorization: 'basic ' + b64('longer-user-part:pw') } }),
  request({ headers: { authorization: 'Basic ' + b64('justtoken') } }),
  request({ headers: { authorization: '', 'x-access-token': 'x-token' } }),
  request({ headers: { 'X-Access-Token': 'x-token', authorization: 'auth-token' } }),
  request({ headers: { 'x-custom': 'custom-header-token', authorization: 'auth-token' } }),
  request({ query: { access_token: 'query-token' }, headers: { authorization: 'auth-token' } }),
  request({ query: { access_token: ['a', 'b'] } }),
  request({ body: { access_token: 'body-token' }, query: { access_token: 'query-token' } }),
  request({ params: { access_token: 'param-token' }, body: { access_token: 'body-token' } }),
  request({ query: { custom: 'custom-param-token' } }),
  request({ signedCookies: { access_token: 'cookie-token' } }),
  request({ signedCookies: { authorization: 'cookie-auth' } }),
  request({ signedCookies: { custom: 'custom-cookie' } }),
];

const OPTIONS: TokenLookupOptions[] = [
  {},
  { bearerTokenBase64Encoded: true },
  { bearerTokenBase64Encoded: false },
  { headers: ['x-custom'], params: ['custom'], cookies: ['custom'] },
  { headers: ['x-custom'], params: ['custom'], cookies: ['custom'], searchDefaultTokenKeys: false, bearerTokenBase64Encoded: true },
];

describe('lib/auth access tokens', () => {
  let AccessToken: any;

  before(() => {
    const app = loopback({ localRegistry: true, loadBuiltinModels: true });
    app.dataSource('db', { connector: 'memory' });
    for (const name of ['User', 'AccessToken']) app.model(app.registry.getModel(name), { dataSource: 'db' });
    AccessToken = app.models.AccessToken;
  });

  it('finds the token id where LB3 does, for every request × loopback.token() options', () => {
    let checks = 0;
    for (const options of OPTIONS) {
      for (const req of REQUESTS) {
        // loopback.token() turns base64 decoding of Bearer values on unless told otherwise
        const expected = AccessToken.getIdForRequest(req, { ...options, bearerTokenBase64Encoded: options.bearerTokenBase64Encoded ?? true });
        expect(
          tokenIdFromRequest(req, options),
          `${JSON.stringify(options)} ${JSON.stringify({ h: req.headers, q: req.query, b: req.body, c: req.signedCookies })}`,
        ).to.equal(expected);
        checks++;
      }
    }
    expect(checks).to.equal(OPTIONS.length * REQUESTS.length);
  });

  it('reads a Bearer header as base64 by default, as loopback.token() sets it', () => {
    expect(tokenIdFromRequest(request({ headers: { authorization: 'Bearer ' + b64('abc') } }))).to.equal('abc');
  });

  describe('validation', () => {
    const created = new Date('2026-01-01T00:00:00Z');
    const cases = [
      { ttl: 60, at: 59_000 },
      { ttl: 60, at: 60_000 },
      { ttl: 60, at: 61_000 },
      { ttl: -1, at: 1_000 },
      { ttl: -1, at: 1_000, eternal: true },
    ];

    it('decides validity and expiry as AccessToken.prototype.validate', async () => {
      const realNow = Date.now;
      try {
        for (const c of cases) {
          Date.now = () => created.getTime() + c.at;
          const User = { settings: { allowEternalTokens: !!c.eternal } };
          AccessToken.relations.user = { modelTo: User };
          const token = new AccessToken({ id: 'x', ttl: c.ttl, created });
          token.destroy = (cb: (e: null) => void) => cb(null);
          const expected = await new Promise((resolve, reject) => token.validate((err: unknown, ok: boolean) => (err ? reject(err) : resolve(ok))));
          expect(isTokenValid(token, { userModelOf: () => User }), JSON.stringify(c)).to.equal(expected);
        }
      } finally {
        Date.now = realNow;
        delete AccessToken.relations.user;
      }
    });

    it('rejects malformed tokens with LB3 assertion messages', async () => {
      for (const bad of [
        { ttl: 10, created: null },
        { ttl: 0, created },
        { ttl: null, created },
        { ttl: -2, created },
      ]) {
        const token = new AccessToken({ id: 'x', ...bad });
        const lb3 = await new Promise<string>((resolve) => token.validate((err: Error) => resolve(err && err.message)));
        expect(lb3, JSON.stringify(bad)).to.be.a('string');
        expect(() => isTokenValid(token), JSON.stringify(bad)).to.throw(lb3);
      }
    });
  });

  describe('resolveAccessToken over the native AccessToken model', () => {
    let models: ReturnType<typeof defineAuthModels>;

    before(async () => {
      const ds = new DataSource('auth', { connector: 'memory' });
      models = defineAuthModels(ds);
      await models.AccessToken.create([
        { id: 'fresh', ttl: 3600, userId: 1 },
        { id: 'old', ttl: 1, created: new Date(Date.now() - 10_000), userId: 2 },
      ]);
    });

    it('answers the stored token for a valid id', async () => {
      const token = await resolveAccessToken(models.AccessToken, 'fresh');
      expect(token).to.include({ id: 'fresh', userId: 1, ttl: 3600 });
    });

    it('answers undefined for an unknown id (anonymous)', async () => {
      expect(await resolveAccessToken(models.AccessToken, 'nope')).to.equal(undefined);
    });

    it('fails an expired token with 401 INVALID_TOKEN and deletes it', async () => {
      let err: any;
      await resolveAccessToken(models.AccessToken, 'old').catch((e) => (err = e));
      expect(err).to.include({ statusCode: 401, code: 'INVALID_TOKEN', message: 'Invalid Access Token' });
      expect(await models.AccessToken.findById('old')).to.equal(null);
    });

    it('gives a new token a 64-character id, a two-week ttl and a created date', async () => {
      const token = await models.AccessToken.create({ userId: 5 });
      expect(token.id).to.match(/^[A-Za-z0-9]{64}$/);
      expect(token.ttl).to.equal(1209600);
      expect(token.created).to.be.instanceOf(Date);
    });
  });
});
