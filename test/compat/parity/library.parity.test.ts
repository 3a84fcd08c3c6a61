/**
 * Parity of the unmigrated `library` fixture (stock LB3 vs lb3-shim): the
 * request list of library.requests.ts, then the auth matrix (every route ×
 * anonymous, owner, another user, librarian, bogus token).
 */
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { assertParity, assertRouteCoverage, runParity, type ParityRequest, type ParityResult } from '../../support/parity';
import { stockRoutes } from '../../support/route-requests';
import { libraryMatrix, libraryRequests, MATRIX_CALLERS } from './library.requests';

const APP = fixtureDir('library');

describe('library fixture parity (unmigrated): stock LB3 vs lb3-shim', function () {
  this.timeout(300000);
  let result: ParityResult;
  let matrix: ParityRequest[];

  before(async () => {
    matrix = libraryMatrix(await stockRoutes(APP));
    result = await runParity({ appDir: APP, requests: [...libraryRequests, ...matrix] });
  });

  it('answers every request exactly like stock LB3', () => {
    assertParity(result);
  });

  it('requests every REST route of the stock app, five callers each', () => {
    assertRouteCoverage(result.referenceRoutes, matrix);
    expect(matrix.length).to.equal(result.referenceRoutes.length * MATRIX_CALLERS.length);
  });

  it('reaches allowed and denied answers in the auth matrix', () => {
    const statuses = new Set(result.results.slice(libraryRequests.length).map((r) => r.reference.status));
    expect([...statuses]).to.include.members([200, 401, 404]);
  });

  it('never answers 2xx where stock LB3 answers 401 or 403', () => {
    const leaks = result.results.filter(
      (r) => (r.reference.status === 401 || r.reference.status === 403) && r.candidate.status >= 200 && r.candidate.status < 300,
    );
    expect(leaks.map((r) => `${r.request.method} ${r.request.path} (${r.request.note})`)).to.deep.equal([]);
  });
});
