/**
 * Parity of the `code-root` fixture: an LB3 app built entirely in code (no
 * loopback-boot, no server/ folder, restApiRoot never set) with
 * `app.use(loopback.rest())` mounted at `/`, served from its script file.
 */
import * as path from 'path';
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { crudRequests, ParityRequest } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));

export const codeRootRequests: ParityRequest[] = [
  ...crudRequests('/products', { existingId: 1, nextId: 3, sample: { name: 'saw', price: 12 }, patch: { price: 11 }, requiredProp: 'name' }),
  { method: 'GET', path: '/products/2/discount?percent=50' },
  { method: 'GET', path: '/products/99/discount?percent=50', note: 'custom method error' },
  { method: 'GET', path: '/products/2/discount', note: 'missing required arg' },
  { method: 'GET', path: '/products/2/category' },
  { method: 'GET', path: '/products/2/category?refresh=true' },
  { method: 'GET', path: '/categories' },
  { method: 'GET', path: `/categories?filter=${enc({ include: 'products' })}` },
  { method: 'GET', path: '/categories/1/products' },
  { method: 'GET', path: '/categories/1/products/count' },
  { method: 'POST', path: '/categories/2/products', json: { name: 'kite', price: 7 } },
  { method: 'GET', path: '/categories/2/products/5' },
  { method: 'PUT', path: '/categories/2/products/5', json: { price: 8 } },
  { method: 'DELETE', path: '/categories/2/products/5' },
  { method: 'DELETE', path: '/categories/2/products' },
  { method: 'GET', path: '/categories/1' },
  { method: 'GET', path: '/categories/findOne' },
  { method: 'GET', path: '/categories/count' },
  { method: 'POST', path: '/categories', json: { name: 'food' } },
  { method: 'PATCH', path: '/categories/3', json: { name: 'snacks' } },
  { method: 'HEAD', path: '/categories/3' },
  { method: 'GET', path: '/categories/3/exists' },
  { method: 'PUT', path: '/categories/3', json: { name: 'meals' } },
  { method: 'POST', path: '/categories/3/replace', json: { name: 'dinner' } },
  { method: 'PUT', path: '/categories', json: { name: 'drinks' } },
  { method: 'PATCH', path: '/categories', json: { name: 'fruit' } },
  { method: 'POST', path: '/categories/replaceOrCreate', json: { name: 'veg' } },
  { method: 'POST', path: `/categories/upsertWithWhere?where=${enc({ id: 3 })}`, json: { name: 'lunch' } },
  { method: 'POST', path: `/categories/update?where=${enc({ id: 3 })}`, json: { name: 'brunch' } },
  { method: 'DELETE', path: '/categories/3' },
  { method: 'GET', path: '/categories/change-stream', headersOnly: true },
  { method: 'POST', path: '/categories/change-stream', headersOnly: true },
  { method: 'GET', path: '/categories/1/products/1' },
  // ---- the app's own routes around the REST handler ----------------------------
  { method: 'GET', path: '/hello', note: 'express route before loopback.rest()' },
  { method: 'GET', path: '/after-rest', note: 'express route after loopback.rest(): strong-remoting answers first' },
  { method: 'GET', path: '/nope' },
  { method: 'POST', path: '/nope', json: {} },
  { method: 'GET', path: '/' },
  { method: 'GET', path: '/Products', note: 'class mount is case-insensitive' },
  { method: 'GET', path: '/products/', note: 'trailing slash' },
  { method: 'GET', path: '/products/nope/nope' },
  { method: 'POST', path: '/products', body: '{bad json', headers: { 'Content-Type': 'application/json' } },
];

describeParity('parity: code-root fixture (app built in code, REST at /) against stock LB3', {
  appDir: path.join(fixtureDir('code-root'), 'app.js'),
  requests: withHeadVariants(codeRootRequests),
  coverage: { basePath: '/' },
});
