/**
 * Parity of the `hooks` fixture (§6): app-, model- and method-level remote
 * hooks of every pattern shape, late registration, a custom phase, result and
 * error replacement, promise hooks and ctx contents. Each hook appends its
 * label to `X-Hook-Trace`, so the execution order is part of the comparison.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { crudRequests, ParityRequest } from '../../support/parity';

const W = '/api/Widgets';
const multi = (hook: string, extra = ''): ParityRequest => ({ method: 'GET', path: `${W}/multi?hook=${hook}${extra}`, note: `hook=${hook}` });

export const hooksRequests: ParityRequest[] = [
  // ---- order by pattern shape -----------------------------------------------
  { method: 'GET', path: `${W}/multi?a=x`, note: 'exact, Widget.*, Widget.**, *.multi, ** (before); exact, Widget.*, ** (after)' },
  { method: 'GET', path: `${W}/multi` },
  { method: 'GET', path: '/api/widgets/MULTI', note: 'case-insensitive path, same hooks' },
  { method: 'GET', path: `${W}/1/ping`, note: 'prototype patterns, ctx.instance' },
  { method: 'GET', path: `${W}/3/ping` },
  { method: 'HEAD', path: `${W}/1/ping`, note: 'HEAD runs the GET method and its hooks' },
  { method: 'HEAD', path: `${W}/1/parts` },
  { method: 'HEAD', path: W },
  ...[`${W}/1/exists`, `${W}/1/parts/1`, `${W}/1/parts/count`, '/api/Parts', '/api/Parts/1/exists', '/api/Parts/1/widget'].map(
    (p): ParityRequest => ({ method: 'HEAD', path: p, note: 'HEAD of a GET route' }),
  ),
  { method: 'HEAD', path: `${W}/multi`, note: 'HEAD /:id (exists) shadows the custom GET' },
  { method: 'GET', path: `${W}/999/ping`, note: 'missing instance: afterError only' },
  { method: 'GET', path: `${W}/1/ping?hook=before-403` },
  { method: 'GET', path: `${W}/1/parts`, note: 'relation method: Widget.prototype.* and **' },
  { method: 'GET', path: `${W}/1/parts/count` },
  { method: 'POST', path: `${W}/2/parts`, json: { label: 'spring' } },
  { method: 'POST', path: `${W}/2/parts`, json: {}, note: '422 in relation create' },
  { method: 'GET', path: `${W}/999/parts` },
  { method: 'GET', path: '/api/Parts/1/widget', note: 'other model: only ** hooks' },
  { method: 'GET', path: '/api/Parts' },
  { method: 'POST', path: `${W}/voidy`, note: 'void method: result undefined' },
  { method: 'GET', path: `${W}/voidy`, note: 'GET /voidy is findById' },
  // ---- before hooks -----------------------------------------------------------
  multi('before-403'),
  multi('before-plain'),
  multi('reject', '&a=1'),
  multi('promise'),
  { method: 'GET', path: `${W}/fail?hook=before-403` },
  { method: 'GET', path: `${W}/inspect?hook=before-plain` },
  // ---- after hooks --------------------------------------------------------------
  multi('replace', '&a=y'),
  multi('mutate', '&a=z'),
  multi('void'),
  multi('after-error'),
  multi('after-error&hook=x', ''),
  // ---- afterError hooks ---------------------------------------------------------
  { method: 'GET', path: `${W}/fail?kind=teapot` },
  { method: 'GET', path: `${W}/fail?kind=plain` },
  { method: 'GET', path: `${W}/fail?kind=none` },
  { method: 'GET', path: `${W}/fail?kind=teapot&hook=replace-error` },
  { method: 'GET', path: `${W}/fail?kind=teapot&hook=mutate-error` },
  { method: 'GET', path: `${W}/fail?kind=plain&hook=mutate-error`, note: 'mutated status unmasks a 500' },
  { method: 'GET', path: `${W}/fail?kind=teapot&hook=write-response` },
  { method: 'GET', path: `${W}/fail?kind=plain&hook=write-response` },
  multi('before-403', '&swap=1'),
  multi('reject', '&swap=1'),
  multi('after-error', '&swap=1'),
  { method: 'GET', path: `${W}/multi?swap=1`, note: 'no error: swap idle' },
  { method: 'GET', path: `${W}/multi?hook=before-403&hook=reject`, note: 'array query: no switch matches' },
  { method: 'GET', path: `${W}/1/ping?hook=replace-error`, note: 'no error: afterError hooks idle' },
  { method: 'GET', path: `${W}/999/ping?hook=replace-error`, note: 'sharedCtor 404 replaced' },
  { method: 'GET', path: `${W}/999/ping?hook=mutate-error` },
  { method: 'GET', path: `${W}/999/ping?hook=write-response` },
  { method: 'GET', path: `${W}/999?hook=replace-error`, note: 'findById null-to-404 does not run afterError' },
  { method: 'GET', path: `${W}/999`, note: 'after hooks see result null' },
  { method: 'HEAD', path: `${W}/999` },
  { method: 'GET', path: `${W}/999/exists` },
  { method: 'GET', path: `${W}/findOne?filter[where][name]=nope` },
  { method: 'POST', path: W, json: {}, note: 'validation error through afterError' },
  { method: 'POST', path: W, json: {}, headers: {}, note: 'same again' },
  { method: 'POST', path: `${W}?hook=mutate-error`, json: {} },
  { method: 'POST', path: W, body: '{bad', headers: { 'Content-Type': 'application/json' }, note: 'body parse error: no hooks' },
  { method: 'GET', path: `${W}/multi?a=1&a=2`, note: 'coercion of repeated string' },
  // ---- ctx contents -------------------------------------------------------------
  { method: 'GET', path: `${W}/inspect` },
  { method: 'GET', path: `${W}/inspect?n=5&s=hi&extra=1` },
  { method: 'GET', path: `${W}/inspect?n=abc`, note: 'coercion error: no hooks' },
  { method: 'GET', path: `${W}/inspect`, headers: { Authorization: 'some-token' }, note: 'no auth: accessToken stays absent' },
  { method: 'GET', path: `${W}/inspect?access_token=x` },
  // ---- other routes / CRUD through all hooks --------------------------------------
  ...crudRequests(W, { existingId: 2, nextId: 4, sample: { name: 'delta', size: 4 }, patch: { size: 9 } }),
  ...crudRequests('/api/Parts', { existingId: 2, nextId: 4, sample: { label: 'pin', widgetId: 3 }, patch: { label: 'pin2' } }),
  { method: 'GET', path: `${W}/1/parts/1` },
  { method: 'PUT', path: `${W}/1/parts/1`, json: { label: 'bolt2' } },
  { method: 'PUT', path: `${W}/1/parts/999`, json: { label: 'x' } },
  { method: 'DELETE', path: `${W}/1/parts/2` },
  { method: 'DELETE', path: `${W}/1/parts/999` },
  { method: 'DELETE', path: `${W}/3/parts` },
  // §6: createOptionsFromRemotingContext override → ctx.options of operation hooks
  { method: 'GET', path: '/api/Parts', headers: { 'X-Tenant': 'blocked' }, note: 'access hook sees options.tenant: 403' },
  { method: 'GET', path: '/api/Parts/1', headers: { 'X-Tenant': 'blocked' } },
  { method: 'GET', path: '/api/Parts/1', headers: { 'X-Tenant': 'acme' } },
  { method: 'GET', path: '/api/Widgets/1/parts', headers: { 'X-Tenant': 'blocked' }, note: 'relation read: options from the parent model' },
  { method: 'GET', path: '/api/Nopes', note: 'no model: no hooks' },
  { method: 'GET', path: '/nope' },
];

describeParity('parity: hooks fixture (remote hook order, ctx, errors) against stock LB3', { appDir: fixtureDir('hooks'), requests: hooksRequests, headerOrder: true, answersTitle: 'answers every request exactly like stock LB3, hook trace and header order included' });
