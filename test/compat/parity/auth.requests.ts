/**
 * The `auth` fixture's parity request list (tokens, login/logout, user endpoints,
 * ACL denial shapes), shared by auth.parity.test.ts (memory) and
 * postgres/auth.pg-parity.test.ts (PostgreSQL).
 */
import { crudRequests, ParityRequest } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const A = '/api/Accounts';
const N = '/api/Notes';
const as = (token: string) => ({ Authorization: token });
const ALICE = as('alice-token');
const BOB = as('bob-token');
const ADMIN = as('admin-token');
const withHeaders = (list: ParityRequest[], headers: Record<string, string>, tag: string): ParityRequest[] =>
  list.map((r) => ({ ...r, headers: { ...r.headers, ...headers }, note: `${tag}${r.note ? ': ' + r.note : ''}` }));

/** Every way of passing a token, checked on the token-echo endpoint (needs $authenticated). */
const tokenTransport: ParityRequest[] = [
  { method: 'GET', path: `${A}/whoami`, note: 'anonymous' },
  { method: 'GET', path: `${A}/whoami?access_token=alice-token`, note: 'query' },
  { method: 'GET', path: `${A}/whoami`, headers: { 'X-Access-Token': 'bob-token' }, note: 'X-Access-Token' },
  { method: 'GET', path: `${A}/whoami`, headers: { 'x-access-token': 'admin-token' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'alice-token' }, note: 'raw Authorization' },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: `Bearer ${b64('bob-token')}` }, note: 'Bearer base64' },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'Bearer bob-token' }, note: 'Bearer raw is unknown' },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'bearer bob-token' }, note: 'lowercase bearer is literal' },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: `Basic ${b64('x:alice-token')}` }, note: 'Basic: longer part' },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: `Basic ${b64('alice-token:x')}` } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: '' }, note: 'empty header skipped' },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'Bearer' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'Bearer ###' }, note: 'malformed base64' },
  { method: 'GET', path: `${A}/whoami?access_token=alice-token&access_token=bob-token`, note: 'repeated query param ignored' },
  { method: 'GET', path: `${A}/whoami?access_token=`, headers: { 'X-Access-Token': 'bob-token' } },
  { method: 'GET', path: `${A}/whoami?access_token=nope`, headers: { 'X-Access-Token': 'bob-token' }, note: 'first found wins even if unknown' },
  { method: 'GET', path: `${A}/whoami`, headers: { 'X-Access-Token': 'nope', Authorization: 'bob-token' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Cookie: 'access_token=alice-token; authorization=alice-token' }, note: 'unsigned cookies ignored' },
  { method: 'GET', path: `${A}/whoami?ACCESS_TOKEN=alice-token`, note: 'query name is case-sensitive' },
  { method: 'GET', path: `${A}/whoami?delay=5`, headers: ALICE },
  { method: 'POST', path: N, json: { title: 'via body', access_token: 'alice-token' }, note: 'JSON body token ignored' },
  { method: 'POST', path: N, body: 'title=form&access_token=alice-token', headers: FORM, note: 'form body token ignored' },
  { method: 'GET', path: `/api/Products?access_token=nope`, note: 'unknown token = anonymous' },
];

const expired: ParityRequest[] = [
  { method: 'GET', path: '/api/Products?access_token=expired-0', note: 'expired: 401 INVALID_TOKEN on a public endpoint' },
  { method: 'GET', path: '/api/Products?access_token=expired-0', note: 'deleted on first use: now anonymous' },
  { method: 'GET', path: '/api/Products/1', headers: { 'X-Access-Token': 'expired-1' } },
  { method: 'GET', path: '/api/Products/1', headers: { 'X-Access-Token': 'expired-1' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'expired-2' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'expired-2' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: `Bearer ${b64('expired-3')}` } },
  {
    method: 'POST',
    path: `${A}/login`,
    json: { username: 'bob', password: 'bob-pass' },
    headers: { Authorization: 'expired-4' },
    note: 'login with expired token',
  },
  { method: 'POST', path: `${A}/logout`, headers: { Authorization: 'expired-5' } },
  { method: 'POST', path: N, body: '{bad', headers: { Authorization: 'expired-6', 'Content-Type': 'application/json' }, note: 'token before body parse' },
  { method: 'GET', path: '/api/Nopes', headers: { Authorization: 'expired-7' }, note: 'unknown model' },
  { method: 'GET', path: '/nope', headers: { Authorization: 'expired-8' }, note: 'outside /api' },
  { method: 'GET', path: '/api/Products/1', headers: { Authorization: 'expired-9', Accept: 'text/html' } },
  { method: 'GET', path: '/api/Products/1?_format=xml', headers: { Authorization: 'expired-10' } },
];

const login: ParityRequest[] = [
  { method: 'POST', path: `${A}/login`, json: { email: 'alice@example.com', password: 'alice-pass' } },
  { method: 'POST', path: `${A}/login`, json: { username: 'alice', password: 'alice-pass' } },
  { method: 'POST', path: `${A}/login?include=user`, json: { username: 'bob', password: 'bob-pass' } },
  { method: 'POST', path: `${A}/login?include=USER`, json: { username: 'bob', password: 'bob-pass' } },
  { method: 'POST', path: `${A}/login?include=nope`, json: { username: 'bob', password: 'bob-pass' } },
  { method: 'POST', path: `${A}/login`, json: { username: 'bob', password: 'bob-pass', ttl: 99999999999 }, note: 'ttl clamped' },
  { method: 'POST', path: `${A}/login`, json: { username: 'bob', password: 'bob-pass', ttl: 60 } },
  { method: 'POST', path: `${A}/login`, json: { username: 'bob', password: 'bob-pass', ttl: -1 } },
  { method: 'POST', path: `${A}/login`, json: { username: 'bob', password: 'bob-pass', ttl: 'abc' } },
  { method: 'POST', path: `${A}/login`, body: 'username=alice&password=alice-pass', headers: FORM, note: 'urlencoded' },
  { method: 'POST', path: `${A}/login?include=user`, body: 'email=alice%40example.com&password=alice-pass&ttl=120', headers: FORM },
  { method: 'POST', path: `${A}/login`, json: { username: 'alice', password: 'wrong' } },
  { method: 'POST', path: `${A}/login`, json: { username: 'nobody', password: 'x' } },
  { method: 'POST', path: `${A}/login`, json: { email: 'ALICE@example.com', password: 'alice-pass' }, note: 'case-sensitive email' },
  { method: 'POST', path: `${A}/login`, json: { password: 'x' } },
  { method: 'POST', path: `${A}/login`, json: {} },
  { method: 'POST', path: `${A}/login`, note: 'no body' },
  { method: 'POST', path: `${A}/login`, json: { username: 'alice' }, note: 'no password' },
  { method: 'POST', path: `${A}/login`, json: { username: ['alice'], password: 'alice-pass' } },
  { method: 'POST', path: `${A}/login`, json: { username: 'alice', password: 'alice-pass' }, headers: BOB, note: 'login while logged in' },
  { method: 'GET', path: `${A}/login`, note: 'GET /login is findById("login")' },
  { method: 'GET', path: `${A}/login`, headers: ALICE },
];

const logout: ParityRequest[] = [
  { method: 'POST', path: `${A}/logout`, note: 'no token' },
  { method: 'POST', path: `${A}/logout?access_token=nope` },
  { method: 'GET', path: `${A}/logout`, headers: as('alice-token-2'), note: 'GET /logout is findById' },
  { method: 'GET', path: `${A}/whoami`, headers: as('alice-token-2') },
  { method: 'POST', path: `${A}/logout`, headers: as('alice-token-2'), note: 'logout: 204' },
  { method: 'GET', path: `${A}/whoami`, headers: as('alice-token-2'), note: 'token gone' },
  { method: 'POST', path: `${A}/logout`, headers: as('alice-token-2'), note: 'second logout' },
  { method: 'PUT', path: `${A}/logout?access_token=dave-token`, json: {}, note: 'verb all (PUT reaches /:id first)' },
  { method: 'DELETE', path: `${A}/logout?access_token=dave-token` },
  { method: 'PATCH', path: `${A}/logout?access_token=dave-token`, json: {} },
  { method: 'HEAD', path: `${A}/logout?access_token=dave-token` },
  { method: 'OPTIONS', path: `${A}/logout?access_token=dave-token` },
  { method: 'POST', path: `${A}/logout`, body: 'x=1', headers: { ...FORM, 'X-Access-Token': 'dave-token' } },
  { method: 'POST', path: `${A}/logout?access_token=dave-token` },
];

const users: ParityRequest[] = [
  {
    method: 'POST',
    path: A,
    json: { username: 'zed', email: 'zed@example.com', password: 'zed-pass', emailVerified: true, verificationToken: 'x', extra: 'kept' },
  },
  { method: 'POST', path: A, json: { username: 'zed2', email: 'zed2@example.com' }, note: 'missing password' },
  { method: 'POST', path: A, json: { username: 'zed3', password: 'p' }, note: 'missing email' },
  { method: 'POST', path: A, json: { username: 'zed4', email: 'alice@example.com', password: 'p' }, note: 'duplicate email' },
  { method: 'POST', path: A, json: { username: 'alice', email: 'new@example.com', password: 'p' }, note: 'duplicate username' },
  { method: 'POST', path: A, json: { username: 'bad', email: 'not-an-email', password: 'p' } },
  { method: 'POST', path: A, json: { email: 'x@example.com', password: '' } },
  { method: 'POST', path: A, body: 'username=formy&email=formy%40example.com&password=pw', headers: FORM },
  { method: 'POST', path: `${A}/login`, json: { username: 'zed', password: 'zed-pass' }, note: 'created user logs in' },
  {
    method: 'POST',
    path: A,
    json: [
      { username: 'b1', email: 'b1@example.com', password: 'p' },
      { username: 'b2', email: 'b2@example.com', password: 'p' },
    ],
  },
  // change-password (carol)
  { method: 'POST', path: `${A}/change-password`, json: { oldPassword: 'carol-pass', newPassword: 'x' }, note: 'anonymous' },
  { method: 'POST', path: `${A}/change-password`, json: { oldPassword: 'wrong', newPassword: 'x' }, headers: as('carol-token') },
  { method: 'POST', path: `${A}/change-password`, json: { newPassword: 'x' }, headers: as('carol-token') },
  { method: 'POST', path: `${A}/change-password`, json: { oldPassword: 'carol-pass' }, headers: as('carol-token') },
  { method: 'POST', path: `${A}/change-password`, json: { oldPassword: 'carol-pass', newPassword: 'carol-new' }, headers: as('carol-token') },
  {
    method: 'POST',
    path: `${A}/change-password`,
    json: { oldPassword: 'carol-pass', newPassword: 'again' },
    headers: as('carol-token'),
    note: 'old password no longer valid',
  },
  { method: 'POST', path: `${A}/login`, json: { username: 'carol', password: 'carol-pass' } },
  { method: 'POST', path: `${A}/login`, json: { username: 'carol', password: 'carol-new' } },
  { method: 'POST', path: `${A}/change-password`, body: 'oldPassword=carol-new&newPassword=carol-3', headers: { ...FORM, Authorization: 'carol-token' } },
  { method: 'GET', path: `${A}/whoami`, headers: as('carol-token'), note: 'current token survives its own password change' },
  // set password
  { method: 'POST', path: `${A}/reset-password`, json: { newPassword: 'carol-4' }, note: 'anonymous' },
  { method: 'POST', path: `${A}/reset-password`, json: {}, headers: as('carol-token') },
  { method: 'POST', path: `${A}/reset-password`, json: { newPassword: 'carol-4' }, headers: as('carol-token') },
  { method: 'POST', path: `${A}/login`, json: { username: 'carol', password: 'carol-4' } },
  // reset request, confirm, verify
  { method: 'POST', path: `${A}/reset`, json: { email: 'dave@example.com' } },
  { method: 'POST', path: `${A}/reset`, json: { email: 'nobody@example.com' } },
  { method: 'POST', path: `${A}/reset`, json: {} },
  { method: 'POST', path: `${A}/reset`, body: 'email=dave%40example.com', headers: FORM },
  { method: 'GET', path: `${A}/confirm` },
  { method: 'GET', path: `${A}/confirm?uid=1` },
  { method: 'GET', path: `${A}/confirm?uid=1&token=bad` },
  { method: 'GET', path: `${A}/confirm?uid=999&token=bad` },
  { method: 'GET', path: `${A}/confirm?uid=1&token=bad&redirect=/x` },
  { method: 'POST', path: `${A}/1/verify`, note: 'stub mail transport' },
  { method: 'GET', path: `${A}/confirm?uid=1&token=verify-alice` },
  { method: 'GET', path: `${A}/confirm?uid=1&token=verify-alice&redirect=%2Fdone` },
  { method: 'POST', path: `${A}/999/verify` },
  { method: 'POST', path: `${A}/1/verify`, headers: ALICE },
];

const acl: ParityRequest[] = [
  // owner-based
  { method: 'GET', path: `${A}/1`, headers: ALICE },
  { method: 'GET', path: `${A}/1`, headers: BOB },
  { method: 'GET', path: `${A}/1`, note: 'anonymous' },
  { method: 'GET', path: `${A}/1`, headers: ADMIN, note: 'admin role READ on a User model' },
  { method: 'GET', path: `${A}/999`, headers: ALICE, note: 'ACL before 404' },
  { method: 'GET', path: `${A}/999`, headers: ADMIN },
  { method: 'GET', path: `${A}/me`, headers: ALICE, note: 'no /me substitution' },
  { method: 'GET', path: A, headers: ALICE },
  { method: 'GET', path: A, headers: ADMIN },
  { method: 'GET', path: `${A}/count`, headers: ADMIN },
  { method: 'GET', path: `${A}/1/exists`, headers: ALICE },
  { method: 'PATCH', path: `${A}/1`, json: { name: 'Alice A.' }, headers: ALICE },
  { method: 'PATCH', path: `${A}/1`, json: { name: 'Hacked' }, headers: BOB },
  { method: 'PATCH', path: `${A}/1`, json: { name: 'Admin edit' }, headers: ADMIN, note: 'admin READ only' },
  { method: 'PUT', path: `${A}/1`, json: { name: 'x' }, headers: ALICE, note: 'replace drops required props' },
  { method: 'GET', path: `${A}/1/notes`, headers: ALICE },
  { method: 'GET', path: `${A}/1/notes?filter=${enc({ order: 'id DESC', limit: 1 })}`, headers: ALICE },
  { method: 'GET', path: `${A}/1/notes`, headers: BOB },
  { method: 'GET', path: `${A}/1/notes/count`, headers: ALICE },
  { method: 'GET', path: `${A}/1/notes/1`, headers: ALICE, note: '__findById__notes not allowed' },
  { method: 'POST', path: `${A}/1/notes`, json: { title: 'rel' }, headers: ALICE, note: '__create__ not allowed by __get__' },
  { method: 'PUT', path: `${A}/1/notes/1`, json: { title: 'rel' }, headers: ALICE },
  { method: 'DELETE', path: `${A}/1/notes/1`, headers: ALICE },
  { method: 'DELETE', path: `${A}/1/notes`, headers: ALICE },
  { method: 'GET', path: `${A}/1/accessTokens`, headers: ALICE },
  { method: 'GET', path: `${A}/1/accessTokens/count`, headers: ALICE },
  { method: 'GET', path: `${A}/1/accessTokens/alice-token`, headers: ALICE },
  { method: 'POST', path: `${A}/1/accessTokens`, json: {}, headers: ALICE },
  { method: 'PUT', path: `${A}/1/accessTokens/alice-token`, json: {}, headers: ALICE },
  { method: 'DELETE', path: `${A}/1/accessTokens/alice-token`, headers: ALICE },
  { method: 'DELETE', path: `${A}/1/accessTokens`, headers: BOB },
  // Note: aclErrorStatus 403
  { method: 'GET', path: N, note: 'anonymous: always 401' },
  { method: 'GET', path: N, headers: ALICE },
  { method: 'GET', path: `${N}?filter=${enc({ where: { ownerId: 2 } })}`, headers: ALICE },
  { method: 'GET', path: `${N}/count`, headers: ALICE, note: 'database ACL row' },
  { method: 'GET', path: `${N}/count` },
  // §2/§3/§9 #8: argument errors are raised while the arguments are built, before ACL: 400, not 401
  { method: 'GET', path: `${N}?filter={bad}`, note: 'anonymous, unparsable filter: 400 before the ACL' },
  { method: 'GET', path: `${N}?filter=[1]`, note: 'anonymous, array filter: 400 before the ACL' },
  { method: 'GET', path: `${N}?filter=${enc({ limit: 'abc' })}`, note: 'anonymous, bad limit: the ACL answers first (juggler checks limit at invoke)' },
  { method: 'GET', path: `${N}/count?where={bad}`, headers: BOB, note: 'authenticated, bad where: 400' },
  { method: 'GET', path: `${N}/findOne`, headers: ALICE },
  { method: 'GET', path: `${N}/1`, headers: ALICE },
  { method: 'GET', path: `${N}/3`, headers: ALICE, note: 'not the owner: 403' },
  { method: 'GET', path: `${N}/999`, headers: ALICE },
  { method: 'HEAD', path: `${N}/1`, headers: ALICE },
  { method: 'HEAD', path: `${N}/3`, headers: ALICE },
  { method: 'HEAD', path: N, headers: ALICE },
  { method: 'HEAD', path: N },
  { method: 'HEAD', path: `${A}/1/notes`, headers: ALICE },
  { method: 'HEAD', path: `${A}/1/notes`, headers: BOB },
  { method: 'HEAD', path: `${N}/1/owner`, headers: ALICE },
  // HEAD on every GET route (express serves HEAD from GET; the explicit HEAD /:id is exists)
  ...[
    '/api/Accounts',
    '/api/Accounts/1/accessTokens',
    '/api/Accounts/1/accessTokens/alice-token',
    '/api/Accounts/1/accessTokens/count',
    '/api/Accounts/1/exists',
    '/api/Accounts/1/notes/1',
    '/api/Accounts/1/notes/count',
    '/api/Notes/1/exists',
    '/api/Products',
    '/api/Products/1/exists',
    '/api/Reports',
    '/api/Reports/1/exists',
    '/api/Secrets',
    '/api/Secrets/1/exists',
  ].flatMap((p): ParityRequest[] => [
    { method: 'HEAD', path: p, headers: ALICE },
    // the token list holds login-created random ids: a HEAD's ETag of an unsent body cannot be normalised
    ...(p.endsWith('/accessTokens') ? [] : [{ method: 'HEAD', path: p, headers: ADMIN }]),
  ]),
  {
    method: 'GET',
    path: '/api/Notes/change-stream',
    headers: { ...BOB, Accept: 'application/json' },
    headersOnly: true,
    note: 'stock sends the stream headers before the ACL denial',
  },
  { method: 'GET', path: `${N}/1/exists`, headers: ALICE },
  { method: 'GET', path: `${N}/1/owner`, headers: ALICE },
  { method: 'GET', path: `${N}/1/owner`, headers: BOB },
  { method: 'GET', path: `${N}/3/owner`, headers: BOB },
  { method: 'PATCH', path: `${N}/1`, json: { body: 'edited' }, headers: ALICE },
  { method: 'PATCH', path: `${N}/3`, json: { body: 'edited' }, headers: ALICE },
  { method: 'PATCH', path: `${N}/999`, json: { body: 'x' }, headers: ALICE, note: 'ACL before missing-instance 404' },
  { method: 'PATCH', path: `${N}/1?id=3`, json: { body: 'x' }, headers: BOB, note: 'owner from path id' },
  { method: 'PATCH', path: `${N}/3`, json: { id: 1, body: 'x' }, headers: ALICE },
  { method: 'PUT', path: `${N}/1`, json: { title: 'replace' }, headers: ALICE, note: 'replaceById not allowed to owner' },
  { method: 'POST', path: `${N}/update?where=${enc({ ownerId: 1 })}`, json: { body: 'bulk' }, headers: ALICE, note: 'static write: $owner never matches' },
  { method: 'POST', path: N, json: { title: 'new', ownerId: 1 }, headers: ALICE },
  { method: 'POST', path: N, json: {}, headers: ALICE, note: '422 after ACL' },
  { method: 'POST', path: N, json: { title: 'x' }, note: 'anonymous' },
  { method: 'DELETE', path: `${N}/3`, headers: ALICE },
  { method: 'DELETE', path: `${N}/2`, headers: ALICE },
  { method: 'DELETE', path: `${N}/2`, headers: ALICE, note: 'already gone' },
  { method: 'GET', path: `${N}/3`, headers: ADMIN, note: 'admin role on Note' },
  { method: 'PUT', path: `${N}/3`, json: { title: 'by admin', ownerId: 2 }, headers: ADMIN },
  // Secret: aclErrorStatus 404
  { method: 'GET', path: '/api/Secrets' },
  { method: 'GET', path: '/api/Secrets', headers: ALICE, note: 'static method: id undefined' },
  { method: 'GET', path: '/api/Secrets/1', headers: ALICE },
  { method: 'GET', path: '/api/Secrets/999', headers: ALICE },
  { method: 'GET', path: '/api/Secrets/abc', headers: BOB },
  { method: 'PATCH', path: '/api/Secrets/2', json: { value: 'x' }, headers: BOB },
  { method: 'GET', path: '/api/Secrets', headers: ADMIN },
  { method: 'GET', path: '/api/Secrets/999', headers: ADMIN },
  // Report: custom role resolver + database ACL row
  { method: 'GET', path: '/api/Reports', headers: ALICE, note: 'team red' },
  { method: 'GET', path: '/api/Reports', headers: as('carol-token'), note: 'team red' },
  { method: 'GET', path: '/api/Reports', headers: BOB, note: 'team blue: default 401' },
  { method: 'GET', path: '/api/Reports', headers: ADMIN, note: 'no team' },
  { method: 'GET', path: '/api/Reports' },
  { method: 'GET', path: '/api/Reports/1', headers: ALICE },
  { method: 'GET', path: '/api/Reports/summary', headers: ALICE },
  { method: 'GET', path: '/api/Reports/summary', headers: ADMIN },
  { method: 'POST', path: '/api/Reports', json: { title: 'Q3' }, headers: ALICE, note: 'WRITE not granted' },
  // Product: public READ, database DENY on count
  { method: 'GET', path: '/api/Products' },
  { method: 'GET', path: '/api/Products/count' },
  { method: 'GET', path: '/api/Products/count', headers: ADMIN },
  { method: 'POST', path: '/api/Products', json: { name: 'anon' } },
  { method: 'POST', path: '/api/Products', json: { name: 'user' }, headers: ALICE },
  { method: 'GET', path: '/api/Products/999', note: 'READ allowed: normal 404' },
  { method: 'OPTIONS', path: '/api/Products' },
  { method: 'GET', path: '/api/Nopes', headers: ALICE },
];

/** Built-in endpoints of the remaining models, so every route is requested at least once. */
const crud: ParityRequest[] = [
  ...withHeaders(crudRequests('/api/Products', { existingId: 2, nextId: 3, sample: { name: 'Lamp', price: 9 }, patch: { price: 10 } }), ADMIN, 'admin'),
  ...withHeaders(crudRequests('/api/Products', { existingId: 2, nextId: 3, sample: { name: 'Lamp', price: 9 }, patch: { price: 10 } }), {}, 'anonymous'),
  ...withHeaders(crudRequests('/api/Secrets', { existingId: 2, nextId: 3, sample: { label: 'k', value: 'v' }, patch: { value: 'w' } }), ADMIN, 'admin'),
  ...withHeaders(crudRequests('/api/Secrets', { existingId: 2, nextId: 3, sample: { label: 'k', value: 'v' }, patch: { value: 'w' } }), BOB, 'bob'),
  ...withHeaders(crudRequests('/api/Reports', { existingId: 2, nextId: 3, sample: { title: 'Q9', total: 1 }, patch: { total: 2 } }), ALICE, 'alice'),
  ...withHeaders(crudRequests(N, { existingId: 1, nextId: 6, sample: { title: 'crud', ownerId: 1 }, patch: { body: 'p' } }), ALICE, 'alice'),
  ...withHeaders(crudRequests(N, { existingId: 1, nextId: 6, sample: { title: 'crud', ownerId: 1 }, patch: { body: 'p' } }), ADMIN, 'admin'),
  ...withHeaders(
    crudRequests(A, { existingId: 2, nextId: 60, sample: { username: 'c1', email: 'c1@example.com', password: 'p' }, patch: { name: 'B' } }),
    BOB,
    'bob',
  ),
  ...withHeaders(
    crudRequests(A, { existingId: 2, nextId: 60, sample: { username: 'c2', email: 'c2@example.com', password: 'p' }, patch: { name: 'B' } }),
    ADMIN,
    'admin',
  ),
];

/** Deletion of users last: their tokens go with them. */
const teardown: ParityRequest[] = [
  { method: 'DELETE', path: `${A}/5`, headers: as('dave-token') },
  { method: 'GET', path: `${A}/whoami`, headers: as('dave-token'), note: 'tokens of a deleted user' },
  { method: 'DELETE', path: `${A}/1`, headers: BOB },
  { method: 'DELETE', path: `${A}/999`, headers: ADMIN },
];

export const authRequests: ParityRequest[] = [...tokenTransport, ...expired, ...login, ...logout, ...users, ...acl, ...crud, ...teardown];
