/**
 * The parity request list of the `library` fixture, shared by the unmigrated
 * suite (stock LB3 vs lb3-shim) and the migrated ones (stock LB3 vs lb3-shim
 * with native models): Book's CRUD, relations both ways (belongsTo, hasMany,
 * hasManyThrough, hasAndBelongsToMany, include), the custom method, hooks
 * (headers), the hidden property, the validation and the slug mixin, as
 * anonymous, owner, another user and librarian; plus the auth matrix of every
 * route × five callers.
 */
import type { ParityRequest, RouteInfo } from '../../support/parity';
import { requestForRoute } from '../../support/route-requests';

const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v));
const B = '/api/Books';
const as = (token: string) => ({ Authorization: token });
const LIB = as('librarian-token');
const ALICE = as('alice-token');
const BOB = as('bob-token');

/** Reads first, then writes; every write as the librarian unless the caller matters. */
export const libraryRequests: ParityRequest[] = [
  // ---- Book reads (ACL: $everyone READ) ----------------------------------------
  { method: 'GET', path: B },
  { method: 'GET', path: `${B}?filter=${enc({ order: 'pages DESC', limit: 2 })}` },
  { method: 'GET', path: `${B}?filter[where][authorId]=1&filter[fields][title]=true` },
  { method: 'GET', path: `${B}?filter=${enc({ where: { title: { like: 'The%' } } })}` },
  { method: 'GET', path: `${B}?filter=${enc({ where: { internalCode: 'A-1' } })}`, note: 'hidden property in where' },
  { method: 'GET', path: `${B}?filter=${enc({ include: ['author', 'tags', 'reviews', 'readers', 'owner'] })}` },
  { method: 'GET', path: `${B}?filter=${enc({ include: { reviews: 'member' } })}` },
  { method: 'GET', path: `${B}?filter=${enc({ include: 'nope' })}`, note: 'unknown relation' },
  { method: 'GET', path: `${B}?filter={bad json`, note: 'malformed filter' },
  { method: 'GET', path: `${B}?filter=${enc({ where: { pages: { gt: '200' } } })}`, note: 'string coerced in where' },
  { method: 'GET', path: `${B}/1` },
  { method: 'GET', path: `${B}/1?filter=${enc({ include: 'tags' })}` },
  { method: 'GET', path: `${B}/4`, note: 'draft hidden by the access hook' },
  { method: 'GET', path: `${B}/99`, note: 'MODEL_NOT_FOUND + afterRemoteError header' },
  { method: 'GET', path: `${B}/abc`, note: 'non-numeric id' },
  { method: 'HEAD', path: `${B}/1` },
  { method: 'HEAD', path: `${B}/99` },
  { method: 'GET', path: `${B}/1/exists` },
  { method: 'GET', path: `${B}/99/exists` },
  { method: 'GET', path: `${B}/count`, note: 'count before :id (precedence) + *.count hook' },
  { method: 'GET', path: `${B}/count?where=${enc({ authorId: 2 })}` },
  { method: 'GET', path: `${B}/findOne?filter=${enc({ where: { isbn: '333' } })}` },
  { method: 'GET', path: `${B}/findOne?filter=${enc({ where: { isbn: 'none' } })}` },
  { method: 'GET', path: `${B}/summary`, note: 'custom method: anonymous denied' },
  { method: 'GET', path: `${B}/summary`, headers: BOB, note: 'custom method: not a patron' },
  { method: 'GET', path: `${B}/summary`, headers: ALICE, note: 'custom method: dynamic role patron' },
  { method: 'GET', path: `${B}/summary?authorId=1`, headers: LIB, note: 'custom method: librarian' },
  { method: 'GET', path: `${B}/summary?authorId=x`, headers: LIB, note: 'custom method: bad number' },
  // ---- Book's relation routes to LB3 models -------------------------------------
  { method: 'GET', path: `${B}/1/author` },
  { method: 'GET', path: `${B}/1/owner` },
  { method: 'GET', path: `${B}/1/reviews` },
  { method: 'GET', path: `${B}/1/reviews/count` },
  { method: 'GET', path: `${B}/1/tags` },
  { method: 'GET', path: `${B}/1/tags?filter=${enc({ where: { name: 'sf' } })}` },
  { method: 'GET', path: `${B}/1/readers`, headers: LIB },
  { method: 'GET', path: `${B}/99/tags`, note: 'relation of a missing book' },
  // ---- LB3 models relating to Book -------------------------------------------------
  { method: 'GET', path: '/api/Authors/1/books' },
  { method: 'GET', path: '/api/Authors/1/books/count' },
  { method: 'GET', path: `/api/Authors?filter=${enc({ include: 'books' })}` },
  { method: 'GET', path: `/api/Authors/2?filter=${enc({ include: { books: 'tags' } })}` },
  { method: 'GET', path: '/api/Tags/2/books' },
  { method: 'GET', path: `/api/Tags?filter=${enc({ include: 'books' })}` },
  { method: 'GET', path: `/api/Reviews?filter=${enc({ include: 'book' })}` },
  { method: 'GET', path: '/api/Reviews/1/book' },
  { method: 'GET', path: '/api/Members/1/books', headers: ALICE },
  { method: 'GET', path: '/api/Members/1/books', headers: BOB, note: 'not the owner' },
  { method: 'GET', path: '/api/Members/1/borrowed', headers: ALICE, note: 'hasManyThrough Loan' },
  { method: 'GET', path: `/api/Loans?filter=${enc({ include: ['book', 'member'] })}` },
  // ---- Book writes -------------------------------------------------------------------
  { method: 'POST', path: B, json: { title: 'Anonymous' }, note: 'create needs $authenticated' },
  {
    method: 'POST',
    path: B,
    json: { title: 'A Wizard of Earthsea', pages: 205, authorId: 1, ownerId: 2 },
    headers: BOB,
    note: 'create: slug mixin + beforeRemote isbn default',
  },
  { method: 'POST', path: B, json: { title: 'X' }, headers: BOB, note: 'validation: too short' },
  { method: 'POST', path: B, json: { pages: 3 }, headers: BOB, note: 'validation: title required' },
  { method: 'POST', path: B, json: { title: 'Bad pages', pages: 'many' }, headers: BOB, note: 'invalid number' },
  {
    method: 'POST',
    path: B,
    json: [
      { title: 'Batch one', ownerId: 2 },
      { title: 'Batch two', ownerId: 2 },
    ],
    headers: BOB,
    note: 'array create',
  },
  {
    method: 'POST',
    path: B,
    body: 'title=Form+Book&pages=12',
    headers: { ...BOB, 'Content-Type': 'application/x-www-form-urlencoded' },
    note: 'urlencoded create',
  },
  { method: 'GET', path: `${B}/5`, note: 'created book: slug, no internalCode' },
  { method: 'PATCH', path: `${B}/5`, json: { title: 'A Wizard Of Earthsea (2nd)' }, headers: BOB, note: 'owner patch: slug recomputed' },
  { method: 'PATCH', path: `${B}/5`, json: { title: 'Stolen' }, headers: ALICE, note: 'not the owner' },
  { method: 'PATCH', path: `${B}/5`, json: { title: 'Y' }, headers: BOB, note: 'patch validation' },
  { method: 'PATCH', path: `${B}/99`, json: { title: 'Ghost' }, headers: LIB },
  { method: 'PUT', path: `${B}/5`, json: { title: 'Replaced Book', ownerId: 2, authorId: 1 }, headers: BOB, note: 'replaceById' },
  { method: 'POST', path: `${B}/5/replace`, json: { title: 'Replaced Again', ownerId: 2 }, headers: BOB },
  { method: 'PUT', path: B, json: { title: 'Upserted', ownerId: 2 }, headers: LIB, note: 'replaceOrCreate' },
  { method: 'PATCH', path: B, json: { id: 2, pages: 190 }, headers: LIB, note: 'patchOrCreate existing' },
  { method: 'POST', path: `${B}/update?where=${enc({ authorId: 2 })}`, json: { price: 10 }, headers: LIB, note: 'updateAll' },
  { method: 'POST', path: `${B}/upsertWithWhere?where=${enc({ isbn: '222' })}`, json: { title: 'Lathe', isbn: '222' }, headers: LIB },
  { method: 'GET', path: `${B}?filter=${enc({ order: 'id ASC' })}`, note: 'state after writes' },
  // ---- writes through LB3 models to Book (the slug mixin still fires) ---------------
  { method: 'POST', path: '/api/Authors/2/books', json: { title: 'If on a winter night', ownerId: 1 } },
  { method: 'POST', path: '/api/Members/1/books', json: { title: 'Owned by Alice' }, headers: ALICE },
  { method: 'PUT', path: '/api/Tags/3/books/rel/2', note: 'habtm link from Tag' },
  { method: 'PUT', path: `${B}/2/tags/rel/3`, headers: LIB, note: 'habtm link from Book' },
  { method: 'HEAD', path: `${B}/2/tags/rel/3` },
  { method: 'DELETE', path: `${B}/2/tags/rel/3`, headers: LIB },
  { method: 'POST', path: `${B}/1/reviews`, json: { rating: 4, memberId: 2 }, headers: LIB },
  { method: 'POST', path: `${B}/1/reviews`, json: { rating: 4.5 }, headers: LIB, note: 'review validation' },
  { method: 'GET', path: `${B}?filter=${enc({ include: ['tags', 'reviews'], order: 'id ASC' })}` },
  // ---- deletes ------------------------------------------------------------------------
  { method: 'DELETE', path: `${B}/3`, headers: ALICE, note: 'delete: not the owner' },
  { method: 'DELETE', path: `${B}/3`, note: 'delete: anonymous' },
  { method: 'DELETE', path: `${B}/6`, headers: BOB },
  { method: 'DELETE', path: `${B}/6`, headers: BOB, note: 'already deleted' },
  { method: 'GET', path: `${B}/count` },
];

/** A caller of the auth matrix. */
interface Caller {
  name: string;
  headers: Record<string, string>;
}

/** The five callers of the auth matrix. */
export const MATRIX_CALLERS: readonly Caller[] = [
  { name: 'anonymous', headers: {} },
  { name: 'owner', headers: ALICE },
  { name: 'another user', headers: BOB },
  { name: 'admin (librarian)', headers: LIB },
  { name: 'bogus token', headers: as('bogus-token-0000') },
];

/** A body that passes validation, so the ACL (not a 422) decides; never changes an email or password. */
function bodyFor(route: RouteInfo, n: number): unknown {
  const id = route.id ?? '';
  if (id.endsWith('.login')) return { username: 'bob', password: 'bob-pass' };
  if (id.endsWith('.changePassword')) return { oldPassword: 'wrong', newPassword: 'n' };
  if (id.endsWith('.setPassword')) return { newPassword: `set-${n}` };
  if (id.endsWith('.resetPassword')) return { email: 'nobody@example.com' };
  if (id.endsWith('.verify') || id.endsWith('.logout')) return undefined;
  if (id.includes('accessTokens')) return { ttl: 60 };
  if (/books/i.test(route.path) || id.startsWith('Book.')) return { title: `Matrix ${n}`, ownerId: 1 };
  if (/reviews/i.test(route.path) || id.startsWith('Review.')) return { rating: 3 };
  if (/tags/i.test(route.path) || id.startsWith('Tag.')) return { name: `tag-${n}` };
  if (/authors?/i.test(route.path) || id.startsWith('Author.')) return { name: `Author ${n}` };
  if (id.startsWith('Member.')) return { name: `M ${n}` };
  return {};
}

/** Destructive routes last (logout last of all), so earlier rows and tokens still exist. */
function rank(route: RouteInfo): number {
  if (route.id?.endsWith('.logout')) return 4;
  if (route.verb === 'delete' && /^\/Members\/:id$/.test(route.path)) return 3;
  if (route.verb === 'delete') return 2;
  if (route.id?.endsWith('.setPassword') || route.id?.endsWith('.changePassword')) return 1;
  return 0;
}

/** One request per (route, caller): every REST route the stock app reports × the five callers. */
export function libraryMatrix(routes: readonly RouteInfo[]): ParityRequest[] {
  const ordered = [...routes].sort((a, b) => rank(a) - rank(b));
  const list: ParityRequest[] = [];
  ordered.forEach((route, n) => {
    for (const who of MATRIX_CALLERS) {
      const fk = route.path.includes('accessTokens') ? 'alice-token-2' : '1';
      const req = requestForRoute(route, { params: { id: '1', fk }, headers: who.headers, body: (r) => bodyFor(r, n) });
      req.note = `${route.id} as ${who.name}`;
      list.push(req);
    }
  });
  return list;
}
