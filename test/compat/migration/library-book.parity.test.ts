/**
 * The unmigrated library parity list and auth matrix, against lb3-shim with
 * Book served by its native TypeScript (test/fixtures/lb3/library/migrated/book,
 * loaded in dev mode through ts-node): stock LB3 on the original app vs the
 * shim with `LB3_SHIM_MODELS=Book=native`.
 */
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { assertParity, assertRouteCoverage, runParity, type ParityRequest, type ParityResult } from '../../support/parity';
import { stockRoutes } from '../../support/route-requests';
import { libraryMatrix, libraryRequests, MATRIX_CALLERS } from '../parity/library.requests';

const APP = fixtureDir('library');

describe('library fixture with Book migrated: stock LB3 vs lb3-shim with native Book', function () {
  this.timeout(300000);
  let result: ParityResult;
  let matrix: ParityRequest[];

  before(async () => {
    matrix = libraryMatrix(await stockRoutes(APP));
    result = await runParity({ appDir: APP, requests: [...libraryRequests, ...matrix], candidate: 'shim', candidateEnv: { LB3_SHIM_MODELS: 'Book=native' } });
  });

  it('answers every request of the unmigrated parity list and auth matrix exactly like stock LB3', () => {
    assertParity(result);
    assertRouteCoverage(result.referenceRoutes, matrix);
    expect(matrix.length).to.equal(result.referenceRoutes.length * MATRIX_CALLERS.length);
  });

  it('never answers 2xx where stock LB3 answers 401 or 403', () => {
    const leaks = result.results.filter(
      (r) => (r.reference.status === 401 || r.reference.status === 403) && r.candidate.status >= 200 && r.candidate.status < 300,
    );
    expect(leaks.map((r) => `${r.request.method} ${r.request.path} (${r.request.note})`)).to.deep.equal([]);
  });
});
