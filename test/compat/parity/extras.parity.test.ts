/**
 * lb3-shim's extras that stock LB3 does not have (/openapi.json, /explorer) are off in
 * production, so there the shim answers those paths as stock does (the app's 404), and on in
 * development. (That they never hide an app route at the same path: start-path.parity.test.ts.)
 */
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { assertParity, runParity, type ParityRequest, type ParityResult } from '../../support/parity';

const extrasRequests: ParityRequest[] = [
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/explorer' },
  { method: 'GET', path: '/explorer/' },
  { method: 'GET', path: '/api/Products/1', note: 'the API itself' },
];

describe('parity: extras stock LB3 does not have, by NODE_ENV', function () {
  this.timeout(180000);

  describe('NODE_ENV=production', () => {
    let result: ParityResult;
    before(async () => {
      result = await runParity({ appDir: fixtureDir('demo'), requests: extrasRequests, env: { NODE_ENV: 'production' } });
    });

    it('answers /openapi.json and /explorer exactly like stock LB3 (404): the extras are off', () => {
      assertParity(result);
      expect(result.results.slice(0, 3).map((r) => r.candidate.status)).to.deep.equal([404, 404, 404]);
    });
  });

  describe('NODE_ENV=development', () => {
    let result: ParityResult;
    before(async () => {
      result = await runParity({ appDir: fixtureDir('demo'), requests: extrasRequests, env: { NODE_ENV: 'development' } });
    });

    it('serves /openapi.json and /explorer where stock answers 404, and the API as stock', () => {
      expect(result.results.map((r) => r.reference.status)).to.deep.equal([404, 404, 404, 200]);
      expect(result.results.map((r) => r.candidate.status)).to.deep.equal([200, 200, 200, 200]);
      expect((result.results[0].candidate.body as { openapi?: string }).openapi).to.match(/^3\./);
      expect(result.mismatches.map((m) => m.request.path)).to.deep.equal(['/openapi.json', '/explorer', '/explorer/']);
    });
  });
});
