import { expect } from 'chai';
import { callLb3Function, settleNowOrLater } from '../../../compat/remoting/lb3-call';

describe('compat LB3 calls: callLb3Function', () => {
  it('takes callback values after a null error', async () => {
    const out = await callLb3Function((a: any, cb: any) => cb(null, a + 1, 'x'), null, [1]);
    expect(out).to.eql({ values: [2, 'x'], fromPromise: false });
  });
  it('takes a returned promise value', async () => {
    expect(await callLb3Function(async (a: any) => a * 2, null, [4])).to.eql({ values: [8], fromPromise: true });
  });
  it('treats Promise.reject() with no reason as success without a result', async () => {
    expect(await callLb3Function(() => Promise.reject(), null, [])).to.equal(undefined);
  });
  it('rejects with a synchronous throw and with cb(err)', async () => {
    const boom = new Error('boom');
    expect(
      await callLb3Function(
        () => {
          throw boom;
        },
        null,
        [],
      ).catch((e) => e),
    ).to.equal(boom);
    expect(await callLb3Function((cb: any) => cb(boom), null, []).catch((e) => e)).to.equal(boom);
  });
  it('uses the first settlement when a function both calls back and returns a promise', async () => {
    const out = await callLb3Function(
      (cb: any) => {
        cb(null, 'cb');
        return Promise.resolve('promise');
      },
      null,
      [],
    );
    expect(out).to.eql({ values: ['cb'], fromPromise: false });
  });
});

describe('compat LB3 calls: settleNowOrLater', () => {
  it('answers undefined, without a promise, when the call settled synchronously', () => {
    expect(settleNowOrLater((cb) => cb())).to.equal(undefined);
    expect(settleNowOrLater((cb) => cb(null))).to.equal(undefined);
  });
  it('throws a synchronous failure (callback error or throw)', () => {
    const boom = new Error('boom');
    expect(() => settleNowOrLater((cb) => cb(boom))).to.throw(boom);
    expect(() =>
      settleNowOrLater(() => {
        throw boom;
      }),
    ).to.throw(boom);
  });
  it('returns a promise when the call settles later, by callback or returned promise', async () => {
    const later = settleNowOrLater((cb) => void setImmediate(() => cb()));
    expect(later).to.be.instanceOf(Promise);
    await later;
    const boom = new Error('late');
    expect(await settleNowOrLater(() => Promise.reject(boom))!.catch((e) => e)).to.equal(boom);
    expect(await settleNowOrLater(() => Promise.reject())).to.equal(undefined);
  });
  it('keeps the first settlement', async () => {
    expect(
      settleNowOrLater((cb) => {
        cb();
        cb(new Error('second'));
      }),
    ).to.equal(undefined);
  });
});
