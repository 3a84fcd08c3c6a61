/**
 * Parity of the `remoting` fixture: strong-remoting argument sources and
 * coercion (§3), return shapes and targets (§7), error shapes (§4), disabled
 * and hidden methods, a dataSource-less Model (Calc) and a non-public model,
 * against stock LB3.
 */
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { assertParity, assertRouteCoverage, crudRequests, ParityRequest, ParityResult, runParity } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const W = '/api/Widgets';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const q = (query: string, note?: string): ParityRequest => ({ method: 'GET', path: `${W}/echo-query?${query}`, note });

export const remotingRequests: ParityRequest[] = [
  // ---- query source, sloppy coercion ----------------------------------------
  q('', 'nothing given'),
  q('n=1&i=2&b=true&s=hello&d=2020-01-02&o={"a":1}&arr=1&nums=3&strs=x&x=5&g=1,2'),
  q('n=1e3'), q('n=0x10'), q('n=%20'), q('n=-1.5'), q('n=abc'), q('n=true'), q('n='), q('n=1&n=2'),
  q('i=7'), q('i=1.5'), q('i=9007199254740993'), q('i=abc'),
  q('b=true'), q('b=FALSE'), q('b=1'), q('b=0'), q('b=yes'), q('b=true&b=false'),
  q('s=123'), q('s=null'), q('s=a&s=b'), q('s='),
  q('d=0'), q('d=1577836800000'), q('d=2000-01-02T03:04:05%2B02:00'), q('d=not-a-date', 'invalid date names the arg'),
  q('o={"a":{"b":[1,2]}}'), q('o={bad}'), q('o=null'), q('o=[1,2]'), q('o=scalar'), q('o[a]=1&o[b][c]=2'),
  q('arr=1&arr=true&arr=x&arr=null'), q('arr=x'), q('arr=[1,"a"]'), q('arr=[bad'),
  q('nums=1&nums=2'), q('nums[0]=1&nums[1]=2'), q('nums[]=1&nums[]=2'), q('nums=[1,2]'), q('nums=1,2'), q('nums=1&nums=x'),
  q('nums=[1,2'), q('nums=[1,'), q('nums[25]=1'), q('nums=[bad]'),
  q('strs=a&strs=b'), q('strs=1'), q('strs=["a","b"]'),
  q('x=5'), q('x=true'), q('x=TRUE'), q('x=null'), q('x=1.50'), q('x=007'), q('x=1e3'), q('x=9007199254740993'),
  q('x={"a":1}'), q('x=[1,2]'), q('x={bad}'), q('x[a]=1'), q('x=text'),
  q('g=1,2'), q('g={"lat":1,"lng":2}'), q('g=abc'),

  // ---- path, header, form, body, no-source ---------------------------------
  { method: 'GET', path: `${W}/echo-path/42/a%20b%2Fc/true` },
  { method: 'GET', path: `${W}/echo-path/1e2/123/0` },
  { method: 'GET', path: `${W}/echo-path/abc/x/true` },
  { method: 'GET', path: `${W}/echo-path/1/x/maybe` },
  { method: 'GET', path: `${W}/echo-header`, headers: { 'X-Num': '12', 'x-str': 'hi there', 'X-FLAG': 'false' } },
  { method: 'GET', path: `${W}/echo-header`, headers: { 'x-num': 'abc' } },
  { method: 'GET', path: `${W}/echo-header`, headers: { 'x-flag': 'nope' } },
  { method: 'GET', path: `${W}/echo-header` },
  { method: 'POST', path: `${W}/echo-form`, headers: FORM, body: 'n=5&i=6&b=true&s=str&d=0&o[a]=1&arr=1&arr=2&nums=1&nums=2&strs=a&x=7&g=1,2' },
  { method: 'POST', path: `${W}/echo-form`, headers: FORM, body: 'n=abc' },
  { method: 'POST', path: `${W}/echo-form?n=9`, headers: FORM, body: 's=only', note: 'form ignores the query' },
  { method: 'POST', path: `${W}/echo-form`, json: { n: 5, i: 6, b: false, s: 'str', d: '2020-02-02T00:00:00.000Z', o: { a: 1 }, arr: [1], nums: [1, 2], strs: ['a'], x: 'x', g: { lat: 1, lng: 2 } } },
  { method: 'POST', path: `${W}/echo-form`, json: { n: '42' }, note: 'typed: string for number' },
  { method: 'POST', path: `${W}/echo-form`, json: { b: 'true' } },
  { method: 'POST', path: `${W}/echo-form`, json: { s: 5 } },
  { method: 'POST', path: `${W}/echo-form`, json: { nums: ['1'] } },
  { method: 'POST', path: `${W}/echo-form`, json: { nums: 5 } },
  { method: 'POST', path: `${W}/echo-form`, json: { o: '{"a":1}' } },
  { method: 'POST', path: `${W}/echo-form`, json: { n: null } },
  { method: 'POST', path: `${W}/echo-form`, json: { d: null } },
  { method: 'POST', path: `${W}/echo-form`, json: { d: 86400000 } },
  { method: 'POST', path: `${W}/echo-form`, json: { d: 'garbage' } },
  { method: 'POST', path: `${W}/echo-form`, json: { o: { when: { $type: 'date', $data: '2001-01-01T00:00:00.000Z' }, buf: { $type: 'base64', $data: 'aGk=' } }, x: { $type: 'date', $data: '2002-02-02T00:00:00.000Z' } } },
  { method: 'POST', path: `${W}/echo-form`, json: { i: 1.5 } },
  { method: 'POST', path: `${W}/echo-form`, json: { arr: 'notarray' } },
  { method: 'POST', path: `${W}/echo-form`, json: { g: 'abc' } },
  { method: 'POST', path: `${W}/echo-no-source?n=7&s=fromquery`, json: { s: 'frombody' } },
  { method: 'POST', path: `${W}/echo-no-source?n=7`, json: {}, note: 'query value on a JSON request is sloppy' },
  { method: 'POST', path: `${W}/echo-no-source`, json: { n: '7' }, note: 'body value on a JSON request is typed' },
  { method: 'POST', path: `${W}/echo-no-source`, headers: { n: '8', 'Content-Type': 'application/json' }, body: '{}', note: 'header fallback' },
  { method: 'POST', path: `${W}/echo-no-source`, headers: FORM, body: 'n=9&b=1' },
  { method: 'POST', path: `${W}/echo-body`, json: { a: 1, nested: { b: [1, 2] } } },
  { method: 'POST', path: `${W}/echo-body`, note: 'no body: {}' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'text/plain' }, body: '{"a":1}' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/vnd.api+json' }, body: '{"a":1}' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"a":"ü"}' },
  { method: 'POST', path: `${W}/echo-body`, headers: FORM, body: 'a=1&b[c]=2' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json' }, body: '[1,2]' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json' }, body: '5' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json' }, body: 'null' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json' }, body: '{"a":' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ big: 'z'.repeat(101 * 1024) }), note: '413' },
  { method: 'POST', path: `${W}/echo-body`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ big: 'z'.repeat(99 * 1024) }), note: 'just under the limit' },
  { method: 'PUT', path: `${W}/echo-body-any`, headers: { 'Content-Type': 'application/json' }, body: '"str"' },
  { method: 'PUT', path: `${W}/echo-body-any`, headers: { 'Content-Type': 'application/json' }, body: '[1,"a"]' },
  { method: 'PUT', path: `${W}/echo-body-any` },
  { method: 'GET', path: `${W}/echo-context?x=1` },
  { method: 'GET', path: `${W}/custom-http?v=5`, note: 'http function values are not coerced' },
  { method: 'GET', path: `${W}/custom-http` },
  { method: 'POST', path: `${W}/model-arg`, json: { name: 'built', size: 3, unknown: 'kept' } },
  { method: 'POST', path: `${W}/model-arg`, json: { name: 'built', madeAt: '2003-03-03' } },

  // ---- required arguments --------------------------------------------------
  { method: 'POST', path: `${W}/required?n=1&s=a`, json: { o: 1 } },
  { method: 'POST', path: `${W}/required?s=a`, json: {} },
  { method: 'POST', path: `${W}/required?n=1`, json: {} },
  { method: 'POST', path: `${W}/required?n=&s=a`, json: {} },
  { method: 'POST', path: `${W}/required?n=abc`, json: {}, note: 'type error wins' },
  { method: 'POST', path: `${W}/required?n=0&s=null`, note: 'absent body satisfies a required body object' },
  { method: 'POST', path: `${W}/required?n=0&s=null`, headers: { 'Content-Type': 'application/json' }, body: 'null' },
  { method: 'GET', path: `${W}/date-arg?d=2020-01-01` },
  { method: 'GET', path: `${W}/date-arg` },
  { method: 'GET', path: `${W}/date-arg?d=nope` },

  // ---- return shapes ---------------------------------------------------------
  ...['string', 'number', 'true', 'false', 'zero', 'empty', 'array', 'null', 'undefined', 'date', 'buffer', 'nested']
    .flatMap((k) => [
      { method: 'GET', path: `${W}/root-return?kind=${k}` },
      { method: 'GET', path: `${W}/named-return?kind=${k}` },
    ]),
  { method: 'GET', path: `${W}/root-return?kind=date&_format=xml` },
  { method: 'GET', path: `${W}/root-return?kind=undefined&_format=xml` },
  { method: 'GET', path: `${W}/multi-callback` },
  { method: 'GET', path: `${W}/multi-promise` },
  { method: 'GET', path: `${W}/root-plus-named` },
  { method: 'GET', path: `${W}/header-return` },
  { method: 'GET', path: `${W}/status-return?code=202` },
  { method: 'GET', path: `${W}/status-return?code=404` },
  { method: 'GET', path: `${W}/status-return` },
  { method: 'POST', path: `${W}/created` },
  { method: 'POST', path: `${W}/void-created` },
  { method: 'POST', path: `${W}/void` },
  { method: 'GET', path: `${W}/file` },
  { method: 'GET', path: `${W}/file?kind=buffer` },
  { method: 'GET', path: `${W}/file?kind=stream` },
  { method: 'GET', path: `${W}/bad-return` },
  { method: 'GET', path: `${W}/from-json?q=json-defined` },
  { method: 'GET', path: `${W}/not-shared`, note: 'shared:false: falls to findById' },
  { method: 'POST', path: `${W}/allVerb`, note: 'verb all reachable with POST' },
  { method: 'GET', path: `${W}/allVerb`, note: 'shadowed by GET /:id' },
  { method: 'PUT', path: `${W}/allVerb`, json: {}, note: 'replaceById disabled, so PUT reaches the all-verb method' },
  { method: 'DELETE', path: `${W}/allVerb`, note: 'deleteById disabled, so DELETE reaches the all-verb method' },
  { method: 'PATCH', path: `${W}/allVerb`, json: {}, note: 'patchAttributes shadows unless disabled' },
  { method: 'OPTIONS', path: `${W}/allVerb`, note: 'OPTIONS reaches the all-verb method' },
  { method: 'GET', path: `${W}/1/describe` },
  { method: 'GET', path: `${W}/1/describe?verbose=true` },
  { method: 'GET', path: `${W}/999/describe` },
  { method: 'HEAD', path: `${W}/multi-callback`, note: 'HEAD /:id wins' },
  { method: 'HEAD', path: `${W}/1/describe`, note: 'HEAD served from GET' },

  // ---- negotiation on custom methods ---------------------------------------------
  { method: 'GET', path: `${W}/multi-callback`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${W}/multi-callback?callback=cb`, headers: { Accept: 'application/javascript' } },
  { method: 'GET', path: `${W}/multi-callback?_format=xml` },
  { method: 'GET', path: `${W}/multi-callback?_format=bogus` },
  { method: 'GET', path: `${W}/multi-callback?_format[a]=1` },
  { method: 'GET', path: `${W}/root-return?kind=string`, headers: { Accept: 'application/xml' } },
  { method: 'POST', path: `${W}/void`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${W}/fail-promise?kind=status4xx`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${W}/fail-promise?kind=status4xx&_format=xml` },

  // ---- errors ---------------------------------------------------------------------
  ...['plain', 'status4xx', 'status', 'low', 'expose', 'masked', 'plainObject', 'httpErrors', 'httpErrors400', 'string', 'number', 'array', 'null', 'undefined', 'throw']
    .flatMap((k) => [
      { method: 'GET', path: `${W}/fail-promise?kind=${k}` },
      { method: 'GET', path: `${W}/fail-callback?kind=${k}` },
    ]),
  { method: 'GET', path: `${W}/error-status` },
  { method: 'GET', path: `${W}/error-status?own=true` },

  // ---- Calc (no datasource), Hidden (not public), disabled methods -------------------
  { method: 'GET', path: '/api/Calcs/add?a=1&b=2' },
  { method: 'GET', path: '/api/Calcs/add?a=1' },
  { method: 'GET', path: '/api/Calcs/add?a=x&b=2' },
  { method: 'POST', path: '/api/Calcs/multiply', json: { a: 3, b: 4 } },
  { method: 'POST', path: '/api/Calcs/multiply', headers: FORM, body: 'a=3&b=5' },
  { method: 'POST', path: '/api/Calcs/multiply', json: { a: '3', b: 4 } },
  { method: 'GET', path: '/api/Calcs' },
  { method: 'GET', path: '/api/Calcs/1' },
  { method: 'GET', path: '/api/Hiddens' },
  { method: 'GET', path: '/api/Hiddens/1' },
  { method: 'DELETE', path: `${W}/1`, note: 'deleteById disabled' },
  { method: 'PUT', path: `${W}/1`, json: { name: 'x' }, note: 'replaceById disabled' },
  { method: 'POST', path: `${W}/1/replace`, json: { name: 'x' }, note: 'replaceById disabled' },
  { method: 'PATCH', path: `${W}/1`, json: { name: 'x' }, note: 'patchAttributes disabled in model-config' },
  { method: 'POST', path: `${W}/upsertWithWhere?where=${enc({ id: 1 })}`, json: { name: 'x' }, note: 'disabled in model-config' },
  { method: 'GET', path: `${W}/change-stream`, note: 'disabled: falls to findById' },
  { method: 'POST', path: `${W}/change-stream`, note: 'disabled' },
  { method: 'OPTIONS', path: `${W}/1` },
  { method: 'GET', path: '/API/WIDGETS/MULTI-CALLBACK' },
  { method: 'GET', path: `${W}/multi-callback/` },

  // ---- catalogue coverage additions (docs/parity-coverage.md) -------------------------
  { method: 'GET', path: `${W}/context-keys`, note: '§3 HttpContext keys of a static method' },
  { method: 'GET', path: `${W}/1/context-keys`, note: '§3 HttpContext keys with ctorArgs and instance' },
  { method: 'GET', path: `${W}/999/context-keys`, note: 'sharedCtor miss' },
  { method: 'POST', path: `${W}/model-arg`, json: { name: 'h', secretNote: 'not echoed' }, note: '§3 hidden property of a model-typed arg is not serialized back' },
  { method: 'GET', path: `${W}/echo-query?n=abc&s=x`, note: '§3 coercion error: no before hook, no afterRemoteError' },
  { method: 'POST', path: `${W}/required?s=a`, json: {}, note: '§3 required error: after before hooks, runs afterRemoteError' },
  { method: 'GET', path: `${W}/date-arg?d=nope`, note: '§3 invalid date: runs afterRemoteError' },
  { method: 'GET', path: `${W}/echo-query?s=x&_format=xml`, note: '§7 XML prints undefined properties' },
  { method: 'GET', path: `${W}/named-return?kind=undefined&_format=xml` },
  { method: 'GET', path: `${W}/named-return?kind=nested&_format=xml` },
  { method: 'GET', path: `${W}/root-return?kind=array&_format=xml` },
  { method: 'GET', path: `${W}/multi-callback?_format=json`, headers: { Accept: 'text/html' }, note: '§7 _format=json overrides Accept' },
  { method: 'GET', path: `${W}/multi-callback?callback=cb`, headers: { Accept: 'text/javascript' } },
  { method: 'GET', path: `${W}/multi-callback?callback=cb`, note: 'callback without JSONP Accept: plain JSON' },
  { method: 'GET', path: `${W}/fail-promise?kind=status4xx`, headers: { Accept: 'application/xml' }, note: '§4 XML error via Accept' },
  { method: 'GET', path: `${W}/fail-promise?kind=plain`, headers: { Accept: 'text/html' }, note: '§4 HTML 500 page' },
  { method: 'GET', path: `${W}/fail-promise?kind=httpErrors`, headers: { Accept: 'text/plain' }, note: '§4 text/plain falls back to JSON' },
  { method: 'GET', path: `${W}/fail-promise?kind=status4xx&_format=bogus`, note: '§4 X-Warning on an error' },
  { method: 'POST', path: `${W}/allVerb`, headers: { Accept: 'application/vnd.api+json' }, note: '§7 406 on a custom method' },

  // ---- remaining built-in endpoints of Widget ----------------------------------------
  ...crudRequests(W, { existingId: 2, nextId: 4, sample: { name: 'delta', size: 4, madeAt: '2010-10-10' }, patch: { size: 9 } })
    .filter((r) => !/change-stream/.test(r.path)),
];

const remotingRequestsWithHead = withHeadVariants(remotingRequests);

describe('parity: remoting fixture against stock LB3', function () {
  this.timeout(300000);
  let result: ParityResult;

  before(async () => {
    result = await runParity({ appDir: fixtureDir('remoting'), requests: remotingRequestsWithHead });
  });

  it('answers every request exactly like stock LB3', () => {
    assertParity(result);
  });

  it('requests every REST route of the reference app', () => {
    assertRouteCoverage(result.referenceRoutes, remotingRequestsWithHead);
  });

  it('requests every REST route the candidate registered', () => {
    assertRouteCoverage(result.candidateRoutes, remotingRequestsWithHead);
  });
});
