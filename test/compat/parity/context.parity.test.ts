/**
 * Parity of the `context` fixture: `loopback-context#per-request` middleware,
 * the access token stored in the current context by an `auth:after`
 * middleware, read back in remote methods (also after a timer and a promise),
 * remote hooks, operation hooks and relation methods; and a model's own
 * `createOptionsFromRemotingContext` feeding `options` everywhere.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { crudRequests, type ParityRequest } from '../../support/parity';

const M = '/api/Memos';
const ANN = { Authorization: 'ann-token-0123456789' };
const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

const withAndWithoutToken = (r: ParityRequest): ParityRequest[] => [r, { ...r, headers: { ...r.headers, ...ANN } }];
const andLastHook = (r: ParityRequest): ParityRequest[] => [r, { method: 'GET', path: `${M}/lastHook`, note: `access hook of ${r.method} ${r.path}` }];

export const contextRequests: ParityRequest[] = [
  ...[
    { method: 'GET', path: `${M}/whoami` },
    { method: 'GET', path: `${M}/whoami?access_token=ann-token-0123456789` },
    { method: 'POST', path: `${M}/later`, json: { delay: 3 } },
    { method: 'POST', path: `${M}/later?delay=1`, body: 'delay=2', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  ].flatMap(withAndWithoutToken),
  ...[
    { method: 'GET', path: M },
    { method: 'GET', path: `${M}/1` },
    { method: 'GET', path: `${M}/count` },
    { method: 'GET', path: `${M}/findOne?filter=${enc({ where: { text: 'two' } })}` },
    { method: 'GET', path: `${M}/1/owner` },
    { method: 'GET', path: `${M}/1/exists` },
    { method: 'PATCH', path: `${M}/1`, json: { text: 'uno' } },
    { method: 'POST', path: M, json: { text: 'three', ownerId: 1 } },
    { method: 'PUT', path: `${M}/2`, json: { text: 'dos' } },
    { method: 'POST', path: `${M}/update?where=${enc({ id: 2 })}`, json: { text: 'deux' } },
    { method: 'POST', path: `${M}/upsertWithWhere?where=${enc({ id: 2 })}`, json: { text: 'zwei' } },
    { method: 'GET', path: `${M}/99` },
    { method: 'DELETE', path: `${M}/3` },
  ].flatMap((r) => withAndWithoutToken(r).flatMap(andLastHook)),
  ...crudRequests(M, { existingId: 1, nextId: 5, sample: { text: 's', ownerId: 1 }, patch: { text: 'p' } }).map((r) => ({
    ...r,
    headers: { ...r.headers, ...ANN },
  })),
];

describeParity('parity: context fixture (loopback-context, createOptionsFromRemotingContext) against stock LB3', {
  appDir: fixtureDir('context'),
  requests: withHeadVariants(contextRequests),
  headerOrder: true,
});
