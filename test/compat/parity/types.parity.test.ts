/**
 * Parity of the `types` fixture: remote-method arguments whose types the app
 * registers itself in strong-remoting's type registry (a `celsius` scalar with
 * its own coercion and checks, a `Range` object type with a factory) convert
 * as in stock LB3 from every source, including the errors they produce.
 */
import { describeParity } from '../../support/describe-parity';
import { withHeadVariants } from '../../support/head-variants';
import type { ParityRequest } from '../../support/parity';
import { fixtureDir } from '../../support/paths';

const T = '/api/Thermos';
const JSON_CT = { 'Content-Type': 'application/json' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

export const typesRequests: ParityRequest[] = [
  { method: 'GET', path: `${T}/read/21` },
  { method: 'GET', path: `${T}/read/21C?q=-5.5` },
  { method: 'GET', path: `${T}/read/-300`, note: 'validate: below absolute zero' },
  { method: 'GET', path: `${T}/read/warm`, note: 'sloppy conversion error' },
  { method: 'GET', path: `${T}/read/1?q=1&q=2`, note: 'repeated query key' },
  { method: 'GET', path: `${T}/read/1`, headers: { h: '37°C' } },
  { method: 'GET', path: `${T}/read/1`, headers: { h: 'hot' } },
  { method: 'POST', path: `${T}/post`, headers: JSON_CT, body: JSON.stringify({ t: 20, list: [1, 2.5] }) },
  { method: 'POST', path: `${T}/post`, headers: JSON_CT, body: JSON.stringify({ t: '20' }), note: 'typed: a string is not a JSON number' },
  { method: 'POST', path: `${T}/post`, headers: JSON_CT, body: JSON.stringify({ list: [1, -500] }), note: 'array item fails validation' },
  { method: 'POST', path: `${T}/post`, headers: FORM, body: 't=12&f=13&list=1&list=2' },
  { method: 'POST', path: `${T}/post`, headers: FORM, body: 'f=x' },
  { method: 'POST', path: `${T}/post?t=4&list=[1,2]` },
  { method: 'GET', path: `${T}/required` },
  { method: 'GET', path: `${T}/required?t=0` },
  { method: 'GET', path: `${T}/span?range={"from":1,"to":4}` },
  { method: 'GET', path: `${T}/span?range[from]=1&range[to]=4` },
  { method: 'GET', path: `${T}/span?range=nope`, note: 'object type: not an object' },
  { method: 'GET', path: `${T}/span` },
  { method: 'POST', path: `${T}/span`, headers: JSON_CT, body: JSON.stringify({ from: 2, to: 3 }) },
  { method: 'POST', path: `${T}/span`, headers: JSON_CT, body: '[1,2]', note: 'object type rejects an array' },
];

describeParity("parity: types fixture (types the app registers in strong-remoting's registry) against stock LB3", {
  appDir: fixtureDir('types'),
  requests: withHeadVariants(typesRequests),
});
