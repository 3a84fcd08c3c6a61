/**
 * Parity of the `relations` fixture: hasMany, belongsTo, hasOne,
 * hasManyThrough, hasAndBelongsToMany, embedsMany, referencesMany, hidden
 * properties, validations, forceId, a mixin (property + remote method) and
 * operation hooks, against stock LB3.
 */
import { describeParity } from '../../support/describe-parity';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { crudRequests, ParityRequest } from '../../support/parity';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const C = '/api/Customers';

/** The standard hasMany-style relation routes (no rel/:fk). */
function hasManyRoutes(base: string, o: { fk: string | number; missingFk: string | number; create: unknown; update: unknown }): ParityRequest[] {
  return [
    { method: 'GET', path: base },
    { method: 'GET', path: `${base}?filter=${enc({ limit: 1 })}` },
    { method: 'GET', path: `${base}/count` },
    { method: 'GET', path: `${base}/count?where=${enc({ id: o.fk })}` },
    { method: 'GET', path: `${base}/${o.fk}` },
    { method: 'GET', path: `${base}/${o.missingFk}` },
    { method: 'POST', path: base, json: o.create },
    { method: 'POST', path: base, json: {}, note: 'relation create validation' },
    { method: 'PUT', path: `${base}/${o.fk}`, json: o.update },
    { method: 'PUT', path: `${base}/${o.missingFk}`, json: o.update },
    { method: 'PATCH', path: `${base}/${o.fk}`, json: o.update, note: 'no PATCH on :fk' },
    { method: 'DELETE', path: `${base}/${o.missingFk}` },
  ];
}

/** Link/unlink/exists routes of through and referencesMany relations. */
function relRoutes(base: string, o: { fk: string | number; missingFk: string | number }): ParityRequest[] {
  return [
    { method: 'HEAD', path: `${base}/rel/${o.fk}` },
    { method: 'PUT', path: `${base}/rel/${o.fk}` },
    { method: 'PUT', path: `${base}/rel/${o.fk}`, note: 're-link' },
    { method: 'HEAD', path: `${base}/rel/${o.fk}` },
    { method: 'GET', path: `${base}/rel/${o.fk}`, note: 'no GET on rel/:fk' },
    { method: 'DELETE', path: `${base}/rel/${o.fk}` },
    { method: 'DELETE', path: `${base}/rel/${o.fk}`, note: 'unlink without link' },
    { method: 'HEAD', path: `${base}/rel/${o.fk}` },
    { method: 'PUT', path: `${base}/rel/${o.missingFk}`, note: 'link to a missing target' },
    { method: 'GET', path: base },
    { method: 'GET', path: `${base}/count` },
  ];
}

export const relationsRequests: ParityRequest[] = [
  // ---- reads before any mutation ---------------------------------------------
  { method: 'GET', path: C },
  { method: 'GET', path: `${C}/1` },
  { method: 'GET', path: `${C}?filter=${enc({ include: ['orders', 'profile', 'groups', 'tags'] })}` },
  { method: 'GET', path: `${C}?filter=${enc({ include: { orders: 'customer' } })}` },
  {
    method: 'GET',
    path: `${C}?filter=${enc({ include: { relation: 'orders', scope: { where: { total: { gt: 20 } }, fields: ['description', 'customerId'] } } })}`,
  },
  { method: 'GET', path: `${C}?filter=${enc({ include: 'nope' })}` },
  { method: 'GET', path: `${C}?filter=${enc({ fields: { name: true }, include: 'orders' })}` },
  { method: 'GET', path: `${C}?filter=${enc({ where: { secret: 's1' } })}`, note: 'hidden prop removed from where' },
  { method: 'GET', path: `${C}?filter=${enc({ fields: ['secret'] })}`, note: 'hidden prop in fields' },
  { method: 'GET', path: `${C}?filter[where][vip]=true` },
  { method: 'GET', path: `${C}?filter[where][age][gt]=30` },
  { method: 'GET', path: `${C}?filter=${enc({ where: { age: '41' } })}` },
  { method: 'GET', path: `${C}?filter=${enc({ order: 'age DESC' })}` },
  { method: 'GET', path: `${C}?filter=${enc({ where: { name: { regexp: '^a/i' } } })}` },
  { method: 'GET', path: `${C}/findOne?filter=${enc({ where: { email: 'bob@example.com' } })}` },
  { method: 'GET', path: '/api/Orders?filter[include]=customer' },
  { method: 'GET', path: `/api/Physicians?filter=${enc({ include: 'patients' })}` },

  // ---- mixin ---------------------------------------------------------------
  { method: 'GET', path: `${C}/stamp` },
  { method: 'GET', path: '/api/Orders/stamp' },
  { method: 'HEAD', path: `${C}/stamp` },

  // ---- validations, forceId, hidden, hooks ---------------------------------
  { method: 'POST', path: C, json: { name: 'x'.repeat(31) }, note: 'length.max' },
  { method: 'POST', path: C, json: { name: 'Dora', age: 1.5 }, note: 'numericality.int' },
  { method: 'POST', path: C, json: { name: 'Dora', age: 'old' }, note: 'numericality number' },
  { method: 'POST', path: C, json: { name: 'Dora', email: 'ALICE@example.com' }, note: 'before save lowercases before validation runs' },
  { method: 'POST', path: C, json: { name: 'Dora', email: 'alice@example.com' }, note: 'uniqueness' },
  { method: 'POST', path: C, json: { name: 'y'.repeat(40), age: 2.5, email: 'bob@example.com' }, note: 'several failures' },
  { method: 'POST', path: C, json: { id: 100, name: 'Forced' }, note: 'forceId' },
  { method: 'POST', path: C, json: { name: 'Eve', email: 'EVE@Example.com', secret: 'hidden!', extra: 'kept' } },
  { method: 'GET', path: `${C}/4` },
  { method: 'POST', path: C, json: { name: 'boom' }, note: 'hook plain Error: 500' },
  { method: 'POST', path: C, json: { name: 'conflict' }, note: 'hook error with statusCode 409' },
  { method: 'PATCH', path: `${C}/4`, json: { name: 'conflict' } },
  { method: 'DELETE', path: `${C}/2`, note: 'before delete hook: 403' },
  { method: 'POST', path: '/api/Groups', json: { id: 50, name: 'chosen id' }, note: 'forceId false' },
  { method: 'POST', path: '/api/Groups', json: { id: 50, name: 'dup id' }, note: 'duplicate id' },
  { method: 'POST', path: '/api/Orders', json: { description: 'Dangling', customerId: 999 } },
  { method: 'GET', path: '/api/Orders/5/customer', note: 'FK to missing row: null' },
  { method: 'GET', path: '/api/Orders/4/customer', note: 'null FK: {}' },
  { method: 'GET', path: '/api/Orders/1/customer' },
  { method: 'GET', path: '/api/Orders/1/customer?refresh=true' },
  { method: 'GET', path: '/api/Orders/999/customer' },
  { method: 'POST', path: '/api/Orders', json: { description: 'Rounded', total: 10.456, customerId: 3 } },

  // ---- hasMany orders ----------------------------------------------------------
  ...hasManyRoutes(`${C}/1/orders`, { fk: 2, missingFk: 999, create: { description: 'Mug', total: 7, customerId: 2 }, update: { total: 41 } }),
  { method: 'GET', path: `${C}/1/orders/3`, note: "another parent's child" },
  { method: 'POST', path: `${C}/1/orders`, json: [{ description: 'A' }, { description: 'B' }], note: 'array create' },
  { method: 'GET', path: `${C}/1/orders?filter[where][total][gt]=10` },
  { method: 'GET', path: `${C}/999/orders` },
  { method: 'DELETE', path: `${C}/3/orders` },
  { method: 'GET', path: `${C}/1/__get__orders` },

  // ---- hasOne profile ------------------------------------------------------------
  { method: 'GET', path: `${C}/1/profile` },
  { method: 'GET', path: `${C}/2/profile`, note: 'none: 404' },
  { method: 'PUT', path: `${C}/2/profile`, json: { bio: 'x' }, note: 'update when empty: 500' },
  { method: 'POST', path: `${C}/2/profile`, json: { bio: 'Builds desks' } },
  { method: 'POST', path: `${C}/2/profile`, json: { bio: 'Second' }, note: 'second create: 500' },
  { method: 'POST', path: `${C}/3/profile`, json: {}, note: '422' },
  { method: 'PUT', path: `${C}/2/profile`, json: { bio: 'Builds tables' } },
  { method: 'GET', path: `${C}/2/profile` },
  { method: 'DELETE', path: `${C}/2/profile` },
  { method: 'GET', path: `${C}/2/profile` },
  { method: 'GET', path: `${C}/999/profile` },
  { method: 'GET', path: '/api/Profiles/1/customer' },

  // ---- hasAndBelongsToMany groups ---------------------------------------------------
  ...hasManyRoutes(`${C}/1/groups`, { fk: 1, missingFk: 999, create: { name: 'editors' }, update: { name: 'admins!' } }),
  ...relRoutes(`${C}/1/groups`, { fk: 2, missingFk: 777 }),
  { method: 'PUT', path: `${C}/2/groups/rel/1` },
  ...hasManyRoutes('/api/Groups/1/customers', { fk: 2, missingFk: 999, create: { name: 'Gus' }, update: { vip: true } }),
  ...relRoutes('/api/Groups/2/customers', { fk: 3, missingFk: 888 }),
  { method: 'DELETE', path: `${C}/1/groups/1` },
  { method: 'DELETE', path: '/api/Groups/2/customers' },
  { method: 'DELETE', path: `${C}/3/groups` },
  { method: 'GET', path: `${C}/1/groups` },

  // ---- embedsMany addresses -------------------------------------------------------------
  ...hasManyRoutes(`${C}/1/addresses`, { fk: 1, missingFk: 999, create: { street: '2 Side St', city: 'Shelbyville' }, update: { city: 'Capital City' } }),
  { method: 'GET', path: `${C}/1/addresses/2` },
  { method: 'DELETE', path: `${C}/1/addresses/2` },
  { method: 'POST', path: `${C}/3/addresses`, json: { street: '3 Elm' } },
  { method: 'DELETE', path: `${C}/3/addresses` },
  { method: 'GET', path: `${C}/1` },

  // ---- referencesMany tags ------------------------------------------------------------------
  ...hasManyRoutes(`${C}/1/tags`, { fk: 1, missingFk: 999, create: { id: 20, name: 'yellow' }, update: { name: 'crimson' } }),
  ...relRoutes(`${C}/1/tags`, { fk: 3, missingFk: 666 }),
  { method: 'DELETE', path: `${C}/1/tags/20` },
  { method: 'DELETE', path: `${C}/1/tags` },
  { method: 'GET', path: `${C}/1` },

  // ---- hasManyThrough ------------------------------------------------------------------------------
  ...hasManyRoutes('/api/Physicians/1/patients', { fk: 1, missingFk: 999, create: { name: 'Kim' }, update: { name: 'Patricia' } }),
  ...relRoutes('/api/Physicians/1/patients', { fk: 2, missingFk: 555 }),
  { method: 'PUT', path: '/api/Physicians/2/patients/rel/2', json: { appointmentDate: '2024-02-02T10:00:00.000Z' }, note: 'link with through data' },
  ...hasManyRoutes('/api/Physicians/2/appointments', {
    fk: 2,
    missingFk: 999,
    create: { appointmentDate: '2024-03-03', patientId: 1 },
    update: { appointmentDate: '2024-04-04T00:00:00.000Z' },
  }),
  ...hasManyRoutes('/api/Patients/1/physicians', { fk: 1, missingFk: 999, create: { name: 'Dr Who' }, update: { name: 'Dr H.' } }),
  ...relRoutes('/api/Patients/2/physicians', { fk: 2, missingFk: 444 }),
  { method: 'GET', path: '/api/Appointments' },
  { method: 'GET', path: '/api/Appointments/1/physician' },
  { method: 'GET', path: '/api/Appointments/1/patient' },
  { method: 'DELETE', path: '/api/Physicians/1/patients/1' },
  { method: 'DELETE', path: '/api/Physicians/1/patients' },
  { method: 'DELETE', path: '/api/Physicians/2/appointments' },
  { method: 'DELETE', path: '/api/Patients/1/physicians' },

  // ---- built-in CRUD of every model (after relations, ids continue deterministically) ----------
  ...crudRequests(C, { existingId: 3, nextId: 6, sample: { name: 'Dan', age: 50, secret: 'x' }, patch: { vip: true } }),
  ...crudRequests('/api/Orders', { existingId: 3, nextId: 10, sample: { description: 'Pen', total: 1.234, customerId: 3 }, patch: { total: 2 } }),
  ...crudRequests('/api/Profiles', { existingId: 1, nextId: 3, sample: { bio: 'Anon', customerId: 99 }, patch: { bio: 'Edited' } }),
  ...crudRequests('/api/Groups', { existingId: 2, nextId: 53, sample: { name: 'ops' }, patch: { name: 'ops2' } }),
  ...crudRequests('/api/Tags', { existingId: 2, nextId: 21, sample: { name: 'teal' }, patch: { name: 'navy' } }),
  ...crudRequests('/api/Physicians', { existingId: 2, nextId: 4, sample: { name: 'Dr Z' }, patch: { name: 'Dr Y' } }),
  ...crudRequests('/api/Patients', { existingId: 2, nextId: 4, sample: { name: 'Sam' }, patch: { name: 'Sammy' } }),
  ...crudRequests('/api/Appointments', {
    existingId: 1,
    nextId: 10,
    sample: { appointmentDate: '2025-05-05', physicianId: 2, patientId: 2 },
    patch: { appointmentDate: 0 },
  }),
  { method: 'GET', path: '/api/Addresses', note: 'non-public model' },

  // ---- catalogue coverage additions (docs/parity-coverage.md) -------------------------
  // §8 missing parent: every relation route answers the sharedCtor 404
  ...[
    ['POST', `${C}/999/orders`],
    ['GET', `${C}/999/orders/count`],
    ['GET', `${C}/999/orders/1`],
    ['PUT', `${C}/999/orders/1`],
    ['DELETE', `${C}/999/orders/1`],
    ['DELETE', `${C}/999/orders`],
    ['POST', `${C}/999/profile`],
    ['PUT', `${C}/999/profile`],
    ['DELETE', `${C}/999/profile`],
    ['GET', `${C}/999/groups`],
    ['PUT', `${C}/999/groups/rel/1`],
    ['DELETE', `${C}/999/groups/rel/1`],
    ['HEAD', `${C}/999/groups/rel/1`],
    ['GET', `${C}/999/addresses`],
    ['POST', `${C}/999/addresses`],
    ['GET', `${C}/999/addresses/1`],
    ['GET', `${C}/999/tags`],
    ['PUT', `${C}/999/tags/rel/1`],
    ['GET', '/api/Physicians/999/patients'],
    ['PUT', '/api/Physicians/999/patients/rel/1'],
  ].map(([method, path]): ParityRequest => ({
    method,
    path,
    ...(method === 'POST' || method === 'PUT' ? { json: { name: 'x', description: 'x', street: 'x' } } : {}),
    note: '§8 missing parent',
  })),
  // §1 upsertWithWhere that creates: the row lacks the embedsMany default
  { method: 'POST', path: `${C}/upsertWithWhere?where=${enc({ name: 'Upserted' })}`, json: { name: 'Upserted', age: 7 }, note: '§1 upsertWithWhere creates' },
  { method: 'GET', path: `${C}/findOne?filter=${enc({ where: { name: 'Upserted' } })}` },
  { method: 'POST', path: C, json: { name: 'Created', age: 8 }, note: 'create has addressList: []' },
  { method: 'POST', path: `${C}/upsertWithWhere?where=${enc({ vip: false })}`, json: { name: 'Many' }, note: '§1 several matches: 400' },
  // §1 property order: defined props, id, relation props, then unknown props
  { method: 'POST', path: '/api/Orders', json: { zeta: 'unknown first in body', customerId: 1, total: 3, description: 'Ordered' } },
  { method: 'GET', path: `${C}?filter=${enc({ where: { age: 'abc' } })}`, note: '§2 non-numeric value for a number property: []' },
  { method: 'GET', path: `${C}?filter=${enc({ include: 'profile', where: { id: { inq: [1, 2] } } })}`, note: '§2 hasOne without row omitted' },
  { method: 'GET', path: `${C}?filter=${enc({ fields: { secret: false, email: false } })}`, note: '§2 exclusion fields' },
  { method: 'GET', path: `${C}?filter=${enc({ include: ['orders', 'profile', 'groups', 'tags'] })}` },
];

const relationsRequestsWithHead = withHeadVariants(relationsRequests);

describeParity('parity: relations fixture against stock LB3', { appDir: fixtureDir('relations'), requests: relationsRequestsWithHead, timeout: 300000 });
