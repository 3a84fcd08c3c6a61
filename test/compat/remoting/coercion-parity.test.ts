/**
 * Argument coercion parity: every value of the catalogue's §3 tables is sent
 * to stock LB3 (the oracle) and to our extractor, per type and per source,
 * and the answers (status, content type, body) must be identical.
 */
import { expect } from 'chai';
import { kind, send, serveShim, serveStock, type Captured, type MethodDef, type Req, type Served } from './remoting-harness';

/** An LB3 remote method callback. */
type Callback = (err: unknown, ...results: unknown[]) => void;

const TYPES: unknown[] = [
  'number',
  'integer',
  'boolean',
  'string',
  'date',
  'object',
  'array',
  ['number'],
  ['string'],
  ['integer'],
  ['date'],
  'any',
  'GeoPoint',
  'Customer',
  'Foo',
  { inline: 'string' },
  ['object'],
];

function describe_(v: unknown): unknown {
  return { k: kind(v), v: v instanceof Date ? (isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()) : v };
}

function methodsFor(): MethodDef[] {
  const out: MethodDef[] = [];
  TYPES.forEach((type, i) => {
    out.push({
      name: `t${i}`,
      accepts: [
        { arg: 'q', type, http: { source: 'query' } },
        { arg: 'f', type, http: { source: 'form' } },
        { arg: 'h', type, http: { source: 'header' } },
        { arg: 'n', type },
      ],
      returns: [{ arg: 'r', type: 'object', root: true }],
      http: { verb: 'post', path: `/t${i}` },
      fn: (q: unknown, f: unknown, h: unknown, n: unknown, cb: Callback) => cb(null, { q: describe_(q), f: describe_(f), h: describe_(h), n: describe_(n) }),
    });
    out.push({
      name: `p${i}`,
      accepts: [{ arg: 'p', type, http: { source: 'path' } }],
      returns: [{ arg: 'r', type: 'object', root: true }],
      http: { verb: 'get', path: `/p${i}/:p` },
      fn: (p: unknown, cb: Callback) => cb(null, { p: describe_(p) }),
    });
    out.push({
      name: `b${i}`,
      accepts: [{ arg: 'data', type, http: { source: 'body' } }],
      returns: [{ arg: 'r', type: 'object', root: true }],
      http: { verb: 'post', path: `/b${i}` },
      fn: (data: unknown, cb: Callback) => cb(null, { data: describe_(data) }),
    });
  });
  return out;
}

const SLOPPY_VALUES = [
  '',
  '5',
  '-1.5',
  '1.5',
  'abc',
  'true',
  'FALSE',
  '0',
  '1',
  'null',
  '0x10',
  '1e3',
  '%20',
  '9007199254740993',
  '007',
  '{"a":1}',
  '{bad',
  '{"$type":"date","$data":"2020-01-01T00:00:00.000Z"}',
  '[1,2]',
  '["x",null]',
  '[1,',
  'a,b',
  '1,2',
  '2020-01-01',
  '2020-01-01T10:00:00%2B02:00',
  '1577836800000',
  '-5',
  'not-a-date',
  '1,200',
  '%7B%22lat%22%3A1%2C%22lng%22%3A2%7D',
  'x%26y',
];
const SLOPPY_SHAPES = [
  'X=1&X=2',
  'X=true&X=false',
  'X=a&X=b',
  'X[]=1&X[]=2',
  'X[0]=1&X[1]=2',
  'X[25]=1',
  'X[a]=1&X[b]=x',
  'X[lat]=1&X[lng]=2',
  'X=1&X=true&X=x&X=null',
  'X[a][b]=1',
];
const TYPED_VALUES: unknown[] = [
  '42',
  42,
  1.5,
  -0,
  true,
  'true',
  null,
  'abc',
  '',
  { a: 1 },
  [1, 2],
  ['1'],
  [],
  '2020-01-01',
  1577836800000,
  0,
  { $type: 'date', $data: '2020-01-01T00:00:00.000Z' },
  { a: { $type: 'date', $data: '2020-01-01T00:00:00.000Z' } },
  { $type: 'base64', $data: 'aGk=' },
  [{ a: 1 }, { b: 2 }],
  [{ a: 1 }, 3],
  { lat: 1, lng: 2 },
  [1, 2, 3],
  '1,2',
  2 ** 53 + 1,
  { lat: 91, lng: 0 },
];

interface Case {
  title: string;
  req: Req;
}

function cases(i: number): Case[] {
  const out: Case[] = [];
  const t = `/api/Widgets/t${i}`;
  for (const v of SLOPPY_VALUES) {
    out.push({ title: `query q=${v}`, req: { path: `${t}?q=${v}` } });
    out.push({ title: `path ${v}`, req: { method: 'GET', path: `/api/Widgets/p${i}/${v === '' ? '%20' : encodeURIComponent(decodeURIComponent(safe(v)))}` } });
  }
  for (const s of SLOPPY_SHAPES) out.push({ title: `query ${s}`, req: { path: `${t}?${s.replace(/X/g, 'q')}` } });
  for (const v of ['', '5', 'abc', 'true', 'null', '{"a":1}', '1,2', '2020-01-01', '[1,2]']) {
    out.push({ title: `form f=${v}`, req: { path: t, form: `f=${v}` } });
    out.push({ title: `header h: ${v}`, req: { path: t, headers: { h: decodeURIComponent(safe(v)) } } });
    out.push({ title: `no-source query n=${v}`, req: { path: `${t}?n=${v}` } });
    out.push({ title: `no-source form n=${v}`, req: { path: t, form: `n=${v}` } });
  }
  for (const s of ['X=1&X=2', 'X[a]=1', 'X[]=1&X[]=2', 'X[lat]=1&X[lng]=2']) out.push({ title: `form ${s}`, req: { path: t, form: s.replace(/X/g, 'f') } });
  for (const v of TYPED_VALUES) {
    const j = JSON.stringify(v);
    out.push({ title: `json f=${j}`, req: { path: t, json: { f: v } } });
    out.push({ title: `json n=${j}`, req: { path: t, json: { n: v } } });
    out.push({ title: `json body ${j}`, req: { path: `/api/Widgets/b${i}`, json: v } });
  }
  out.push({ title: 'json with query n=7', req: { path: `${t}?n=7`, json: {} } });
  out.push({ title: 'json body n and query n', req: { path: `${t}?n=7`, json: { n: '8' } } });
  out.push({ title: 'text/plain body', req: { path: `/api/Widgets/b${i}`, raw: '{"a":1}', headers: { 'content-type': 'text/plain' } } });
  out.push({ title: 'vnd.api+json body', req: { path: `/api/Widgets/b${i}`, raw: '{"a":1}', headers: { 'content-type': 'application/vnd.api+json' } } });
  out.push({ title: 'empty json body', req: { path: `/api/Widgets/b${i}`, raw: '', headers: { 'content-type': 'application/json' } } });
  out.push({ title: 'urlencoded body', req: { path: `/api/Widgets/b${i}`, form: 'a=1&b[c]=2' } });
  out.push({ title: 'no body', req: { path: `/api/Widgets/b${i}` } });
  return out;
}

/** Make a catalogue value usable in a header/path (decodeURIComponent must not throw). */
function safe(v: string): string {
  try {
    decodeURIComponent(v);
    return v;
  } catch {
    return encodeURIComponent(v);
  }
}

function view(c: Captured) {
  return { status: c.status, type: c.type, body: c.body };
}

describe('remoting argument coercion (parity with strong-remoting 3.17)', function () {
  this.timeout(120000);
  let stock: Served & { app: any };
  let shim: Served;

  before(async () => {
    const methods = methodsFor();
    stock = await serveStock(methods, [{ name: 'Customer', properties: { name: 'string', age: 'number' }, hidden: ['secret'] }]);
    // the app's own type registry converts (its model types included), as in the shim
    shim = await serveShim(methods, stock.app.remotes()._typeRegistry);
  });
  after(async () => {
    await stock?.close();
    await shim?.close();
  });

  TYPES.forEach((type, i) => {
    it(`coerces ${JSON.stringify(type)} arguments from every source exactly as LB3 does`, async () => {
      const diffs: string[] = [];
      for (const c of cases(i)) {
        const [a, b] = await Promise.all([send(stock.url, c.req), send(shim.url, c.req)]);
        try {
          expect(view(b)).to.deep.equal(view(a));
        } catch {
          diffs.push(`${c.title}\n  lb3:  ${JSON.stringify(view(a))}\n  shim: ${JSON.stringify(view(b))}`);
        }
      }
      expect(diffs, diffs.join('\n')).to.deep.equal([]);
    });
  });
});
