/**
 * Parity of the `remoting-debug` fixture: the `remoting` models with
 * strong-error-handler in debug mode (§4 "Debug"): every enumerable error
 * property, `stack` (compared without its frames), unmasked 5xx, non-object
 * errors, body-parser error details, the HTML stack trace, and the debug
 * messages of 500s the prod handler masks (updateAll without where, unknown
 * include relation, an invalid return value). The whole `remoting` request
 * list is replayed too, so every error shape of that fixture is also checked
 * in debug mode.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { ParityRequest } from '../../support/parity';
import { normalizeStacks } from '../../support/stack-normalize';
import { remotingRequests } from './remoting.requests';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const W = '/api/Widgets';
const JSON_CT = { 'Content-Type': 'application/json' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Requests whose debug answers differ from prod in the catalogue; sent before the shared list (fresh seed). */
export const debugOnlyRequests: ParityRequest[] = [
  { method: 'GET', path: `${W}/fail-promise?kind=status4xx`, note: 'debug: status, code, details, extra + stack' },
  { method: 'GET', path: `${W}/fail-promise?kind=masked`, note: 'debug: 5xx not masked' },
  { method: 'GET', path: `${W}/fail-promise?kind=expose` },
  { method: 'GET', path: `${W}/fail-promise?kind=string`, note: 'debug: non-object error message, no name, no stack' },
  { method: 'GET', path: `${W}/fail-callback?kind=number` },
  { method: 'GET', path: `${W}/fail-promise?kind=plainObject` },
  { method: 'GET', path: `${W}/fail-promise?kind=httpErrors`, note: 'debug adds status and expose' },
  { method: 'GET', path: `${W}/fail-promise?kind=array` },
  { method: 'GET', path: `${W}/bad-return`, note: 'debug: Invalid return value message' },
  { method: 'POST', path: `${W}/update`, json: { size: 1 }, note: 'debug: AssertionError ERR_ASSERTION' },
  { method: 'GET', path: `${W}?filter=${enc({ include: 'nope' })}`, note: 'debug: Relation "nope" is not defined' },
  { method: 'POST', path: `${W}/echo-body`, headers: JSON_CT, body: '{"a": 1, bad}', note: 'debug: body-parser SyntaxError details' },
  { method: 'POST', path: `${W}/echo-body`, headers: JSON_CT, body: JSON.stringify({ big: 'z'.repeat(101 * 1024) }), note: 'debug: 413 details' },
  { method: 'POST', path: `${W}/echo-form`, headers: FORM, body: 'big=' + 'y'.repeat(101 * 1024), note: 'debug: urlencoded 413 details' },
  { method: 'GET', path: `${W}/echo-query?n=abc`, note: 'debug: coercion error' },
  { method: 'GET', path: `${W}/999`, headers: { Accept: 'text/html' }, note: 'debug HTML page: stacktrace' },
  { method: 'GET', path: `${W}/fail-promise?kind=plain`, headers: { Accept: 'application/xml' } },
  { method: 'GET', path: '/nope?x=1', note: 'debug urlNotFound: status 404' },
  { method: 'GET', path: '/api/Nopes' },
];

const requests = withHeadVariants([...debugOnlyRequests, ...remotingRequests]);

describeParity('parity: remoting-debug fixture (strong-error-handler debug:true) against stock LB3', {
  appDir: fixtureDir('remoting-debug'),
  requests,
  normalize: normalizeStacks,
  answersTitle: 'answers every request exactly like stock LB3 (stack frames aside)',
  timeout: 300000,
});
