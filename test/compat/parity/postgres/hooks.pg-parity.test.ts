/**
 * Parity of the `hooks` fixture (remote hooks of every pattern shape, operation
 * hooks reading ctx.options, hasMany + belongsTo) with its `db` datasource on
 * PostgreSQL: stock LB3 and the shim each on their own automigrated, seeded database.
 */
import { describePgParity, oneCreatePerItem } from '../../../support/describe-pg-parity';
import { fixtureDir } from '../../../support/paths';
import { hooksRequests } from '../hooks.requests';

describePgParity('parity on PostgreSQL: hooks fixture (remote and operation hooks, relations) against stock LB3', {
  appDir: fixtureDir('hooks'),
  database: 'hooks',
  requests: oneCreatePerItem(hooksRequests),
  headerOrder: true,
});
