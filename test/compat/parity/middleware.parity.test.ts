/**
 * Parity of the `middleware` fixture: middleware.json entries in every phase
 * (favicon, app-local middleware, compression, cors, helmet, loopback#token
 * with options, app-level body parsers, an app-local route, loopback#static,
 * urlNotFound, strong-error-handler), each run exactly once per request
 * (`X-Mw-Runs`), with the error handler in prod and in debug mode
 * (`middleware.debug.json`, selected by NODE_ENV=debug).
 */
import { fixtureDir } from '../../support/paths';
import { assertParity, assertRouteCoverage, crudRequests, ParityRequest, ParityResult, runParity } from '../../support/parity';
import { normalizeStacks } from '../../support/stack-normalize';

const I = '/api/Items';
const A = '/api/Accounts';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const JSON_CT = { 'Content-Type': 'application/json' };
const ORIGIN = { Origin: 'http://client.example' };
const KEY = { 'X-Api-Key': 'mw-token' };

export const middlewareRequests: ParityRequest[] = [
  // ---- every phase, once per request ----------------------------------------
  { method: 'GET', path: `${I}/whoami`, note: 'helmet, cors, tag, count headers' },
  { method: 'GET', path: '/custom' },
  { method: 'GET', path: '/custom/' },
  { method: 'GET', path: '/custom?x=1', headers: ORIGIN },
  { method: 'GET', path: `${I}/whoami`, headers: ORIGIN },
  // ---- favicon ----------------------------------------------------------------
  { method: 'GET', path: '/favicon.ico' },
  { method: 'HEAD', path: '/favicon.ico' },
  { method: 'POST', path: '/favicon.ico' },
  { method: 'OPTIONS', path: '/favicon.ico' },
  { method: 'GET', path: '/favicon.ico', headers: { 'If-None-Match': '"37e-feBdr5IL3nzBfVCgd2gtfH5mboE"' }, note: 'conditional favicon' },
  // ---- static files ---------------------------------------------------------------
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/index.html' },
  { method: 'GET', path: '/hello.txt' },
  { method: 'HEAD', path: '/hello.txt' },
  { method: 'GET', path: '/hello.txt', headers: { Range: 'bytes=0-4' } },
  { method: 'GET', path: '/hello.txt', headers: { Range: 'bytes=500-600' } },
  { method: 'GET', path: '/hello.txt', ifNoneMatchPrevious: true, note: 'ETag of a 416' },
  { method: 'GET', path: '/hello.txt' },
  { method: 'GET', path: '/hello.txt', ifNoneMatchPrevious: true, note: 'static 304' },
  { method: 'GET', path: '/assets/data.json' },
  { method: 'GET', path: '/assets', note: 'directory redirect' },
  { method: 'GET', path: '/assets/' },
  { method: 'GET', path: '/HELLO.TXT' },
  { method: 'GET', path: '/../server/server.js' },
  { method: 'GET', path: '/%2e%2e/server/config.json' },
  { method: 'POST', path: '/hello.txt', json: {} },
  { method: 'DELETE', path: '/index.html' },
  { method: 'GET', path: '/hello.txt', headers: { 'Accept-Encoding': 'gzip' }, note: 'below threshold: not compressed' },
  // ---- compression -----------------------------------------------------------------
  { method: 'GET', path: I, headers: { 'Accept-Encoding': 'gzip' } },
  { method: 'GET', path: I, headers: { 'Accept-Encoding': 'deflate' } },
  { method: 'GET', path: I, headers: { 'Accept-Encoding': 'identity' } },
  { method: 'GET', path: I, headers: { 'Accept-Encoding': 'gzip;q=0, identity' } },
  { method: 'HEAD', path: I, headers: { 'Accept-Encoding': 'gzip' } },
  { method: 'HEAD', path: `${I}/1/exists` },
  { method: 'HEAD', path: `${A}/1/accessTokens` },
  ...[A, `${A}/1/accessTokens/mw-token`, `${A}/1/accessTokens/count`, `${A}/1/exists`].map((p): ParityRequest => ({
    method: 'HEAD',
    path: p,
    note: 'HEAD of a GET route',
  })),
  { method: 'OPTIONS', path: `${A}/logout`, headers: KEY, note: 'verb all: OPTIONS answered by cors first' },
  { method: 'GET', path: '/custom/big', headers: { 'Accept-Encoding': 'gzip' } },
  { method: 'GET', path: '/custom/big' },
  { method: 'GET', path: '/index.html', headers: { 'Accept-Encoding': 'gzip' } },
  {
    method: 'GET',
    path: `${I}/1`,
    headers: { 'Accept-Encoding': 'gzip' },
    note: 'small body: not compressed (compressed errors carry debug stacks, which cannot be compared)',
  },
  { method: 'GET', path: I, headers: { 'Accept-Encoding': 'gzip', 'Cache-Control': 'no-transform' } },
  // ---- CORS ------------------------------------------------------------------------
  { method: 'OPTIONS', path: I, headers: { ...ORIGIN, 'Access-Control-Request-Method': 'PUT' }, note: 'preflight' },
  {
    method: 'OPTIONS',
    path: `${I}/1`,
    headers: { ...ORIGIN, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'X-Api-Key, Content-Type' },
  },
  { method: 'OPTIONS', path: I, note: 'OPTIONS without Origin' },
  { method: 'OPTIONS', path: '/custom', headers: ORIGIN },
  { method: 'OPTIONS', path: '/nowhere', headers: { ...ORIGIN, 'Access-Control-Request-Method': 'GET' } },
  { method: 'GET', path: I, headers: { Origin: 'null' } },
  { method: 'POST', path: I, json: { name: 'from-cors' }, headers: ORIGIN },
  // ---- loopback#token with options --------------------------------------------------
  { method: 'GET', path: `${I}/whoami`, headers: KEY, note: 'custom token header' },
  { method: 'GET', path: `${I}/whoami?key=mw-token`, note: 'custom token query param' },
  { method: 'GET', path: `${I}/whoami`, headers: { 'X-Access-Token': 'mw-token' }, note: 'default header not configured' },
  { method: 'GET', path: `${I}/whoami?access_token=mw-token`, note: 'default query param not configured' },
  { method: 'GET', path: `${I}/whoami`, headers: { Authorization: 'mw-token' } },
  { method: 'GET', path: `${I}/whoami`, headers: { 'X-Api-Key': 'unknown' } },
  { method: 'GET', path: `${A}/me`, headers: KEY, note: 'currentUserLiteral' },
  { method: 'GET', path: `${A}/me`, note: 'me without token' },
  { method: 'GET', path: `${A}/me/accessTokens`, headers: KEY },
  { method: 'GET', path: '/custom', headers: KEY, note: 'token resolved outside /api too' },
  { method: 'GET', path: `/nope?key=mw-token` },
  // ---- app-level body parsers --------------------------------------------------------
  { method: 'POST', path: '/custom/echo', json: { a: 1, nested: { b: [1, 2] } } },
  { method: 'POST', path: '/custom/echo', body: 'a=1&b[c]=2&b[d]=3', headers: FORM, note: 'extended:false' },
  { method: 'POST', path: '/custom/echo', body: 'plain', headers: { 'Content-Type': 'text/plain' } },
  { method: 'POST', path: '/custom/echo', note: 'no body' },
  { method: 'POST', path: '/custom/echo', body: '{bad', headers: JSON_CT, note: 'malformed JSON at app level' },
  { method: 'POST', path: '/custom/echo', body: JSON.stringify({ big: 'x'.repeat(3000) }), headers: JSON_CT, note: 'app-level 2kb limit' },
  { method: 'POST', path: I, body: JSON.stringify({ name: 'big', note: 'y'.repeat(3000) }), headers: JSON_CT, note: '413 before /api' },
  { method: 'POST', path: I, body: '{bad', headers: JSON_CT },
  { method: 'POST', path: I, body: 'name=form-item&note=n', headers: FORM },
  { method: 'POST', path: I, body: 'name=a&name=b', headers: FORM },
  { method: 'POST', path: I, body: '"just a string"', headers: JSON_CT },
  { method: 'POST', path: '/custom/echo', body: '[1,2]', headers: { 'Content-Type': 'application/vnd.api+json' } },
  // ---- errors in and outside /api (strong-error-handler) ----------------------------------
  { method: 'GET', path: '/nope' },
  { method: 'GET', path: '/nope', headers: { Accept: 'text/html' } },
  { method: 'GET', path: '/nope', headers: { Accept: 'application/xml' } },
  { method: 'POST', path: '/nope/deeper?x=1', json: {} },
  { method: 'GET', path: '/custom/fail' },
  { method: 'GET', path: '/custom/fail', headers: { Accept: 'text/html' } },
  { method: 'GET', path: '/custom/crash' },
  { method: 'GET', path: '/custom/crash', headers: { Accept: 'text/html' } },
  { method: 'GET', path: '/custom/crash?_format=xml' },
  { method: 'GET', path: `${I}/fail` },
  { method: 'GET', path: `${I}/fail?kind=x`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${I}/fail?kind=plain` },
  { method: 'GET', path: `${I}/fail?kind=plain`, headers: { Accept: 'application/xml' } },
  { method: 'GET', path: `${I}/999` },
  { method: 'GET', path: '/api/Nopes' },
  { method: 'GET', path: '/api' },
  { method: 'POST', path: I, json: {}, note: '422 with details' },
  // ---- built-in endpoints (route coverage) -----------------------------------------------
  ...crudRequests(I, { existingId: 2, nextId: 33, sample: { name: 'crud' }, patch: { note: 'patched' } }),
  ...crudRequests(A, { existingId: 1, nextId: 2, sample: { username: 'u', email: 'u@example.com', password: 'p' }, patch: { username: 'renamed' } }),
  { method: 'POST', path: `${A}/login`, json: { username: 'mia', password: 'mia-pass' } },
  { method: 'POST', path: `${A}/login`, json: { username: 'mia', password: 'nope' } },
  { method: 'POST', path: `${A}/logout`, headers: { Authorization: 'mw-token' }, note: 'token not found via Authorization here' },
  { method: 'GET', path: `${A}/confirm?uid=1&token=x` },
  { method: 'POST', path: `${A}/reset`, json: { email: 'nobody@example.com' } },
  { method: 'POST', path: `${A}/change-password`, json: { oldPassword: 'x', newPassword: 'y' }, headers: KEY },
  { method: 'POST', path: `${A}/reset-password`, json: { newPassword: 'y' } },
  { method: 'POST', path: `${A}/999/verify` },
  { method: 'GET', path: `${A}/1/accessTokens` },
  { method: 'GET', path: `${A}/1/accessTokens/count` },
  { method: 'GET', path: `${A}/1/accessTokens/mw-token` },
  { method: 'PUT', path: `${A}/1/accessTokens/mw-token`, json: { ttl: 315360000 } },
  { method: 'POST', path: `${A}/1/accessTokens`, json: { id: 'second-token', ttl: 60, created: '2026-01-01T00:00:00.000Z' } },
  { method: 'DELETE', path: `${A}/1/accessTokens/second-token` },
  { method: 'POST', path: `${A}/logout`, headers: KEY, note: 'logout with the configured header' },
  { method: 'GET', path: `${I}/whoami`, headers: KEY, note: 'after logout' },
  { method: 'DELETE', path: `${A}/1/accessTokens` },
];

function runVariant(env: string | undefined): Promise<ParityResult> {
  const saved = process.env.NODE_ENV;
  // both runners are forked with a copy of process.env, so this selects middleware.<env>.json for both
  if (env === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = env;
  const running = runParity({ appDir: fixtureDir('middleware'), requests: middlewareRequests, headerOrder: true, normalize: normalizeStacks });
  if (saved === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = saved;
  return running;
}

for (const variant of [
  { env: undefined, label: 'prod error handler (middleware.json)' },
  { env: 'debug', label: 'debug error handler (middleware.debug.json)' },
]) {
  describe(`parity: middleware fixture, ${variant.label}, against stock LB3`, function () {
    this.timeout(180000);
    let result: ParityResult;

    before(async () => {
      result = await runVariant(variant.env);
    });

    it('answers every request exactly like stock LB3, header order included', () => {
      assertParity(result);
    });

    it('requests every REST route of the reference app', () => {
      assertRouteCoverage(result.referenceRoutes, middlewareRequests);
    });

    it('requests every REST route the candidate registered', () => {
      assertRouteCoverage(result.candidateRoutes, middlewareRequests);
    });
  });
}
