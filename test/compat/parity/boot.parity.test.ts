/**
 * Parity of the `boot` fixture: boot scripts in sync, callback and promise
 * style run in file-name order (`/boot-order`), their express routes, router,
 * static mount and early-phase middleware, a remote method added and a model
 * created at boot time, against stock LB3.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { crudRequests, ParityRequest } from '../../support/parity';

export const bootRequests: ParityRequest[] = [
  // ---- order and styles -----------------------------------------------------
  { method: 'GET', path: '/boot-order', note: 'sync, callback, promise, ..., non-function skipped' },
  { method: 'GET', path: '/sync' },
  { method: 'HEAD', path: '/sync' },
  { method: 'POST', path: '/sync', json: {}, note: 'GET-only route' },
  { method: 'GET', path: '/SYNC/', note: 'express routing is case-insensitive, trailing slash tolerated' },
  { method: 'GET', path: '/sync', ifNoneMatchPrevious: true },
  // ---- router from the callback script ------------------------------------------
  { method: 'GET', path: '/router' },
  { method: 'GET', path: '/router/?a=1&b[c]=2' },
  { method: 'GET', path: '/router/item/42' },
  { method: 'GET', path: '/router/item/a%20b' },
  { method: 'GET', path: '/router/item' },
  { method: 'POST', path: '/router/echo', json: { a: 1 }, note: 'no body parser outside /api' },
  { method: 'GET', path: '/router/fail' },
  { method: 'GET', path: '/router/fail', headers: { Accept: 'text/html' } },
  { method: 'DELETE', path: '/router/item/1' },
  // ---- static mount from the promise script ---------------------------------------
  { method: 'GET', path: '/static/boot.txt' },
  { method: 'GET', path: '/static/data.json' },
  { method: 'HEAD', path: '/static/boot.txt' },
  { method: 'GET', path: '/static/boot.txt', ifNoneMatchPrevious: true },
  { method: 'GET', path: '/static/nope.txt' },
  { method: 'GET', path: '/static' },
  { method: 'GET', path: '/static/' },
  { method: 'GET', path: '/boot.txt', note: 'only under /static' },
  // ---- remote method and model added at boot ---------------------------------------
  { method: 'GET', path: '/api/Gadgets/boot-added' },
  { method: 'GET', path: '/api/Gadgets/boot-added?word=hi' },
  { method: 'POST', path: '/api/Gadgets/boot-added', json: {} },
  { method: 'GET', path: '/api/Dyns' },
  { method: 'HEAD', path: '/api/Dyns' },
  ...['/api/Dyns/1/exists', '/api/Gadgets', '/api/Gadgets/1/exists', '/api/Gadgets/99/exists'].map((p): ParityRequest => ({
    method: 'HEAD',
    path: p,
    note: 'HEAD of a GET route',
  })),
  { method: 'HEAD', path: '/api/Gadgets/boot-added' },
  { method: 'POST', path: '/api/Dyns', json: {} },
  ...crudRequests('/api/Gadgets', { existingId: 2, nextId: 3, sample: { name: 'cog' }, patch: { name: 'cog2' } }),
  ...crudRequests('/api/Dyns', { existingId: 1, nextId: 3, sample: { label: 'dyn' }, patch: { label: 'dyn2' } }),
  // ---- express routes under /api -----------------------------------------------------
  { method: 'GET', path: '/api/boot-route', note: 'express route under the REST root' },
  { method: 'GET', path: '/api/Gadgets/express-route', note: 'findById answers first' },
  { method: 'POST', path: '/api/boot-route', json: {} },
  { method: 'GET', path: '/nope' },
  { method: 'GET', path: '/' },
];

describeParity('parity: boot fixture (boot script styles and order) against stock LB3', {
  appDir: fixtureDir('boot'),
  requests: bootRequests,
  headerOrder: true,
  answersTitle: 'answers every request exactly like stock LB3, header order included',
});
