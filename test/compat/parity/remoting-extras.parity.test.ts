/**
 * Parity of the `remoting-extras` fixture: `remoting.rest.supportedTypes`
 * content negotiation, a request body coerced into a model-typed argument
 * (`type: 'Pet'`, `['Owner']`), and `hidden` properties of related models in
 * nested includes.
 */
import * as path from 'path';
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { crudRequests, type ParityRequest } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const P = '/api/Pets';
const accept = (a: string) => ({ Accept: a });

export const remotingExtrasRequests: ParityRequest[] = [
  // ---- supportedTypes ----------------------------------------------------------
  ...[
    'application/json',
    'text/plain',
    'application/javascript',
    'text/html',
    'application/xml',
    '*/*',
    'text/*',
    'application/json;q=0.5, text/plain',
    'image/png',
  ].flatMap((a) => [
    { method: 'GET', path: `${P}/hello`, headers: accept(a) },
    { method: 'GET', path: `${P}/1`, headers: accept(a) },
  ]),
  { method: 'GET', path: `${P}/hello` },
  { method: 'GET', path: `${P}/hello?_format=json` },
  { method: 'GET', path: `${P}/hello?_format=xml` },
  { method: 'GET', path: `${P}/hello?_format=text/plain` },
  { method: 'GET', path: `${P}/hello?callback=cb`, headers: accept('application/javascript') },
  { method: 'GET', path: `${P}/nope`, headers: accept('text/plain'), note: 'error under negotiation' },
  { method: 'GET', path: `${P}/99`, headers: accept('text/plain') },
  // ---- model-typed arguments ---------------------------------------------------------
  { method: 'POST', path: `${P}/adopt`, json: { name: 'fido', kind: 'dog', chip: 'x', extra: 1 } },
  { method: 'POST', path: `${P}/adopt`, json: {} },
  { method: 'POST', path: `${P}/adopt`, json: [1, 2] },
  { method: 'POST', path: `${P}/adopt`, json: 'rex' },
  { method: 'POST', path: `${P}/adopt`, body: 'name=fido&kind=dog', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
  { method: 'POST', path: `${P}/adopt` },
  { method: 'POST', path: `${P}/rename?name=max`, json: { pet: { name: 'rex' } } },
  { method: 'POST', path: `${P}/rename?pet=${enc({ name: 'q' })}&name=max` },
  { method: 'POST', path: `${P}/rename?pet=notjson` },
  { method: 'POST', path: `${P}/rename` },
  { method: 'POST', path: `${P}/census`, json: [{ name: 'ann' }, { name: 'bob', password: 'p' }] },
  { method: 'POST', path: `${P}/census`, json: { name: 'ann' } },
  { method: 'POST', path: `${P}/census`, json: [] },
  ...['secretive', 'loose', 'lowerPet', 'ownerList'].flatMap((m) => [
    { method: 'POST', path: `${P}/${m}`, json: { name: 'n', code: 'c', chip: 'x' } },
    { method: 'POST', path: `${P}/${m}`, json: [{ name: 'n' }] },
    { method: 'POST', path: `${P}/${m}`, json: 'text' },
  ]),
  // ---- hidden properties in nested includes ---------------------------------------------
  { method: 'GET', path: `/api/Owners?filter=${enc({ include: 'pets' })}` },
  { method: 'GET', path: `/api/Owners?filter=${enc({ include: { pets: 'toys' } })}` },
  { method: 'GET', path: `/api/Owners/1?filter=${enc({ include: { relation: 'pets', scope: { include: 'toys' } } })}` },
  { method: 'GET', path: `${P}?filter=${enc({ include: ['owner', 'toys'] })}` },
  { method: 'GET', path: `${P}/1?filter=${enc({ include: { owner: 'pets' } })}` },
  { method: 'GET', path: `/api/Owners/1/pets?filter=${enc({ include: 'toys' })}` },
  { method: 'GET', path: `/api/Owners/1/pets/1` },
  { method: 'GET', path: `${P}/1/owner` },
  { method: 'GET', path: `${P}/1/toys` },
  { method: 'GET', path: `${P}?filter=${enc({ fields: ['name', 'chip'], include: 'owner' })}` },
  { method: 'GET', path: `/api/Owners/findOne?filter=${enc({ include: { pets: { toys: 'pet' } } })}` },
  ...crudRequests(P, { existingId: 1, nextId: 3, sample: { name: 'kit', kind: 'cat', chip: 'z' }, patch: { kind: 'lion' }, requiredProp: 'name' }),
];

describeParity('parity: remoting-extras fixture (supportedTypes, model-typed arguments, hidden in includes) against stock LB3', {
  appDir: path.join(fixtureDir('remoting-extras'), 'app.js'),
  requests: withHeadVariants(remotingExtrasRequests),
  headerOrder: true,
  coverage: false,
});
