/**
 * `compare` replays a session-cookie login flow (express-session, as passport apps use) like a
 * browser: each side has its own cookie jar (Set-Cookie kept and sent back), and the session
 * cookie's value, different on each side, is compared as a variable — without --noise.
 */
import { expect } from 'chai';
import { runComparison, assertNoDifferences } from '../../compare/compare';
import type { ComparisonReport, Scenario } from '../../compare/types';
import { fixtureDir } from '../support/paths';

const scenario: Scenario = {
  source: 'session login flow',
  steps: [
    { name: 'anonymous', method: 'GET', path: '/me' },
    { name: 'bad login', method: 'POST', path: '/login?user=alice&password=nope' },
    { name: 'login', method: 'POST', path: '/login?user=alice&password=secret' },
    { name: 'me', method: 'GET', path: '/me' },
    { name: 'me again', method: 'GET', path: '/me' },
    { name: 'create a note as the session user', method: 'POST', path: '/api/Notes', body: { text: 'hello' } },
    { name: 'logout', method: 'POST', path: '/logout' },
    { name: 'anonymous again', method: 'GET', path: '/me' },
    { name: 'create a note anonymously', method: 'POST', path: '/api/Notes', body: { text: 'nope' } },
  ],
};

describe('compare: session cookies', function () {
  this.timeout(180000);
  let report: ComparisonReport;

  before(async () => {
    const app = fixtureDir('session');
    report = await runComparison({ scenario, legacy: { app, kind: 'stock' }, candidate: { app, kind: 'shim' } });
  });

  it('replays a session-cookie login flow with equal results on both sides, without --noise', () => {
    assertNoDifferences(report);
  });

  it('sends each side its own session cookie back, as a browser would', () => {
    const body = (name: string) => report.steps.find((s) => s.name === name)!;
    for (const side of ['legacy', 'candidate'] as const) {
      expect(body('me')[side].body, side).to.deep.equal({ user: 'alice', visits: 1 });
      expect(body('me again')[side].body, side).to.deep.equal({ user: 'alice', visits: 2 });
      expect(body('create a note as the session user')[side].body, side).to.deep.equal({ text: 'hello', author: 'alice', id: 1 });
      expect(body('anonymous again')[side].status, side).to.equal(401);
    }
    expect(body('login').legacy.headers['set-cookie']).to.match(/^sid=<cookie:sid>; Path=\/; HttpOnly$/);
  });
});
