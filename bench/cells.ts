/**
 * The benchmarked requests ("cells") against test/fixtures/lb3/bench.
 *
 * Each cell is one request sent in a loop by autocannon, plus "guards": extra
 * requests, sent once before the load, whose answers must match stock LB3 too.
 * Guards make sure a candidate does the same work as LB3 (ACLs denied, remote
 * hooks ran), not only that the benchmarked request happens to succeed.
 */

/** The fixed-id access token seeded by the bench fixture (server/boot/seed.js). */
export const BENCH_TOKEN = 'bench-token-0123456789abcdef0123456789abcdef0123456789abcdef0123';

/** One HTTP request, path relative to the server root. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  /** JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
}

/** A response header that must be equal to stock LB3's (e.g. one set by a remote hook). */
export type CheckedHeader = string;

/** A guard request: only its status is compared with stock LB3 (full-parity targets only). */
export interface GuardRequest extends BenchRequest {
  /** Why the guard exists, printed when it fails. */
  why: string;
}

export interface BenchCell {
  /** Short id used in --cells, JSON output and progress lines. */
  id: string;
  /** Table label. */
  label: string;
  request: BenchRequest;
  /** Headers of the benchmarked response that must match stock (full-parity targets only). */
  headers: CheckedHeader[];
  guards: GuardRequest[];
}

const PRODUCT_HOOK_HEADERS = ['x-bench-app-hook'];
const listFilter = encodeURIComponent(JSON.stringify({ where: { price: { gt: 50 } }, limit: 10 }));

/** Static ACL guard: Product denies WRITE to $everyone except create. */
const productAclGuard: GuardRequest = {
  method: 'PATCH',
  path: '/api/Products/999999',
  json: { price: 1 },
  why: 'static ACL: PATCH /Products/:id is denied to $everyone (401 before the 404)',
};

/**
 * The cells, in run order. POST create is last on purpose: it grows the
 * Product table, and the memory connector scans the whole table for list queries.
 */
export const CELLS: readonly BenchCell[] = [
  {
    id: 'get-by-id',
    label: 'GET /Products/:id',
    request: { method: 'GET', path: '/api/Products/7' },
    headers: ['x-bench-app-hook', 'x-bench-method-hook'],
    guards: [productAclGuard],
  },
  {
    id: 'list-where',
    label: 'GET /Products?filter[where]&limit=10',
    request: { method: 'GET', path: `/api/Products?filter=${listFilter}` },
    headers: PRODUCT_HOOK_HEADERS,
    guards: [productAclGuard],
  },
  {
    id: 'remote-method',
    label: 'GET /Products/cheaper-than (custom)',
    request: { method: 'GET', path: '/api/Products/cheaper-than?max=20' },
    headers: PRODUCT_HOOK_HEADERS,
    guards: [productAclGuard],
  },
  {
    id: 'relation',
    label: 'GET /Products/:id/reviews',
    request: { method: 'GET', path: '/api/Products/3/reviews' },
    headers: PRODUCT_HOOK_HEADERS,
    guards: [productAclGuard],
  },
  {
    id: 'owner-token',
    label: 'GET /Notes/:id (token, $owner)',
    request: { method: 'GET', path: '/api/Notes/2', headers: { authorization: BENCH_TOKEN } },
    headers: ['x-bench-app-hook'],
    guards: [
      { method: 'GET', path: '/api/Notes/2', why: '$owner ACL: an anonymous GET /Notes/:id is denied' },
      { method: 'GET', path: '/api/Notes/2', headers: { authorization: 'not-a-token' }, why: '$owner ACL: an unknown token is anonymous' },
    ],
  },
  {
    id: 'create',
    label: 'POST /Products',
    request: { method: 'POST', path: '/api/Products', json: { name: 'Bench widget', price: 9.5, sku: 'SKU-BENCH' } },
    headers: PRODUCT_HOOK_HEADERS,
    guards: [productAclGuard],
  },
];
