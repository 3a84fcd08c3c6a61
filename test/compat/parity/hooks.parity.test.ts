/**
 * Parity of the `hooks` fixture (§6): app-, model- and method-level remote
 * hooks of every pattern shape, late registration, a custom phase, result and
 * error replacement, promise hooks and ctx contents. Each hook appends its
 * label to `X-Hook-Trace`, so the execution order is part of the comparison.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { hooksRequests } from './hooks.requests';

export { hooksRequests };

describeParity('parity: hooks fixture (remote hook order, ctx, errors) against stock LB3', {
  appDir: fixtureDir('hooks'),
  requests: hooksRequests,
  headerOrder: true,
  answersTitle: 'answers every request exactly like stock LB3, hook trace and header order included',
});
