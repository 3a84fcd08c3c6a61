/** Result shaping (catalogue §7 "Root returns", "Named returns", "Multiple returns", targets). */
import { expect } from 'chai';
import { buildResultShaper } from '../../../compat/remoting';

describe('remoting result shaper', () => {
  it('returns undefined for a void method whatever the function passed', () => {
    expect(buildResultShaper([])(['x'], false)).to.equal(undefined);
  });

  it('uses a root value as the result and wraps named values', () => {
    expect(buildResultShaper([{ arg: 'r', type: 'any', root: true }])(['hello'], false)).to.equal('hello');
    expect(buildResultShaper([{ arg: 'v', type: 'any' }])([null], false)).to.deep.equal({ v: null });
    expect(buildResultShaper([{ arg: 'v', type: 'any' }])([undefined], false)).to.deep.equal({ v: undefined });
  });

  it('keeps declaration order for several returns, from callbacks and from a resolved array', () => {
    const shape = buildResultShaper([
      { arg: 'a', type: 'string' },
      { arg: 'b', type: 'number' },
    ]);
    expect(JSON.stringify(shape(['a', 2], false))).to.equal('{"a":"a","b":2}');
    expect(JSON.stringify(shape(['a', 2], true))).to.equal('{"a":"a","b":2}');
    expect(buildResultShaper([{ arg: 'r', type: 'any', root: true }])([1, 2], true)).to.deep.equal([1, 2]);
  });

  it('merges named returns into the root object', () => {
    expect(
      buildResultShaper([
        { arg: 'a', type: 'string' },
        { arg: 'r', type: 'object', root: true },
      ])(['a', { r: 1 }], false),
    ).to.deep.equal({ r: 1, a: 'a' });
  });

  it('encodes directly returned Dates and Buffers but not nested ones', () => {
    const d = new Date(0);
    expect(buildResultShaper([{ arg: 'r', type: 'date', root: true }])([d], false)).to.deep.equal({ $type: 'date', $data: '1970-01-01T00:00:00.000Z' });
    expect(buildResultShaper([{ arg: 'b', type: 'any' }])([Buffer.from('hi')], false)).to.deep.equal({ b: { $type: 'base64', $data: 'aGk=' } });
    const nested = { d };
    expect((buildResultShaper([{ arg: 'r', type: 'object', root: true }])([nested], false) as any).d).to.equal(d);
  });

  it('writes header and status targets to the response and leaves them out of the body', () => {
    const calls: unknown[] = [];
    const res = { status: (c: number) => calls.push(['status', c]), set: (f: string, v: unknown) => calls.push(['set', f, v]) };
    const shape = buildResultShaper([
      { arg: 'v', type: 'string' },
      { arg: 'h', type: 'string', http: { target: 'header', header: 'X-Custom' } },
      { arg: 's', type: 'number', http: { target: 'status' } },
    ]);
    expect(shape(['vv', 'hv', 202], false, res)).to.deep.equal({ v: 'vv' });
    expect(calls).to.deep.equal([
      ['set', 'X-Custom', 'hv'],
      ['status', 202],
    ]);
  });

  it('fails with 500 when an integer return is not a safe integer', () => {
    let e: any;
    try {
      buildResultShaper([{ arg: 'n', type: 'integer' }])([1.5], false);
    } catch (x) {
      e = x;
    }
    expect(e.statusCode).to.equal(500);
    expect(e.message).to.equal("Invalid return value for argument 'n' of type 'integer': 1.5. Received type was number.");
  });
});
