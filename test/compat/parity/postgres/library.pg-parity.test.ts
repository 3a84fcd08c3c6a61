/**
 * Parity of the `library` fixture (the migration fixture: owner / role ACLs,
 * tokens, remote and operation hooks, a mixin, belongsTo / hasMany /
 * hasAndBelongsToMany) with its `db` datasource on PostgreSQL: its request
 * list plus the auth matrix (every route × five callers), stock LB3 and the
 * shim each on their own automigrated, seeded database.
 */
import { describePgParity, oneCreatePerItem } from '../../../support/describe-pg-parity';
import { fixtureDir } from '../../../support/paths';
import { stockRoutes } from '../../../support/route-requests';
import { libraryMatrix, libraryRequests } from '../library.requests';

const APP = fixtureDir('library');

describePgParity('parity on PostgreSQL: library fixture (migration fixture: ACLs, hooks, relations, auth matrix) against stock LB3', {
  appDir: APP,
  database: 'library',
  requests: async () => oneCreatePerItem([...libraryRequests, ...libraryMatrix(await stockRoutes(APP))]),
  timeout: 300000,
  // as its memory suite: the matrix is built from the stock app's routes (the shim's extra HEAD/OPTIONS routes are not listed)
  candidateCoverage: false,
});
