/**
 * Routing at the edges, as express (and so stock LB3) routes, on the demo fixture: absolute-form
 * request targets, path parameters of any length, routing on the raw path (a percent-escape in a
 * model or method name matches nothing, `:id` is decoded as express decodes it) and malformed
 * escapes (400).
 */
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { assertParity, runParity, type ParityRequest, type ParityResult } from '../../support/parity';

const long = (n: number, c = '7') => c.repeat(n);

export const routingEdgeRequests: ParityRequest[] = [
  // ---- absolute-form targets (RFC 7230 §5.3.2) -------------------------------------------
  { method: 'GET', path: 'http://127.0.0.1/api/Products/1', note: 'absolute-form target' },
  { method: 'GET', path: 'http://example.com:8080/api/Products?filter[limit]=1', note: 'absolute-form, other host, query' },
  { method: 'GET', path: 'http://127.0.0.1/api/Products/stats', note: 'absolute-form, custom method' },
  { method: 'GET', path: 'http://127.0.0.1/ping', note: 'absolute-form, app route outside /api' },
  // ---- parameter length ---------------------------------------------------------------
  { method: 'GET', path: `/api/Products/${long(100)}`, note: '100-character id' },
  { method: 'GET', path: `/api/Products/${long(101)}`, note: '101-character id (find-my-way default limit + 1)' },
  { method: 'GET', path: `/api/Products/${long(1000)}`, note: '1000-character id' },
  { method: 'GET', path: `/api/Products/${long(1000, 'x')}`, note: '1000-character non-numeric id' },
  { method: 'GET', path: `/api/Products/${long(1000)}/exists` },
  { method: 'GET', path: `/api/Categories/1/products/${long(1000)}`, note: '1000-character fk' },
  // ---- raw-path routing -------------------------------------------------------------------
  { method: 'GET', path: '/api/%50roducts', note: 'encoded model name' },
  { method: 'GET', path: '/api/%50roducts/1' },
  { method: 'GET', path: '/api/Products/st%61ts', note: 'encoded method name: no custom method, :id = "stats"' },
  { method: 'GET', path: '/api/Products/%63ount', note: 'encoded static segment' },
  { method: 'POST', path: '/api/Products/1/apply-%64iscount', json: { percent: 10 }, note: 'encoded method name must not run it' },
  { method: 'GET', path: '/api/Categories/1/%70roducts', note: 'encoded relation name' },
  { method: 'GET', path: '/api/Products/%31', note: ':id decoded' },
  { method: 'GET', path: '/api/Products/%31/exists' },
  { method: 'GET', path: '/api/Categories/%31/products/%32', note: 'both params decoded' },
  { method: 'GET', path: '/api/Products/1%2F2', note: 'encoded slash stays in the param' },
  { method: 'GET', path: '/api/Products/a%20b' },
  { method: 'GET', path: '/api/Products/%E2%82%AC', note: 'UTF-8 escape' },
  // ---- malformed escapes ---------------------------------------------------------------------
  { method: 'GET', path: '/api/Products/%E0%A4%A', note: 'malformed escape in :id' },
  { method: 'GET', path: '/api/Products/%E0%A4%A', headers: { Accept: 'text/html' } },
  { method: 'GET', path: '/api/Products/%', note: 'lone percent' },
  { method: 'GET', path: '/api/Products/%zz' },
  { method: 'GET', path: '/api/Products/%E0%A4%A/exists' },
  { method: 'DELETE', path: '/api/Products/%E0%A4%A' },
  { method: 'POST', path: '/api/Products/%E0%A4%A', json: {}, note: 'no POST /:id route; GET /:id matches the shape' },
  { method: 'GET', path: '/api/Categories/1/products/%E0%A4%A' },
  { method: 'GET', path: '/api/%E0%A4%A', note: 'malformed where no param matches' },
  { method: 'GET', path: '/api/Products/stats%', note: 'malformed after a literal' },
];

describe('parity: routing edge cases (absolute-form, long params, raw path, bad escapes) against stock LB3', function () {
  this.timeout(180000);
  let result: ParityResult;

  before(async () => {
    result = await runParity({ appDir: fixtureDir('demo'), requests: routingEdgeRequests });
  });

  it('answers every request exactly like stock LB3', () => {
    assertParity(result);
  });

  it('answers as express routes: 200 for absolute-form, MODEL_NOT_FOUND for long ids, 404 for encoded names, 400 for bad escapes', () => {
    const stock = (note: string) => result.results.find((r) => r.request.note === note)!.reference;
    expect(stock('absolute-form target').status).to.equal(200);
    expect((stock('101-character id (find-my-way default limit + 1)').body as any).error.code).to.equal('MODEL_NOT_FOUND');
    expect((stock('1000-character id').body as any).error.code).to.equal('MODEL_NOT_FOUND');
    expect(stock('encoded model name').status).to.equal(404);
    expect(stock('encoded method name must not run it').status).to.equal(404);
    expect(stock('malformed escape in :id').status).to.equal(400);
  });
});
