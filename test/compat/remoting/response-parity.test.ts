/**
 * Result shaping, response writing and invoke-time checks, side by side with
 * stock LB3 (catalogue §3 "Required arguments", §4 errorStatus, §7).
 */
import { expect } from 'chai';
import { send, serveShim, serveStock, type Captured, type MethodDef, type Req, type Served } from './remoting-harness';

/** An LB3 remote method callback. */
type Callback = (err: unknown, ...results: unknown[]) => void;

let seq = 0;
interface Case {
  def: Omit<MethodDef, 'name'>;
  reqs: Array<Partial<Req> & { title: string }>;
}
const ROOT_OBJ = { returns: [{ arg: 'r', type: 'object', root: true }] };
const get = (title: string, extra: Partial<Req> = {}) => ({ title, method: 'GET', ...extra });

const cbWith =
  (...values: unknown[]) =>
  (cb: Callback) =>
    cb(null, ...values);

const CASES: Record<string, Case> = {};
function add(title: string, def: Omit<MethodDef, 'name'>, reqs: Case['reqs'] = [get('default')]) {
  CASES[title] = { def, reqs };
}

// --- root and named returns (§7)
for (const v of ['hello', 42, true, false, 0, '', [1, 'a', null], null, undefined, { a: 1 }]) {
  add(`root ${JSON.stringify(v)} (callback)`, { ...ROOT_OBJ, returns: [{ arg: 'r', type: 'any', root: true }], fn: cbWith(v) });
  add(`root ${JSON.stringify(v)} (promise)`, { returns: [{ arg: 'r', type: 'any', root: true }], fn: () => Promise.resolve(v) });
  add(`named ${JSON.stringify(v)}`, { returns: [{ arg: 'v', type: 'any' }], fn: cbWith(v) });
}
add('root Date', { returns: [{ arg: 'r', type: 'date', root: true }], fn: cbWith(new Date('2020-01-01T00:00:00Z')) });
add('root Buffer', { returns: [{ arg: 'r', type: 'buffer', root: true }], fn: cbWith(Buffer.from('hi')) });
add('named Date and Buffer', {
  returns: [
    { arg: 'd', type: 'date' },
    { arg: 'b', type: 'any' },
  ],
  fn: cbWith(new Date(0), Buffer.from('hi')),
});
add('nested Date stays ISO', { ...ROOT_OBJ, fn: cbWith({ d: new Date(0), b: Buffer.from('x') }) });
add('several returns (callback)', {
  returns: [
    { arg: 'a', type: 'string' },
    { arg: 'b', type: 'number' },
    { arg: 'c', type: 'object' },
  ],
  fn: cbWith('a', 2, { x: 1 }),
});
add('several returns (promise array)', {
  returns: [
    { arg: 'a', type: 'string' },
    { arg: 'b', type: 'number' },
  ],
  fn: () => Promise.resolve(['a', 2]),
});
add('fewer values than returns', {
  returns: [
    { arg: 'a', type: 'string' },
    { arg: 'b', type: 'number' },
  ],
  fn: cbWith('a'),
});
add('named then root merge', {
  returns: [
    { arg: 'a', type: 'string' },
    { arg: 'r', type: 'object', root: true },
  ],
  fn: cbWith('a', { r: 1 }),
});
add('header target then named (positional quirk)', {
  returns: [
    { arg: 'h', type: 'string', http: { target: 'header', header: 'X-Custom' } },
    { arg: 'v', type: 'string' },
  ],
  fn: cbWith('hv', 'vv'),
});
add('header target without header name', { returns: [{ arg: 'x-custom', type: 'string', http: { target: 'header' } }], fn: cbWith('hv') });
add('status target', {
  returns: [
    { arg: 'v', type: 'string' },
    { arg: 's', type: 'number', http: { target: 'status' } },
  ],
  fn: cbWith('vv', 202),
});
add('http.status 201', { ...ROOT_OBJ, http: { status: 201 }, fn: cbWith({ id: 7 }) });
add('void with http.status 201', { http: { status: 201 }, fn: cbWith('ignored') });
add('void ignores values', { fn: cbWith('ignored') });
add('void promise', { fn: () => Promise.resolve('ignored') });
add('reject() is success', { ...ROOT_OBJ, fn: () => Promise.reject() });
add('reject(null) is success', { ...ROOT_OBJ, fn: () => Promise.reject(null) });
add('integer return 1.5', { returns: [{ arg: 'n', type: 'integer' }], fn: cbWith(1.5) });
add('integer return ok', { returns: [{ arg: 'n', type: 'integer' }], fn: cbWith(3) });
add('integer array return', { returns: [{ arg: 'n', type: ['integer'] }], fn: cbWith([1, 2.5]) });
add('integer root unsafe', { returns: [{ arg: 'n', type: 'integer', root: true }], fn: cbWith(2 ** 60) });
add('array type return', { returns: [{ arg: 'a', type: 'array' }], fn: cbWith([new Date(0)]) });
add('file string', { returns: [{ arg: 'body', type: 'file', root: true }], fn: cbWith('raw <text>') });
add('file buffer + content-type header', {
  returns: [
    { arg: 'body', type: 'file', root: true },
    { arg: 'ct', type: 'string', http: { target: 'header', header: 'Content-Type' } },
  ],
  fn: cbWith(Buffer.from('bytes'), 'text/plain'),
});
add('file object fails', { returns: [{ arg: 'body', type: 'file', root: true }], fn: cbWith({ a: 1 }) });
add('non-root file is discarded', {
  returns: [
    { arg: 'f', type: 'file' },
    { arg: 'v', type: 'string' },
  ],
  fn: cbWith('x', 'y'),
});

// --- content negotiation (§7)
const NEGOTIATION = [
  get('no accept'),
  get('accept */*', { headers: { accept: '*/*' } }),
  get('browser accept', { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } }),
  get('accept text/html', { headers: { accept: 'text/html' } }),
  get('accept application/xml', { headers: { accept: 'application/xml' } }),
  get('accept vnd.api+json', { headers: { accept: 'application/vnd.api+json' } }),
  get('accept text/plain', { headers: { accept: 'text/plain' } }),
  get('jsonp', { path: '?callback=cb', headers: { accept: 'text/javascript' } }),
  get('jsonp app/js', { path: '?callback=cb', headers: { accept: 'application/javascript' } }),
  get('javascript without callback', { headers: { accept: 'application/javascript' } }),
  get('callback without accept', { path: '?callback=cb' }),
  get('_format=json beats accept', { path: '?_format=json', headers: { accept: 'text/html' } }),
  get('_format=xml', { path: '?_format=xml' }),
  get('_format=XML', { path: '?_format=XML' }),
  get('_format=bogus', { path: '?_format=bogus' }),
  get('_format[a]=1', { path: '?_format[a]=1' }),
  get('_format=text/javascript', { path: '?_format=text/javascript&callback=f' }),
  get('If-None-Match', { headers: { 'if-none-match': 'W/"7-lPYIF3EeoGd9ddz7hiybHq3oORM"' } }),
];
add('negotiation object', { ...ROOT_OBJ, fn: cbWith({ a: 1, list: [1, 2], nested: { b: 'x<&>"y', u: undefined, n: null } }) }, NEGOTIATION);
add('negotiation with http.status', { ...ROOT_OBJ, http: { status: 201 }, fn: cbWith({ a: 1 }) }, NEGOTIATION.slice(3, 5));
add('negotiation void', { fn: cbWith() }, NEGOTIATION.slice(3, 5).concat([get('_format=xml', { path: '?_format=xml' })]));
const XML = [get('xml', { path: '?_format=xml' })];
for (const v of [
  [1, 'a', null],
  'hello',
  0,
  false,
  '',
  null,
  [],
  {},
  { 'a b': 1 },
  { '@': { id: 1 }, '#text': 'x' },
  { '=': 'renamed', a: 1 },
  [[1, 2], [3]],
  { a: [{ b: 1 }, { b: 2 }] },
  { s: '\u0001' },
  { e: '' },
  { d: new Date(0) },
]) {
  add(`xml of ${JSON.stringify(v)}`, { returns: [{ arg: 'r', type: 'any', root: true }], fn: cbWith(v) }, XML);
}
add(
  'xml named returns',
  {
    returns: [
      { arg: 'a', type: 'string' },
      { arg: 'b', type: 'date' },
    ],
    fn: cbWith('x', new Date(0)),
  },
  XML,
);
add(
  'xml wrapperElement option',
  { returns: [{ arg: 'r', type: 'object', root: true, xml: { wrapperElement: 'widget', declaration: false } }], fn: cbWith({ a: 1 }) },
  XML,
);

// --- errors and errorStatus (§4)
add('errorStatus on plain error', { http: { errorStatus: 418 }, fn: (cb: Callback) => cb(new Error('teapot')) });
add('own status wins over errorStatus', {
  http: { errorStatus: 418 },
  fn: (cb: Callback) => cb(Object.assign(new Error('conflict'), { statusCode: 409, code: 'X' })),
});
add('err.status honoured', { http: { errorStatus: 418 }, fn: (cb: Callback) => cb(Object.assign(new Error('gone'), { status: 410 })) });
add('errorStatus on rejection', { http: { errorStatus: 422 }, fn: () => Promise.reject(new Error('bad')) });
add('thrown error', {
  fn: () => {
    throw Object.assign(new Error('boom'), { statusCode: 400 });
  },
});

// --- invoke-time checks and special sources (§3)
const q = (path: string) => ({ title: path, method: 'POST', path });
add(
  'required arguments',
  {
    accepts: [
      { arg: 'n', type: 'number', required: true, http: { source: 'query' } },
      { arg: 's', type: 'string', required: true, http: { source: 'query' } },
    ],
    ...ROOT_OBJ,
    fn: (n: unknown, s: unknown, cb: Callback) => cb(null, { n, s }),
  },
  [q(''), q('?n='), q('?n=abc'), q('?n=0'), q('?n=1&s=null'), q('?n=1&s='), q('?s=x')],
);
add(
  'required body object',
  {
    accepts: [{ arg: 'data', type: 'object', required: true, http: { source: 'body' } }],
    ...ROOT_OBJ,
    fn: (d: unknown, cb: Callback) => cb(null, { d }),
  },
  [q(''), { title: 'json null', method: 'POST', path: '', json: null }, { title: 'json array', method: 'POST', path: '', json: [1] }],
);
add(
  'allowArray object',
  {
    accepts: [{ arg: 'data', type: 'object', allowArray: true, http: { source: 'body' } }],
    ...ROOT_OBJ,
    fn: (d: unknown, cb: Callback) => cb(null, { d }),
  },
  [
    { title: 'array of objects', method: 'POST', path: '', json: [{ a: 1 }, { b: 2 }] },
    { title: 'bad items', method: 'POST', path: '', json: [{ a: 1 }, 2] },
    { title: 'nested arrays', method: 'POST', path: '', json: [[{}]] },
    { title: 'null item', method: 'POST', path: '', json: [null] },
  ],
);
add(
  'date envelope inside object arg',
  {
    accepts: [
      { arg: 'o', type: 'object', http: { source: 'query' } },
      { arg: 'data', type: 'object', http: { source: 'body' } },
    ],
    ...ROOT_OBJ,
    fn: (o: any, d: any, cb: Callback) => cb(null, { o: describeDeep(o), d: describeDeep(d) }),
  },
  [
    q('?o={"a":{"$type":"date","$data":"2020-01-01"}}'),
    q('?o={"$type":"base64","$data":"aGk="}'),
    { title: 'body envelopes', method: 'POST', path: '', json: { x: [{ $type: 'date', $data: 0 }], y: { $type: 'base64', $data: 'aGk=' } } },
    { title: 'top-level body envelope', method: 'POST', path: '', json: { $type: 'date', $data: '2020-01-01' } },
  ],
);
add(
  'http function value is type-checked, not coerced',
  {
    accepts: [
      { arg: 'v', type: 'number', http: (ctx: any) => ctx.req.query.v },
      { arg: 'w', type: 'any', http: (ctx: any) => ctx.req.query.w },
    ],
    ...ROOT_OBJ,
    fn: (v: unknown, w: unknown, cb: Callback) => cb(null, { v, w }),
  },
  [q('?v=5'), q('?w=5'), q('')],
);
add(
  'req/res/context sources',
  {
    accepts: [
      { arg: 'req', type: 'object', http: { source: 'req' } },
      { arg: 'res', type: 'object', http: { source: 'res' } },
      { arg: 'ctx', type: 'object', http: { source: 'context' } },
    ],
    ...ROOT_OBJ,
    fn: (req: any, res: any, ctx: any, cb: Callback) => cb(null, { req: req.method, res: typeof res.json, ctx: Object.keys(ctx.args) }),
  },
  [q('')],
);
add(
  'options argument',
  {
    accepts: [{ arg: 'options', type: 'object', http: 'optionsFromRequest' }],
    ...ROOT_OBJ,
    fn: (o: any, cb: Callback) => cb(null, { keys: Object.keys(o).sort() }),
  },
  [q('')],
);
add(
  'case-insensitive header and no-source header',
  {
    accepts: [
      { arg: 'X-Thing', type: 'number', http: { source: 'header' } },
      { arg: 'x-other', type: 'string' },
    ],
    ...ROOT_OBJ,
    fn: (a: unknown, b: unknown, cb: Callback) => cb(null, { a, b }),
  },
  [{ title: 'headers', method: 'POST', path: '', headers: { 'x-thing': '0x10', 'X-OTHER': 'o' } }],
);
add(
  'path and body lookup quirk',
  {
    accepts: [{ arg: 'id', type: 'number' }],
    ...ROOT_OBJ,
    http: { verb: 'post', path: '/quirk/:id' },
    fn: (id: unknown, cb: Callback) => cb(null, { id }),
  },
  [
    { title: 'same string in body', method: 'POST', path: '', json: { id: '5' } },
    { title: 'other body', method: 'POST', path: '', json: { id: 6 } },
  ],
);
add('missing type', { accepts: [{ arg: 'x', http: { source: 'query' } }], ...ROOT_OBJ, fn: (x: unknown, cb: Callback) => cb(null, { x }) }, [q('?x=1')]);

function describeDeep(v: any): unknown {
  if (v instanceof Date) return `Date(${v.toISOString()})`;
  if (Buffer.isBuffer(v)) return `Buffer(${v.toString()})`;
  if (Array.isArray(v)) return v.map(describeDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describeDeep(x)]));
  return v;
}

function view(c: Captured) {
  return { status: c.status, type: c.type, body: c.body, headers: c.headers };
}

describe('remoting results and responses (parity with strong-remoting 3.17)', function () {
  this.timeout(60000);
  let stock: Served;
  let shim: Served;
  const methods: Array<MethodDef & { reqs: Case['reqs']; title: string }> = [];

  before(async () => {
    for (const [title, c] of Object.entries(CASES)) {
      const name = `m${seq++}`;
      const path = c.def.http?.path ?? `/${name}`;
      methods.push({
        ...c.def,
        name,
        title,
        reqs: c.reqs.map((r) => ({ ...r, path: `/api/Widgets${path.replace(':id', '5')}${r.path ?? ''}` })),
        http: { verb: c.reqs[0].method === 'GET' ? 'get' : 'post', path, ...c.def.http },
      });
    }
    stock = await serveStock(methods);
    shim = await serveShim(methods, undefined, {
      // what loopback's createOptionsViaModelMethod returns without a token middleware
      optionsFromRequest: () => ({ prohibitHiddenPropertiesInQuery: true, maxDepthOfQuery: 12, maxDepthOfData: 32, accessToken: undefined }),
    });
  });
  after(async () => {
    await stock?.close();
    await shim?.close();
  });

  for (const title of Object.keys(CASES)) {
    it(`answers like LB3 for: ${title}`, async () => {
      const m = methods.find((x) => x.title === title)!;
      const diffs: string[] = [];
      for (const r of m.reqs) {
        const req = r as Req;
        const [a, b] = await Promise.all([send(stock.url, req), send(shim.url, req)]);
        try {
          expect(view(b)).to.deep.equal(view(a));
        } catch {
          diffs.push(`${r.title}\n  lb3:  ${JSON.stringify(view(a))}\n  shim: ${JSON.stringify(view(b))}`);
        }
      }
      expect(diffs, diffs.join('\n')).to.deep.equal([]);
    });
  }
});
