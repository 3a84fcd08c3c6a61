/**
 * Parity of the `auth` fixture (tokens, login/logout, owner / role / custom
 * resolver / database ACLs, hasMany + belongsTo) with its `db` datasource on
 * PostgreSQL: stock LB3 and the shim each on their own automigrated, seeded database.
 */
import { describePgParity, oneCreatePerItem } from '../../../support/describe-pg-parity';
import { fixtureDir } from '../../../support/paths';
import { authRequests } from '../auth.requests';

describePgParity('parity on PostgreSQL: auth fixture (tokens, login, ACL, relations) against stock LB3', {
  appDir: fixtureDir('auth'),
  database: 'auth',
  requests: oneCreatePerItem(authRequests),
  headerOrder: true,
});
