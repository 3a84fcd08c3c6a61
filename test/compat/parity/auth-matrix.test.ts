/**
 * Every REST route of the `auth` fixture requested as six callers (anonymous,
 * a malformed token, an expired token, another user, an admin-role user, the
 * owner): the candidate must answer each exactly like stock LB3, and must
 * never grant (2xx) what stock LB3 refuses with 401/403.
 */
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { assertParity, ParityRequest, ParityResult, RouteInfo, runParity } from '../../support/parity';
import { requestForRoute, stockRoutes } from '../../support/route-requests';

const APP = fixtureDir('auth');

/** A caller: the headers (or query) that identify it; `expired` takes a fresh expired token per request. */
interface Identity {
  name: string;
  headers: (n: number) => Record<string, string>;
}

/** Malformed credentials, rotated over the routes. */
const MALFORMED = ['Bearer ###', 'Bearer', 'bearer alice-token', `Bearer ${Buffer.from('alice-token ').toString('base64')}`, 'Basic !!!', 'alice-token\tx'];
/** Expired ids 100.. are reserved for this test (auth.parity uses 0..99); the fixture seeds 2000. */
let expiredNext = 100;

const IDENTITIES: Identity[] = [
  { name: 'anonymous', headers: () => ({}) },
  { name: 'malformed', headers: (n) => ({ Authorization: MALFORMED[n % MALFORMED.length] }) },
  { name: 'expired', headers: () => ({ 'X-Access-Token': `expired-${expiredNext++}` }) },
  { name: 'other user', headers: () => ({ Authorization: 'bob-token' }) },
  { name: 'admin role', headers: () => ({ Authorization: 'admin-token' }) },
  { name: 'owner', headers: () => ({ Authorization: 'alice-token' }) },
];

/** A body that passes validation where possible, so ACL (not 422) decides. Never changes an email (that would drop tokens). */
function bodyFor(route: RouteInfo, who: string, n: number): unknown {
  const id = route.id ?? '';
  const tag = `${who.replace(/\W/g, '')}${n}`;
  if (id.endsWith('.login')) return { username: 'bob', password: 'bob-pass' };
  if (id.endsWith('.changePassword')) return { oldPassword: 'wrong', newPassword: 'n' };
  if (id.endsWith('.setPassword')) return { newPassword: `set-${tag}` };
  if (id.endsWith('.resetPassword')) return { email: 'bob@example.com' };
  if (id.endsWith('.verify') || id.endsWith('.logout')) return undefined;
  if (id.includes('accessTokens')) return { ttl: 60 };
  if (id.includes('notes') || id.startsWith('Note.')) return { title: `matrix ${tag}`, ownerId: 1 };
  if (id.startsWith('Account.prototype') || id === 'Account.updateAll') return { name: `M ${tag}` };
  if (id.startsWith('Account.')) return { username: `m-${tag}`, email: `m-${tag}@example.com`, password: 'p' };
  if (id.startsWith('Product.')) return { name: `P ${tag}`, price: 1 };
  if (id.startsWith('Secret.')) return { label: `S ${tag}` };
  if (id.startsWith('Report.')) return { title: `R ${tag}`, total: 1 };
  return {};
}

/** Destructive routes last (deleting alice's account, then logging out, last of all), so earlier rows and tokens still exist. */
function rank(route: RouteInfo): number {
  if (route.id?.endsWith('.logout')) return 4;
  if (route.verb === 'delete' && route.path === '/Accounts/:id') return 3;
  if (route.verb === 'delete') return 2;
  if (route.id?.endsWith('.setPassword')) return 1;
  return 0;
}

/** One request per (route, caller), destructive routes last. */
export function matrixRequests(routes: RouteInfo[]): ParityRequest[] {
  const ordered = [...routes].sort((a, b) => rank(a) - rank(b));
  const list: ParityRequest[] = [];
  ordered.forEach((route, n) => {
    for (const who of IDENTITIES) {
      const fk = route.path.includes('accessTokens') ? 'alice-token-2' : '1';
      const req = requestForRoute(route, { params: { id: '1', fk }, headers: who.headers(n), body: (r) => bodyFor(r, who.name, n) });
      req.note = `${route.id} as ${who.name}`;
      list.push(req);
    }
  });
  return list;
}

describe('auth matrix: every route of the auth fixture × six callers', function () {
  this.timeout(300000);
  let result: ParityResult;
  let requests: ParityRequest[];

  before(async () => {
    const routes = await stockRoutes(APP);
    requests = matrixRequests(routes);
    result = await runParity({ appDir: APP, requests });
  });

  it('sends six requests per route and reaches both allowed and denied answers', () => {
    expect(requests.length).to.equal(result.referenceRoutes.length * IDENTITIES.length);
    const statuses = new Set(result.results.map((r) => r.reference.status));
    expect([...statuses]).to.include.members([200, 401, 403, 404]);
  });

  it('answers every caller on every route exactly like stock LB3', () => {
    assertParity(result);
  });

  it('never answers 2xx where stock LB3 answers 401 or 403', () => {
    const leaks = result.results
      .filter((r) => (r.reference.status === 401 || r.reference.status === 403) && r.candidate.status >= 200 && r.candidate.status < 300)
      .map((r) => `  #${r.index} ${r.request.method} ${r.request.path} (${r.request.note}): stock ${r.reference.status}, candidate ${r.candidate.status}`);
    expect(leaks, `access granted by the candidate but refused by stock LB3:\n${leaks.join('\n')}`).to.deep.equal([]);
  });
});
