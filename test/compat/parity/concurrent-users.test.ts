/**
 * 50 concurrent requests from 50 different users to an endpoint echoing the
 * caller (from the invocation options at the start and from req.accessToken
 * after an async gap): each response must name its own user, on stock LB3
 * (the control) and on the candidate. Catches per-request state leaking
 * between interleaved requests (shared contexts, cached principals).
 */
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { candidateKind, sendRequest, startTarget, Target, TargetKind } from '../../support/parity';

const APP = fixtureDir('auth');
const USERS = 50;
/** Crowd user i has id 7 + i (see the fixture's users-and-tokens.js). */
const crowdId = (i: number) => 7 + i;

function tokenHeaders(i: number): Record<string, string> {
  const token = `crowd-token-${i}`;
  switch (i % 3) {
    case 0:
      return { Authorization: token };
    case 1:
      return { 'X-Access-Token': token };
    default:
      return { Authorization: `Bearer ${Buffer.from(token).toString('base64')}` };
  }
}

/** Fire all requests at once; delays are spread so completions interleave out of start order. */
async function crowd(target: Target, withAnonymous: boolean): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    Array.from({ length: USERS }, async (_, i) => {
      const anonymous = withAnonymous && i % 5 === 4;
      const delay = (i * 37) % 60;
      const res = await sendRequest(target.port, {
        method: 'GET',
        path: `/api/Accounts/whoami?delay=${delay}`,
        headers: anonymous ? {} : tokenHeaders(i),
      });
      if (anonymous) {
        if (res.status !== 401) problems.push(`anonymous request #${i}: status ${res.status} ${res.rawBody}`);
        return;
      }
      const expected = { fromOptions: crowdId(i), fromReq: crowdId(i), username: `crowd-${i}`, tokenId: `crowd-token-${i}` };
      if (res.status !== 200 || JSON.stringify(res.body) !== JSON.stringify(expected)) {
        problems.push(`user crowd-${i}: status ${res.status}, body ${res.rawBody}`);
      }
    }),
  );
  return problems;
}

describe('concurrent users: every response belongs to its own caller', function () {
  this.timeout(120000);
  const kinds: TargetKind[] = ['stock', candidateKind()];
  const targets: Partial<Record<string, Target>> = {};

  before(async () => {
    const started = await Promise.allSettled(kinds.map((k) => startTarget(k, APP)));
    started.forEach((s, i) => {
      if (s.status === 'fulfilled') targets[`${i}`] = s.value;
    });
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      await Promise.all(Object.values(targets).map((t) => t!.stop()));
      throw failed.reason;
    }
  });

  after(async () => {
    await Promise.all(Object.values(targets).map((t) => t!.stop()));
  });

  kinds.forEach((kind, i) => {
    const role = i === 0 ? 'stock LB3 (control)' : `the candidate (${kind})`;

    it(`${role}: 50 concurrent users each get their own identity`, async () => {
      expect(await crowd(targets[`${i}`]!, false)).to.deep.equal([]);
    });

    it(`${role}: anonymous requests interleaved with users stay anonymous and users stay themselves`, async () => {
      expect(await crowd(targets[`${i}`]!, true)).to.deep.equal([]);
    });
  });
});
