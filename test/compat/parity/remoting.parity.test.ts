/**
 * Parity of the `remoting` fixture: strong-remoting argument sources and
 * coercion (§3), return shapes and targets (§7), error shapes (§4), disabled
 * and hidden methods, a dataSource-less Model (Calc) and a non-public model,
 * against stock LB3.
 */
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { assertParity, assertRouteCoverage, ParityResult, runParity } from '../../support/parity';
import { remotingRequests } from './remoting.requests';

export { remotingRequests };

const remotingRequestsWithHead = withHeadVariants(remotingRequests);

describe('parity: remoting fixture against stock LB3', function () {
  this.timeout(300000);
  let result: ParityResult;

  before(async () => {
    result = await runParity({ appDir: fixtureDir('remoting'), requests: remotingRequestsWithHead });
  });

  it('answers every request exactly like stock LB3', () => {
    assertParity(result);
  });

  it('requests every REST route of the reference app', () => {
    assertRouteCoverage(result.referenceRoutes, remotingRequestsWithHead);
  });

  it('requests every REST route the candidate registered', () => {
    assertRouteCoverage(result.candidateRoutes, remotingRequestsWithHead);
  });
});
