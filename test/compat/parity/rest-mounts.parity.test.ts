/**
 * Parity of the `rest-mounts` fixture: REST served at several paths at once —
 * middleware.json `loopback#rest` with two `paths` (`${restApiRoot}` and
 * `/v1`), `app.use('/v2', loopback.rest())` and
 * `app.use(restApiRoot + '-legacy', loopback.rest())` in a boot script.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { crudRequests, ParityRequest } from '../../support/parity';

const perMount = (base: string): ParityRequest[] => [
  { method: 'GET', path: `${base}/Notes` },
  { method: 'GET', path: `${base}/Notes/1` },
  { method: 'GET', path: `${base}/Notes/where?x=1`, note: 'req.baseUrl / url / originalUrl of the mount' },
  { method: 'POST', path: `${base}/Notes`, json: { title: `via ${base}` } },
  { method: 'POST', path: `${base}/Notes`, json: {}, note: 'validation error' },
  { method: 'GET', path: `${base}/Notes/count` },
  { method: 'GET', path: `${base}/Nopes` },
  { method: 'GET', path: `${base}/Notes/1/nope` },
  { method: 'GET', path: base },
];

export const restMountsRequests: ParityRequest[] = [
  ...crudRequests('/rest/Notes', { existingId: 1, nextId: 3, sample: { title: 'x' }, patch: { title: 'y' }, requiredProp: 'title' }),
  ...perMount('/rest'),
  ...perMount('/v1'),
  ...perMount('/v2'),
  ...perMount('/rest-legacy'),
  { method: 'GET', path: '/v1-info', note: 'an app route next to a REST mount' },
  { method: 'GET', path: '/api/Notes', note: 'the default /api is not a mount here' },
  { method: 'GET', path: '/V1/Notes', note: 'mounts are case-insensitive' },
  { method: 'GET', path: '/v3/Notes' },
];

describeParity('parity: rest-mounts fixture (REST at four paths) against stock LB3', {
  appDir: fixtureDir('rest-mounts'),
  requests: withHeadVariants(restMountsRequests),
  coverage: { basePath: '/rest' },
});
