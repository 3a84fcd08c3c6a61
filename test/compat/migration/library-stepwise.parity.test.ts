/**
 * The library fixture migrated one model at a time — Book, Author, Review,
 * Tag, Loan, Member (the User-based model) — with the unmigrated parity list
 * run after each step (stock LB3 on the original app vs lb3-shim with the
 * models so far native), and the auth matrix after the last step, when every
 * application model has a native controller.
 *
 * Not covered: the app still needs LB3's packages at the end (its built-in
 * models, token and ACL machinery serve the native routes); see docs/migration.md.
 */
import * as path from 'path';
import { expect } from 'chai';
import { createShim } from '../../../compat/create-shim';
import { parseModelsEnv } from '../../../compat/migration/migration-config';
import { fixtureDir } from '../../support/paths';
import { assertParity, runParity, type ParityRequest } from '../../support/parity';
import { stockRoutes } from '../../support/route-requests';
import { libraryMatrix, libraryRequests } from '../parity/library.requests';

const APP = fixtureDir('library');
const ORDER = ['Book', 'Author', 'Review', 'Tag', 'Loan', 'Member'];

describe('library fixture migrated one model at a time, parity after each step', function () {
  this.timeout(600000);
  let matrix: ParityRequest[];

  before(async () => {
    matrix = libraryMatrix(await stockRoutes(APP));
  });

  ORDER.forEach((_model, i) => {
    const native = ORDER.slice(0, i + 1);
    const last = i === ORDER.length - 1;
    it(`step ${i + 1}: ${native.join(', ')} native — answers ${last ? 'the parity list and the auth matrix' : 'the parity list'} like stock LB3`, async () => {
      const requests = last ? [...libraryRequests, ...matrix] : libraryRequests;
      const result = await runParity({ appDir: APP, requests, candidate: 'shim', candidateEnv: { LB3_SHIM_MODELS: native.join(',') } });
      assertParity(result);
      if (last) {
        const leaks = result.results.filter(
          (r) => (r.reference.status === 401 || r.reference.status === 403) && r.candidate.status >= 200 && r.candidate.status < 300,
        );
        expect(leaks.map((r) => `${r.request.method} ${r.request.path}`)).to.deep.equal([]);
      }
    });
  });

  it('ends with a native controller serving routes of every application model', async () => {
    for (const key of Object.keys(require.cache))
      if (key.startsWith(APP + path.sep) && !key.includes(`${path.sep}migrated${path.sep}`)) delete require.cache[key];
    const shim = await createShim(
      { appDir: APP },
      { migration: { migratedDir: path.join(APP, 'migrated'), models: parseModelsEnv(ORDER.join(',')), source: 'test' } },
    );
    try {
      const served = new Set(
        shim
          .migration!.ownedRoutes()
          .filter((r) => r.side === 'native')
          .map((r) => r.model),
      );
      expect([...served].sort()).to.deep.equal([...ORDER].sort());
      expect(shim.migration!.unclaimed()).to.deep.equal([]);
    } finally {
      await shim.stop();
    }
  });
});
