/**
 * Self-checks of the parity harness: the comparison must be able to fail,
 * normalisation must only hide per-run values, and route coverage must
 * follow LB3's matching rules.
 */
import { expect } from 'chai';
import { assertParity, assertRouteCoverage, CapturedResponse, diffResponses, ParityResult, RouteInfo } from '../../support/parity';
import { ETAG_PLACEHOLDER, normalizeEtag, normalizeJson, normalizeText, NOW_PLACEHOLDER, TOKEN_PLACEHOLDER, weakEtagOf } from '../../support/normalize';

const res = (over: Partial<CapturedResponse> = {}): CapturedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', 'x-powered-by': 'Express' },
  body: { a: 1 },
  rawBody: '{"a":1}',
  ...over,
});

describe('parity harness', () => {
  describe('normalisation', () => {
    it('replaces ISO timestamps near now and 64-char tokens, keeps fixed dates', () => {
      const now = new Date().toISOString();
      const token = 'a'.repeat(32) + 'B9'.repeat(16);
      expect(normalizeJson({ created: now, id: token, fixed: '2019-03-01T10:00:00.000Z', n: 5 })).to.deep.equal({
        created: NOW_PLACEHOLDER,
        id: TOKEN_PLACEHOLDER,
        fixed: '2019-03-01T10:00:00.000Z',
        n: 5,
      });
      expect(normalizeText(`<d>${now}</d><t>${token}</t><f>2019-03-01T10:00:00.000Z</f>`)).to.equal(
        `<d>${NOW_PLACEHOLDER}</d><t>${TOKEN_PLACEHOLDER}</t><f>2019-03-01T10:00:00.000Z</f>`,
      );
    });

    it('keeps key order so a reordered body still differs', () => {
      expect(JSON.stringify(normalizeJson({ b: 1, a: 2 }))).to.equal('{"b":1,"a":2}');
    });

    it("accepts only Express' weak ETag of the body actually sent", () => {
      const body = Buffer.from('{"a":1}');
      expect(normalizeEtag(weakEtagOf(body), body)).to.equal(ETAG_PLACEHOLDER);
      expect(normalizeEtag('"strong"', body)).to.equal('"strong"');
      expect(weakEtagOf(Buffer.alloc(0))).to.equal('W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"');
    });
  });

  describe('diffResponses', () => {
    it('reports no difference for equal responses', () => {
      expect(diffResponses(res(), res(), 'shim')).to.deep.equal([]);
    });

    it('reports status, header and body differences', () => {
      const diffs = diffResponses(res(), res({ status: 201, headers: { 'content-type': 'application/json', 'x-extra': '1' }, body: { a: 2 } }), 'shim');
      expect(diffs.join('\n'))
        .to.contain('status: stock=200 candidate(shim)=201')
        .and.contain('header content-type')
        .and.contain('header x-powered-by: stock="Express" candidate(shim)=(absent)')
        .and.contain('header x-extra')
        .and.contain('body:');
    });
  });

  describe('assertParity', () => {
    it('lists every mismatching request with method, path and note', () => {
      const result: ParityResult = {
        appDir: '/x/demo',
        candidateKind: 'shim',
        referenceRoutes: [],
        candidateRoutes: [],
        crashes: [],
        results: [],
        mismatches: [
          {
            index: 3,
            request: { method: 'GET', path: '/api/Products/1', note: 'why' },
            reference: res(),
            candidate: res({ status: 500 }),
            diffs: ['status: stock=200 candidate(shim)=500'],
          },
        ],
      };
      expect(() => assertParity(result)).to.throw(/1 of 0 requests differ[\s\S]*#3 GET \/api\/Products\/1 {2}\(why\)[\s\S]*status: stock=200/);
    });
  });

  describe('assertRouteCoverage', () => {
    const routes: RouteInfo[] = [
      { verb: 'get', path: '/Products/:id' },
      { verb: 'get', path: '/Products/findOne' },
      { verb: 'head', path: '/Products/:id' },
      { verb: 'all', path: '/Products/allVerb' },
      { verb: 'get', path: '/Products/:id/reviews/:fk' },
    ];

    it('passes when every route is the best match of a request', () => {
      expect(() =>
        assertRouteCoverage(routes, [
          { method: 'GET', path: '/api/Products/1' },
          { method: 'get', path: '/API/products/FINDONE/?x=1' },
          { method: 'HEAD', path: '/api/Products/1' },
          { method: 'POST', path: '/api/Products/allVerb' },
          { method: 'GET', path: '/api/Products/1/reviews/2' },
        ]),
      ).to.not.throw();
    });

    it('names routes shadowed or never requested', () => {
      // GET /allVerb is answered by GET /:id in LB3, so it covers findById, not the all-verb method
      expect(() =>
        assertRouteCoverage(routes, [
          { method: 'GET', path: '/api/Products/findOne' },
          { method: 'GET', path: '/api/Products/allVerb' },
        ]),
      ).to.throw(/^3 of 5 routes were never requested:\n {2}HEAD \/Products\/:id\n {2}ALL \/Products\/allVerb\n {2}GET \/Products\/:id\/reviews\/:fk$/);
    });

    it('honours explicit exclusions', () => {
      expect(() => assertRouteCoverage(routes.slice(0, 1), [], { exclude: ['get /Products/:id'] })).to.not.throw();
    });
  });
});
