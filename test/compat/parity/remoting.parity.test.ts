/**
 * Parity of the `remoting` fixture: strong-remoting argument sources and
 * coercion (§3), return shapes and targets (§7), error shapes (§4), disabled
 * and hidden methods, a dataSource-less Model (Calc) and a non-public model,
 * against stock LB3.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { remotingRequests } from './remoting.requests';

export { remotingRequests };

const remotingRequestsWithHead = withHeadVariants(remotingRequests);

describeParity('parity: remoting fixture against stock LB3', { appDir: fixtureDir('remoting'), requests: remotingRequestsWithHead, timeout: 300000 });
