/**
 * Parity of the `auth` fixture (enableAuth, Account extends User, owner /
 * role / custom-resolver / database ACLs, aclErrorStatus 403 and 404): token
 * lookup, login/logout, user endpoints, ACL denial shapes (§5) against stock LB3.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { authRequests } from './auth.requests';

export { authRequests };

describeParity('parity: auth fixture (tokens, login, ACL) against stock LB3', { appDir: fixtureDir('auth'), requests: authRequests, headerOrder: true });
