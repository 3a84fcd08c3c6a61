/**
 * Parity of the `demo` fixture (Category hasMany Product, Review belongsTo
 * Product, custom methods): every route, filters (§2), negotiation (§7),
 * body-parser errors (§4) and routing misses (§1) against stock LB3.
 */
import { describeParity } from '../../support/describe-parity';
import * as http from 'http';
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { candidateKind, crudRequests, ParityRequest, sendRequest, startTarget, Target, type CapturedResponse } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const P = '/api/Products';

export const demoRequests: ParityRequest[] = [
  // ---- built-in CRUD of every model --------------------------------------
  ...crudRequests('/api/Categories', { existingId: 2, nextId: 3, sample: { name: 'Garden' }, patch: { description: 'green' } }),
  ...crudRequests(P, {
    existingId: 4,
    nextId: 5,
    sample: { name: 'Glue', price: 2.5, tags: ['sticky'], releasedAt: '2001-01-01', categoryId: 1 },
    patch: { price: 3.75 },
  }),
  ...crudRequests('/api/Reviews', { existingId: 3, nextId: 4, sample: { rating: 4, productId: 1 }, patch: { comment: 'edited' } }),

  // ---- relations -----------------------------------------------------------
  { method: 'GET', path: '/api/Categories/1/products' },
  { method: 'GET', path: `/api/Categories/1/products?filter=${enc({ where: { price: { gt: 5 } }, fields: ['name', 'price'] })}` },
  { method: 'GET', path: '/api/Categories/1/products?filter[order]=price%20DESC' },
  { method: 'GET', path: '/api/Categories/1/products/count' },
  { method: 'GET', path: `/api/Categories/1/products/count?where=${enc({ inStock: true })}` },
  { method: 'GET', path: '/api/Categories/1/products/1' },
  { method: 'GET', path: '/api/Categories/1/products/3', note: 'child of another parent' },
  { method: 'GET', path: '/api/Categories/999/products', note: 'missing parent' },
  { method: 'POST', path: '/api/Categories/1/products', json: { name: 'Saw', price: 30, categoryId: 2 }, note: 'FK forced to parent' },
  { method: 'POST', path: '/api/Categories/1/products', json: { name: 'Nope' }, note: '422 in relation create' },
  { method: 'PUT', path: '/api/Categories/1/products/2', json: { price: 5 } },
  { method: 'PUT', path: '/api/Categories/1/products/999', json: { price: 5 } },
  { method: 'PATCH', path: '/api/Categories/1/products/2', json: { price: 5 }, note: 'no PATCH on :fk' },
  { method: 'DELETE', path: '/api/Categories/2/products/999' },
  { method: 'DELETE', path: '/api/Categories/1/products/2' },
  { method: 'DELETE', path: '/api/Categories/3/products' },
  { method: 'GET', path: '/api/Categories/1/__get__products', note: 'internal names are not routable' },
  { method: 'GET', path: '/api/Products/1/category' },
  { method: 'GET', path: '/api/Products/1/category?refresh=true' },
  { method: 'GET', path: '/api/Products/999/category' },
  { method: 'GET', path: '/api/Products/1/reviews' },
  { method: 'GET', path: '/api/Products/1/reviews/1' },
  { method: 'POST', path: '/api/Products/3/reviews', json: { rating: 2, comment: 'meh' } },
  { method: 'POST', path: '/api/Products/3/reviews', json: { rating: 2.5 }, note: 'numericality int' },
  { method: 'PUT', path: '/api/Products/3/reviews/3', json: { comment: 'changed' } },
  { method: 'GET', path: '/api/Products/1/reviews/count' },
  { method: 'DELETE', path: '/api/Products/1/reviews/2' },
  { method: 'DELETE', path: '/api/Products/4/reviews' },
  { method: 'GET', path: '/api/Reviews/1/product' },

  // ---- custom methods --------------------------------------------------------
  { method: 'GET', path: `${P}/cheaper-than?max=10` },
  { method: 'GET', path: `${P}/cheaper-than?max=abc`, note: 'coercion error' },
  { method: 'GET', path: `${P}/cheaper-than`, note: 'missing required arg' },
  { method: 'GET', path: `${P}/cheaper-than?max=`, note: 'empty = absent' },
  { method: 'GET', path: `${P}/stats` },
  { method: 'HEAD', path: `${P}/stats`, note: 'HEAD /:id (exists) shadows custom GET' },
  { method: 'POST', path: `${P}/1/apply-discount`, json: { percent: 10 } },
  { method: 'POST', path: `${P}/1/apply-discount`, json: { percent: '10' }, note: 'JSON body is not coerced' },
  { method: 'POST', path: `${P}/1/apply-discount?percent=20`, json: {} },
  { method: 'POST', path: `${P}/1/apply-discount`, body: 'percent=5', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  { method: 'POST', path: `${P}/1/apply-discount`, json: { percent: 95 }, note: 'statusCode 422 from promise' },
  { method: 'POST', path: `${P}/1/apply-discount`, json: {}, note: 'required arg' },
  { method: 'POST', path: `${P}/999/apply-discount`, json: { percent: 5 }, note: 'sharedCtor miss' },
  { method: 'GET', path: `${P}/1/apply-discount`, note: 'wrong verb' },

  // ---- filters (§2) ----------------------------------------------------------
  { method: 'GET', path: `${P}?filter[where][name]=Kite` },
  { method: 'GET', path: `${P}?filter[where][price][gt]=4` },
  { method: 'GET', path: `${P}?filter[where][id][inq][0]=1&filter[where][id][inq][1]=3` },
  { method: 'GET', path: `${P}?filter[include]=category&filter[limit]=2` },
  { method: 'GET', path: `${P}?filter[fields]=name` },
  { method: 'GET', path: `${P}?filter[where][inStock]=false` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { price: '20' } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { price: 'abc' } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { releasedAt: { gt: '2019-12-31' } } })}` },
  { method: 'GET', path: `${P}?filter=` },
  { method: 'GET', path: `${P}?filter=null` },
  { method: 'GET', path: `${P}?filter={bad}` },
  { method: 'GET', path: `${P}?filter=bad` },
  { method: 'GET', path: `${P}?filter=[1]` },
  { method: 'GET', path: `${P}?filter={x` },
  { method: 'GET', path: `${P}?filter[where]=${enc({ name: 'Kite' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { nope: 1 } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ unknownKey: 1, order: 'nope ASC' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ fields: { name: true } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ fields: ['name', 'price'] })}` },
  { method: 'GET', path: `${P}?filter=${enc({ fields: { tags: false, releasedAt: false } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ order: 'price DESC' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ order: ['inStock DESC', 'name ASC'] })}` },
  { method: 'GET', path: `${P}?filter=${enc({ order: 'releasedAt DESC' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: 1, skip: 1 })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: 2, offset: 2 })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: 'abc' })}` },
  { method: 'GET', path: `${P}?filter=${enc({ limit: -1 })}` },
  { method: 'GET', path: `${P}?filter=${enc({ include: ['category', 'reviews'] })}` },
  {
    method: 'GET',
    path: `${P}?filter=${enc({ include: { relation: 'reviews', scope: { where: { rating: { gte: 4 } }, fields: ['rating', 'productId'] } } })}`,
  },
  { method: 'GET', path: `/api/Categories?filter=${enc({ include: { products: 'reviews' } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ include: 'nope' })}`, note: 'unknown relation: 500' },
  { method: 'GET', path: `${P}?filter=${enc({ where: { id: 999 }, include: 'nope' })}`, note: 'unknown relation, no rows' },
  { method: 'GET', path: `${P}?filter=${enc({ fields: ['name'], include: 'category' })}`, note: 'fields without id + include' },
  {
    method: 'GET',
    path: `${P}?filter=${enc({ where: { and: [{ or: [{ and: [{ or: [{ and: [{ or: [{ and: [{ name: 'x' }] }] }] }] }] }] }] } })}`,
    note: 'max depth',
  },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { like: 'K%' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { name: { regexp: '^ham/i' } } })}` },
  { method: 'GET', path: `${P}?where=${enc({ name: 'Kite' })}`, note: 'top-level where ignored on find' },
  { method: 'GET', path: `${P}/findOne?filter=${enc({ where: { price: { gt: 10 } }, order: 'price ASC' })}` },
  { method: 'GET', path: `${P}/1?filter=${enc({ fields: ['name'], include: 'reviews' })}` },
  { method: 'GET', path: `${P}/1?filter=${enc({ include: 'reviews' })}` },
  { method: 'GET', path: `${P}/count?where[inStock]=true` },
  { method: 'GET', path: `${P}/count?where=` },
  { method: 'GET', path: `${P}/count?where={bad}` },
  { method: 'GET', path: `${P}/count?filter=${enc({ where: { id: 1 } })}`, note: 'count ignores filter' },
  { method: 'POST', path: `${P}/update?where[name]=Kite`, json: { inStock: true } },
  { method: 'POST', path: `${P}/update?where={}`, json: { tags: ['all'] } },

  // ---- ids and coercion of :id ----------------------------------------------
  { method: 'GET', path: `${P}/1.0` },
  { method: 'GET', path: `${P}/01` },
  { method: 'GET', path: `${P}/abc` },
  { method: 'PATCH', path: `${P}/3`, json: { id: 4, name: 'x' }, note: 'id change on patch' },
  { method: 'PUT', path: `${P}/3`, json: { id: 4, name: 'x', price: 1 }, note: 'id change on replace' },
  { method: 'PATCH', path: P, json: { id: 500, name: 'ghost', price: 1 }, note: 'patchOrCreate unknown id' },

  // ---- bodies (§1, §4) -------------------------------------------------------
  { method: 'POST', path: P, body: '', headers: { 'Content-Type': 'application/json' }, note: 'empty JSON body' },
  { method: 'POST', path: P, note: 'no body at all' },
  { method: 'POST', path: P, body: '"str"', headers: { 'Content-Type': 'application/json' } },
  {
    method: 'POST',
    path: P,
    json: [
      { name: 'A', price: 1 },
      { name: 'B', price: 2 },
    ],
    note: 'bulk create',
  },
  { method: 'POST', path: P, json: [{ name: 'C', price: 1 }, { name: 'D' }], note: 'bulk create with one invalid item' },
  { method: 'POST', path: P, json: [1, 2], note: 'array items not objects' },
  { method: 'PATCH', path: `${P}/1`, json: [{ name: 'x' }], note: 'array for a non-array method' },
  { method: 'POST', path: P, body: '{"name": "x", bad}', headers: { 'Content-Type': 'application/json' }, note: 'malformed JSON' },
  { method: 'POST', path: P, body: 'name=Form&price=9', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  { method: 'POST', path: P, body: 'name=Plain', headers: { 'Content-Type': 'text/plain' }, note: 'unparsed content type' },
  {
    method: 'POST',
    path: P,
    body: JSON.stringify({ name: 'big', price: 1, blob: 'x'.repeat(110 * 1024) }),
    headers: { 'Content-Type': 'application/json' },
    note: '413',
  },
  {
    method: 'POST',
    path: P,
    body: 'name=big&blob=' + 'y'.repeat(110 * 1024),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    note: '413 urlencoded',
  },
  { method: 'POST', path: P, json: { name: 'Ünïcødé ☃', price: 1.1e21 } },

  // ---- negotiation (§7, §4) -------------------------------------------------
  { method: 'GET', path: `${P}/1`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${P}/1`, headers: { Accept: 'application/xml' } },
  { method: 'GET', path: `${P}/1`, headers: { Accept: 'application/vnd.api+json' } },
  { method: 'GET', path: `${P}/1`, headers: { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } },
  { method: 'GET', path: `${P}/1`, headers: { Accept: '*/*' } },
  { method: 'GET', path: `${P}/1`, headers: { Accept: 'text/plain' } },
  { method: 'GET', path: `${P}/1?callback=cb`, headers: { Accept: 'text/javascript' } },
  { method: 'GET', path: `${P}/1?callback=cb`, headers: { Accept: 'application/javascript' } },
  { method: 'GET', path: `${P}/1?callback=cb` },
  { method: 'GET', path: `${P}/1?_format=json`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${P}?_format=xml` },
  { method: 'GET', path: `${P}/1?_format=bogus` },
  { method: 'GET', path: `${P}/999`, headers: { Accept: 'text/html' } },
  { method: 'GET', path: `${P}/999`, headers: { Accept: 'application/xml' } },
  { method: 'GET', path: `${P}/999?_format=xml` },
  { method: 'GET', path: `${P}/999?_format=bogus` },
  { method: 'GET', path: `${P}/999`, headers: { Accept: 'text/plain' } },
  { method: 'GET', path: `${P}/1`, headers: { 'If-None-Match': 'W/"bogus"' } },
  { method: 'GET', path: `${P}/1`, ifNoneMatchPrevious: true, note: 'conditional GET: 304' },
  { method: 'GET', path: '/api/Reviews/1' },
  { method: 'GET', path: '/api/Reviews/1', ifNoneMatchPrevious: true, note: '304 with a per-run timestamp in the body' },
  { method: 'GET', path: `${P}/stats`, ifNoneMatchPrevious: true, note: 'ETag of another body: 200' },

  // ---- routing (§1, §7) ------------------------------------------------------
  { method: 'GET', path: '/api/Nopes?x=1' },
  { method: 'GET', path: '/api' },
  { method: 'GET', path: '/api/' },
  { method: 'POST', path: `${P}/1`, json: {}, note: 'no POST /:id' },
  { method: 'DELETE', path: `${P}?x=1` },
  { method: 'OPTIONS', path: P },
  { method: 'GET', path: '/api/products/1', note: 'case-insensitive' },
  { method: 'GET', path: '/API/PRODUCTS/STATS' },
  { method: 'GET', path: `${P}/`, note: 'trailing slash' },
  { method: 'GET', path: '/api//Products//1' },
  { method: 'GET', path: '/nope?x=1', note: 'urlNotFound' },
  { method: 'GET', path: '/ping', note: 'boot-script express route' },
  { method: 'GET', path: '/', note: 'root status route as lb generates it (boot/root.js, loopback.status())' },
  { method: 'POST', path: `${P}/1`, headers: { 'X-HTTP-Method-Override': 'PATCH' }, json: { name: 'x' } },

  // ---- catalogue coverage additions (docs/parity-coverage.md) -------------------------
  { method: 'POST', path: P, json: { name: 'Offset', price: 1, releasedAt: '2001-01-01T10:00:00+02:00' }, note: '§1 +02:00 date property stored as Z' },
  { method: 'GET', path: `${P}/changes`, note: '§1 no replication endpoints without trackChanges: findById' },
  { method: 'POST', path: `${P}/diff`, json: {}, note: '§1 no replication endpoints' },
  { method: 'GET', path: `${P}/checkpoint` },
  {
    method: 'POST',
    path: `${P}/upsertWithWhere?where=${enc({ inStock: true })}`,
    json: { name: 'Many', price: 1 },
    note: '§1 upsertWithWhere with several matches: 400',
  },
  { method: 'GET', path: `${P}/change-stream`, headers: { Accept: 'text/event-stream' }, headersOnly: true, note: '§1 SSE by Accept' },
  { method: 'GET', path: `${P}/change-stream?_format=event-stream`, headers: { Accept: 'application/json' }, headersOnly: true, note: '§1 SSE by _format' },
  { method: 'GET', path: `${P}/change-stream`, headers: { Accept: 'text/html' }, headersOnly: true },
  { method: 'GET', path: `${P}?filter[where][releasedAt][gt]=2019-12-31`, note: '§2 bracket date string coerced' },
  { method: 'GET', path: `${P}?filter[where][price][lt]=5&filter[order]=price%20DESC&filter[limit]=2&filter[skip]=0` },
  { method: 'GET', path: `${P}?filter=${enc({ where: { id: '1' } })}`, note: '§2 JSON string id coerced' },
  { method: 'GET', path: `${P}/findOne?filter[where][name]=Kite` },
  { method: 'GET', path: `${P}/1?filter[include]=category&filter[fields][name]=true&filter[fields][categoryId]=true&filter[fields][id]=true` },
  { method: 'GET', path: `${P}/count?where=null`, note: '§2 null where = absent' },
  { method: 'POST', path: `${P}/update?where=`, json: { inStock: true }, note: '§1 empty where on updateAll' },
  { method: 'POST', path: '/api/Categories', headers: { Accept: 'text/html' }, json: { name: 'Ran anyway' }, note: '§7 406, but the method still ran' },
  { method: 'GET', path: `/api/Categories?filter=${enc({ where: { name: 'Ran anyway' } })}` },
  { method: 'DELETE', path: `/api/Categories/2/products?where=${enc({ name: 'Kite' })}`, note: '§8 __delete__ ignores where' },
  { method: 'GET', path: '/api/Categories/2/products/count' },
  { method: 'GET', path: `/api/Categories/1/products/count?where[price][gt]=4`, note: '§8 __count__ with bracket where' },
  { method: 'GET', path: `/api/Categories/1/products?filter[where][price][gt]=4&filter[fields]=name` },
];

const demoRequestsWithHead = withHeadVariants(demoRequests);

/** `GET /` answers `{ started, uptime }`: times of each process, compared by type (and so its ETag and length). */
export function normalizeStatusRoute(res: CapturedResponse, req: ParityRequest): CapturedResponse {
  const body = res.body as { started?: unknown; uptime?: unknown } | undefined;
  if (req.path !== '/' || res.status !== 200) return res;
  const headers = { ...res.headers };
  for (const h of ['etag', 'content-length']) if (headers[h] !== undefined) headers[h] = '<varies with time>';
  if (body === undefined || typeof body !== 'object') return { ...res, headers };
  return {
    ...res,
    headers,
    body: { started: typeof body.started === 'string' && !Number.isNaN(Date.parse(body.started)) ? '<date>' : body.started, uptime: typeof body.uptime },
  };
}

describeParity('parity: demo fixture against stock LB3', { appDir: fixtureDir('demo'), requests: demoRequestsWithHead, normalize: normalizeStatusRoute });

/** What a change-stream client saw: status, content type and the body text received while a row was created, patched and deleted. */
interface StreamTranscript {
  status: number;
  contentType: string | undefined;
  cacheControl: string | undefined;
  contentEncoding: string | undefined;
  transferEncoding: string | undefined;
  body: string;
}

/**
 * Open `/api/Categories/change-stream` (the stream never ends), then create,
 * patch and delete a Category through the REST API, and return what the
 * stream sent until the delete arrived (or 4s passed).
 */
function streamTranscript(port: number, path: string, headers: Record<string, string>): Promise<StreamTranscript> {
  return new Promise((resolve, reject) => {
    let body = '';
    let mutated = false;
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const finish = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          cacheControl: res.headers['cache-control'],
          contentEncoding: res.headers['content-encoding'],
          transferEncoding: res.headers['transfer-encoding'],
          body,
        });
      };
      const timer = setTimeout(finish, 4000);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (/remove/.test(body)) setTimeout(finish, 50);
        if (mutated) return;
        mutated = true;
        // the first chunk (":ok" or the mux-demux "new" frame) means the stream is subscribed
        void (async () => {
          const created = await sendRequest(port, { method: 'POST', path: '/api/Categories', json: { name: 'Streamed' } });
          const id = (created.body as { id?: number }).id;
          await sendRequest(port, { method: 'PATCH', path: `/api/Categories/${id}`, json: { description: 'patched' } });
          await sendRequest(port, {
            method: 'POST',
            path: `/api/Categories/update?where=${encodeURIComponent(JSON.stringify({ id }))}`,
            json: { description: 'bulk' },
          });
          await sendRequest(port, { method: 'DELETE', path: `/api/Categories/${id}` });
        })();
      });
      res.on('error', () => undefined);
    });
    req.on('error', (err) => (/socket hang up|aborted/.test(String(err)) ? undefined : reject(err)));
  });
}

/** mux-demux stream ids are random per stream: compare them as a placeholder. */
const normalizeStreamIds = (t: StreamTranscript): StreamTranscript => ({
  ...t,
  body: t.body.replace(/^\["[^"]+",/gm, '["<stream id>",'),
});

describe('parity: demo change-stream bodies against stock LB3', function () {
  this.timeout(180000);
  const variants: Array<{ label: string; path: string; headers: Record<string, string> }> = [
    { label: 'SSE (no Accept)', path: '/api/Categories/change-stream', headers: {} },
    { label: 'SSE (?_format=event-stream)', path: '/api/Categories/change-stream?_format=event-stream', headers: { Accept: 'application/json' } },
    { label: 'newline-delimited mux-demux (Accept: application/json)', path: '/api/Categories/change-stream', headers: { Accept: 'application/json' } },
  ];

  for (const v of variants) {
    it(`streams create, update and remove events like stock LB3: ${v.label}`, async () => {
      // fresh apps per variant: ids and rows then match between the two sides
      const reference: Target = await startTarget('stock', fixtureDir('demo'));
      let candidate: Target | undefined;
      try {
        candidate = await startTarget(candidateKind(), fixtureDir('demo'));
        const ref = normalizeStreamIds(await streamTranscript(reference.port, v.path, v.headers));
        const cand = normalizeStreamIds(await streamTranscript(candidate.port, v.path, v.headers));
        expect(ref.body, 'stock LB3 must have streamed the delete').to.match(/remove/);
        expect(cand).to.deep.equal(ref);
      } finally {
        await Promise.all([reference.stop(), candidate?.stop()]);
      }
    });
  }
});
