/**
 * The hostile-input corpus, sent to the `auth` fixture in production mode by
 * hostile.parity.test.ts: malformed and mistyped bodies, oversize and 10k-deep
 * input, prototype-pollution keys, absurd paging, invalid ids, ReDoS-shaped
 * regexps, unknown includes, injection-shaped strings, bad percent-encoding,
 * 16 kB+ URLs and headers, bogus tokens, odd verbs and Unicode.
 */
import type { ParityRequest } from '../../support/parity';

/** One corpus entry: a parity request with its category. */
export interface HostileRequest extends ParityRequest {
  category: string;
  /**
   * Known to differ today, with the reason and who fixes it: compared and
   * reported, not failed. (Raw-path routing is the `serve` work of issue 15.)
   */
  pending?: string;
  /** Known to crash stock LB3 (sent last; the data comparison happens before them). */
  crashesStock?: boolean;
}

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const JSON_CT = { 'Content-Type': 'application/json' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const ALICE = { Authorization: 'alice-token' };
const ADMIN = { Authorization: 'admin-token' };
const N = '/api/Notes';
const P = '/api/Products';
const A = '/api/Accounts';

const deepObject = (depth: number, leaf: unknown = 1): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
/** JSON text of a `depth`-deep object (JSON.stringify itself overflows the stack at 10k). */
const deepJson = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepAnd = (depth: number): unknown => {
  let v: unknown = { id: 1 };
  for (let i = 0; i < depth; i++) v = { and: [v] };
  return v;
};

const tag = (category: string, list: Array<ParityRequest & { pending?: string }>): HostileRequest[] => list.map((r) => ({ ...r, category }));

export const snapshotRequests: ParityRequest[] = [
  { method: 'GET', path: N, headers: ADMIN, note: 'snapshot: notes' },
  { method: 'GET', path: P, note: 'snapshot: products' },
  { method: 'GET', path: `${A}?filter=${enc({ order: 'id ASC', limit: 8 })}`, headers: ADMIN, note: 'snapshot: accounts' },
  { method: 'GET', path: '/api/Secrets', headers: ADMIN, note: 'snapshot: secrets' },
  { method: 'GET', path: '/api/Reports', headers: ADMIN, note: 'snapshot: reports' },
];

const malformedJson = tag(
  'malformed JSON',
  [
    '{bad',
    '{"title":',
    '[',
    '{"title":"x",}',
    '{"title":"x"}}',
    "{'title':'x'}",
    '{"title":"x" "body":"y"}',
    'nul',
    '\u0000',
    '\ufeff{"title":"bom"}',
    '{"title":"\\u12"}',
    '{"title":01}',
    '',
    ' ',
    'null',
    '"just a string"',
    '42',
    'true',
    '[1,2',
    '{"title":"x"}garbage',
  ].map((body): ParityRequest => ({ method: 'POST', path: N, body, headers: { ...ALICE, ...JSON_CT }, note: `body ${JSON.stringify(body).slice(0, 30)}` })),
);

const contentTypes = tag('wrong content type', [
  { method: 'POST', path: N, body: '{"title":"plain"}', headers: { ...ALICE, 'Content-Type': 'text/plain' } },
  { method: 'POST', path: N, body: '<note><title>x</title></note>', headers: { ...ALICE, 'Content-Type': 'application/xml' } },
  {
    method: 'POST',
    path: N,
    body: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n',
    headers: { ...ALICE, 'Content-Type': 'multipart/form-data; boundary=b' },
  },
  { method: 'POST', path: N, body: '{"title":"utf16"}', headers: { ...ALICE, 'Content-Type': 'application/json; charset=utf-16' } },
  { method: 'POST', path: N, body: '{"title":"koi8"}', headers: { ...ALICE, 'Content-Type': 'application/json; charset=koi8-r' } },
  { method: 'POST', path: N, body: '{"title":"json-as-form"}', headers: { ...ALICE, ...FORM } },
  { method: 'POST', path: N, body: '{"title":"none"}', headers: { ...ALICE } },
  { method: 'POST', path: N, body: '{"title":"vnd"}', headers: { ...ALICE, 'Content-Type': 'application/vnd.api+json' } },
  { method: 'POST', path: N, body: '{"title":"junk"}', headers: { ...ALICE, 'Content-Type': ';;;' } },
  {
    method: 'POST',
    path: N,
    body: '{"title":"x"}',
    headers: { ...ALICE, 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    note: 'claims gzip, is not',
  },
  { method: 'POST', path: N, body: '{"title":"x"}', headers: { ...ALICE, 'Content-Type': 'application/json', 'Content-Encoding': 'br, zstd' } },
  { method: 'GET', path: N, headers: { ...ALICE, Accept: 'application/xml' } },
  { method: 'GET', path: N, headers: { ...ALICE, Accept: '*/*;q=foo' } },
  { method: 'GET', path: N, headers: { ...ALICE, Accept: 'text/html;;;,,,' } },
]);

const big = 'x'.repeat(120 * 1024);
const oversize = tag('oversize body', [
  { method: 'POST', path: N, json: { title: big }, headers: ALICE, note: '120 kB JSON over the 100kb limit' },
  { method: 'POST', path: N, body: `title=${big}`, headers: { ...ALICE, ...FORM }, note: '120 kB urlencoded' },
  { method: 'POST', path: N, json: { title: 'x'.repeat(1024 * 1024) }, headers: ALICE, note: '1 MB JSON' },
  { method: 'POST', path: N, json: Array.from({ length: 5000 }, (_, i) => ({ title: `n${i}` })), headers: ALICE, note: '5000-item array (~90 kB)' },
  {
    method: 'POST',
    path: N,
    body: Array.from({ length: 2000 }, (_, i) => `k${i}=v`).join('&'),
    headers: { ...ALICE, ...FORM },
    note: '2000 form fields (qs parameterLimit 1000)',
  },
]);

const deep = tag('nesting 10k deep', [
  { method: 'POST', path: N, body: deepArray(10000), headers: { ...ALICE, ...JSON_CT }, note: '10k-deep array body' },
]).concat(
  tag('nesting 10k deep', [
    { method: 'POST', path: N, body: `{"title":"deep","body":${deepJson(10000)}}`, headers: { ...ALICE, ...JSON_CT }, note: '10k-deep object property' },
    { method: 'POST', path: `${A}/login`, body: `{"username":${deepJson(10000)},"password":"x"}`, headers: JSON_CT, note: '10k-deep username (a where value)' },
    { method: 'POST', path: `${A}/login`, body: `{"email":${deepJson(10000, '"alice@example.com"')},"password":"alice-pass"}`, headers: JSON_CT },
    { method: 'PATCH', path: `${N}/1`, body: `{"title":${deepJson(10000)}}`, headers: { ...ALICE, ...JSON_CT } },
    {
      method: 'POST',
      path: `${N}/upsertWithWhere?where=${enc({ id: 1 })}`,
      body: `{"title":"x","body":${deepJson(10000)}}`,
      headers: { ...ADMIN, ...JSON_CT },
    },
    { method: 'POST', path: N, body: deepJson(10000), headers: { ...ALICE, ...JSON_CT }, note: 'the body itself 10k deep' },
  ]).map((r) => ({ ...r, crashesStock: true })),
);

const deepQueries = tag('nesting 10k deep', [
  { method: 'GET', path: `${P}?filter=${enc({ where: deepAnd(600) })}`, note: '600 nested and (fits in a URL)' },
  { method: 'GET', path: `${P}?filter=${enc({ where: deepObject(1500) })}`, note: '1500-deep where object' },
  { method: 'GET', path: `${P}?${'filter' + '[where]'.repeat(40)}=1`, note: 'qs brackets 40 deep (qs depth 5)' },
  { method: 'GET', path: `${P}?filter=${enc({ include: deepObject(1500, 'x') })}` },
  { method: 'GET', path: `${P}/count?where=${enc(deepAnd(600))}` },
]);

const pollutionKeys = ['__proto__', 'constructor', 'prototype'];
const pollution = tag('prototype pollution', [
  { method: 'POST', path: N, body: '{"title":"p1","__proto__":{"polluted":"yes"}}', headers: { ...ALICE, ...JSON_CT } },
  { method: 'POST', path: N, body: '{"title":"p2","constructor":{"prototype":{"polluted":"yes"}}}', headers: { ...ALICE, ...JSON_CT } },
  { method: 'POST', path: N, body: 'title=p3&__proto__[polluted]=yes', headers: { ...ALICE, ...FORM } },
  { method: 'POST', path: N, body: 'title=p4&constructor[prototype][polluted]=yes', headers: { ...ALICE, ...FORM } },
  { method: 'PATCH', path: `${N}/1`, body: '{"__proto__":{"ownerId":2,"isAdmin":true}}', headers: { ...ALICE, ...JSON_CT } },
  { method: 'POST', path: `${A}/login`, body: '{"username":"bob","password":"wrong","__proto__":{"password":"wrong"}}', headers: JSON_CT },
  { method: 'POST', path: `${A}/login`, body: '{"__proto__":{"username":"alice","password":"alice-pass"}}', headers: JSON_CT },
  { method: 'POST', path: A, body: '{"username":"mallory","email":"m@example.com","password":"p","__proto__":{"emailVerified":true}}', headers: JSON_CT },
  ...pollutionKeys.flatMap((k): ParityRequest[] => [
    { method: 'GET', path: `${P}?filter[${k}][polluted]=yes` },
    { method: 'GET', path: `${P}?filter[where][${k}][polluted]=yes` },
    { method: 'GET', path: `${P}?${k}[polluted]=yes` },
    { method: 'GET', path: `${P}?filter=${encodeURIComponent(`{"where":{"${k}":{"polluted":"yes"}}}`)}` },
    { method: 'GET', path: `${P}?filter=${encodeURIComponent(`{"${k}":{"where":{"id":1}}}`)}` },
    { method: 'GET', path: `${P}?filter=${enc({ order: k })}` },
    { method: 'GET', path: `${P}?filter=${enc({ fields: { [k]: true } })}` },
    { method: 'GET', path: `${P}?filter=${enc({ include: k })}` },
    { method: 'GET', path: `${P}/count?where=${encodeURIComponent(`{"${k}":{"polluted":"yes"}}`)}` },
    { method: 'GET', path: `${P}/${k}` },
    { method: 'GET', path: `/api/${k}` },
    { method: 'GET', path: `${P}?access_token=${k}` },
    { method: 'GET', path: P, headers: { 'X-Access-Token': k } },
  ]),
  { method: 'GET', path: `${P}/hasOwnProperty` },
  { method: 'GET', path: `${P}/toString` },
  { method: 'GET', path: '/api/hasOwnProperty' },
]);

const paging = tag('limit and skip', [
  ...['1e308', '-1', 'NaN', 'abc', '1e3', 'Infinity', '-Infinity', '9007199254740993', '0x10', '', '1.5', '-0'].map((v): ParityRequest => ({
    method: 'GET',
    path: `${P}?filter[limit]=${encodeURIComponent(v)}`,
  })),
  ...['-5', 'NaN', '1e308', 'x'].map((v): ParityRequest => ({ method: 'GET', path: `${P}?filter[skip]=${encodeURIComponent(v)}` })),
  { method: 'GET', path: `${P}?filter=${enc({ limit: 1e308 })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: -1, skip: -1 })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: [1, 2] })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: {} })}` },
  { method: 'GET', path: `${P}?filter=${enc({ offset: 'x' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: '5; DROP' })}` },
]);

const ids = tag('invalid ids', [
  ...['abc', '-1', '1.5', '1e10', '%00', 'null', 'undefined', '0x10', '99999999999999999999', '%20', 'true', '[1]', '{}'].map((id): ParityRequest => ({
    method: 'GET',
    path: `${P}/${id}`,
  })),
  { method: 'GET', path: `${P}/NaN/exists` },
  { method: 'DELETE', path: `${N}/abc`, headers: ADMIN },
  { method: 'PATCH', path: `${N}/-1`, json: { title: 'x' }, headers: ADMIN },
]);

const redos = tag('ReDoS-style regexp', [
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { regexp: '^(a+)+$' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { regexp: '/(.*a){20}/i' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { regexp: '(' } } })}`, note: 'invalid regexp' },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { regexp: '/x/gimsuyq' } } })}`, note: 'bad flags' },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { regexp: {} } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { like: '(a|aa)+$' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { nlike: '((((((((((x' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { ilike: '%'.repeat(5000) } } })}` },
]);

const includes = tag('unknown include', [
  ...['nope', '["owner","nope"]', '{"owner":"nope"}', '{"relation":"owner","scope":{"include":"nope"}}', '123', 'null', '{"relation":"nope"}', '[[[]]]'].map(
    (inc): ParityRequest => ({
      method: 'GET',
      path: `${N}?filter=${encodeURIComponent(`{"include":${inc.startsWith('{') || inc.startsWith('[') || /^\d|null/.test(inc) ? inc : JSON.stringify(inc)}}`)}`,
      headers: ALICE,
    }),
  ),
  { method: 'GET', path: `${P}?filter[include]=nope` },
  { method: 'GET', path: `${A}/1?filter=${enc({ include: 'accessTokens' })}`, headers: ALICE, note: 'disableInclude relation' },
]);

const injection = tag('injection-shaped', [
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: "' OR 1=1 --" } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ order: 'id; DROP TABLE product' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ order: 'name DESC, (SELECT 1)' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ fields: ['name`; --'] })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { $where: 'sleep(1000)' } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { $ne: null } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { id: { inq: '1) OR (1=1' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { or: [{ name: 'Pen' }, { '1': '1' }] } })}` },
  { method: 'POST', path: `${A}/login`, json: { username: { neq: 'x' }, password: 'alice-pass' }, note: 'operator object as username' },
  { method: 'POST', path: `${A}/login`, json: { email: { like: '%' }, password: 'alice-pass' } },
  { method: 'GET', path: `${P}/1;DROP` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: '${7*7}{{7*7}}<script>alert(1)</script>' } })}` },
]);

const percent = tag('bad percent-encoding', [
  { method: 'GET', path: `${P}/%E0%A4%A` },
  { method: 'GET', path: '/api/%ZZ' },
  { method: 'GET', path: '/api/Pro%64ucts' },
  { method: 'GET', path: `${P}/1%2F2` },
  { method: 'GET', path: `${P}?filter=%E0%A4%A` },
  { method: 'GET', path: `${P}?filter=%` },
  { method: 'GET', path: `${P}?filter=%7B%22where%22%3A%7B%22name%22%3A%22%ZZ%22%7D%7D` },
  { method: 'GET', path: `${P}?access_token=%E0%A4%A` },
]);

const huge = 'a'.repeat(17 * 1024);
const sizes = tag('16 kB+ URLs and headers', [
  { method: 'GET', path: `${P}/${huge}`, note: '17 kB path' },
  { method: 'GET', path: `${P}?filter=${huge}`, note: '17 kB query' },
  { method: 'GET', path: P, headers: { 'X-Big': huge }, note: '17 kB header' },
  { method: 'GET', path: P, headers: { Cookie: `c=${huge}` } },
  { method: 'GET', path: P, headers: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`X-H${i}`, 'v'.repeat(60)])), note: '300 headers' },
  { method: 'GET', path: P, headers: { Authorization: huge.slice(0, 15000) }, note: '15 kB token' },
]);

const tokens = tag('bogus tokens', [
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'x'.repeat(5000) } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: `Bearer ${'='.repeat(100)}` } },
  { method: 'GET', path: `${A}/whoami?access_token=%00` },
  { method: 'GET', path: `${A}/whoami?access_token[]=alice-token` },
  { method: 'GET', path: `${A}/whoami?access_token[$ne]=1` },
  { method: 'GET', path: `${A}/whoami?access_token[id]=alice-token` },
  { method: 'GET', path: `${A}/whoami`, headers: { 'X-Access-Token': 'undefined' } },
  { method: 'GET', path: `${A}/whoami`, headers: { 'X-Access-Token': 'null' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'alice-token ' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'ALICE-TOKEN' } },
  { method: 'GET', path: `${A}/whoami`, headers: { Authorization: 'Basic %%%' } },
  { method: 'GET', path: `${A}/whoami?access_token=${encodeURIComponent('🔑')}` },
  { method: 'GET', path: `/api/Secrets?access_token=${encodeURIComponent("' OR '1'='1")}` },
]);

const verbs = tag('odd verbs', [
  ...['PROPFIND', 'TRACE', 'OPTIONS', 'PURGE', 'LOCK', 'SEARCH', 'MKCOL', 'REPORT', 'UNLINK'].map((method): ParityRequest => ({
    method,
    path: N,
    headers: ALICE,
  })),
  { method: 'PATCH', path: `${N}/count`, headers: ALICE },
  { method: 'DELETE', path: `${N}/findOne`, headers: ALICE },
  { method: 'HEAD', path: `${A}/login` },
  { method: 'PUT', path: `${A}/login`, json: { username: 'alice', password: 'alice-pass' } },
]);

const unicode = tag('Unicode', [
  { method: 'POST', path: N, json: { title: '𝒜😀 \u202e\u200b' }, headers: ALICE },
  { method: 'POST', path: N, body: '{"title":"nul\\u0000byte"}', headers: { ...ALICE, ...JSON_CT } },
  { method: 'POST', path: N, body: '{"title":"lone \\ud800 surrogate"}', headers: { ...ALICE, ...JSON_CT } },
  {
    method: 'POST',
    path: N,
    body: Buffer.from([0x7b, 0x22, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0xff, 0x22, 0x7d]),
    headers: { ...ALICE, ...JSON_CT },
    note: 'invalid UTF-8 bytes',
  },
  { method: 'GET', path: `/api/N${encodeURIComponent('ö')}tes` },
  { method: 'GET', path: `${P}/${encodeURIComponent('١')}`, note: 'Arabic-Indic digit one' },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: 'Ｐｅｎ' } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { like: '\u0000%' } } })}` },
  { method: 'GET', path: `${A}/whoami`, headers: { 'X-Access-Token': 'alice\u00e9token' } },
]);

/** The whole corpus, in sending order. */
export const hostileRequests: HostileRequest[] = [
  ...malformedJson,
  ...contentTypes,
  ...oversize,
  ...pollution,
  ...paging,
  ...ids,
  ...redos,
  ...includes,
  ...injection,
  ...percent,
  ...sizes,
  ...tokens,
  ...verbs,
  ...unicode,
  ...deepQueries,
  ...deep,
];
