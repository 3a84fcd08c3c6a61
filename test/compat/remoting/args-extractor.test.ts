/**
 * Argument sources (catalogue §3 "Sources" and "Required arguments") on a
 * fake request context: where each value is read and which rules apply.
 */
import { expect } from 'chai';
import { buildArgsExtractor, type Lb3Accept, type RemotingCallContext } from '../../../compat/remoting';

function fakeCtx(opts: { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> }) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
  const request: any = { query: opts.query ?? {}, body: opts.body, headers, get: (n: string) => headers[n.toLowerCase()] };
  const response: any = { isResponse: true };
  const ctx: any = { request, response, params: opts.params ?? {}, state: {} };
  const rctx: RemotingCallContext = { req: request, res: response, args: {}, method: {}, methodString: 'Widget.m' };
  return { ctx, rctx };
}

function extract(accepts: Lb3Accept[], req: Parameters<typeof fakeCtx>[0], options = {}) {
  const { ctx, rctx } = fakeCtx(req);
  return buildArgsExtractor(accepts, options).extract(ctx, rctx);
}

const JSON_CT = { 'Content-Type': 'application/json; charset=utf-8' };

describe('remoting argument extraction', () => {
  it('reads query values with sloppy rules even on a JSON request', () => {
    expect(extract([{ arg: 'n', type: 'number', http: { source: 'query' } }], { query: { n: '7' }, body: {}, headers: JSON_CT })).to.deep.equal({ n: 7 });
  });

  it('reads path values from the router params and keeps strings as strings', () => {
    expect(extract([{ arg: 's', type: 'string', http: { source: 'path' } }], { params: { s: '123' } })).to.deep.equal({ s: '123' });
  });

  it('reads header values case-insensitively', () => {
    expect(extract([{ arg: 'X-Count', type: 'number', http: { source: 'header' } }], { headers: { 'x-count': '0x10' } })).to.deep.equal({ 'X-Count': 16 });
  });

  it('reads form values strictly from a JSON body and sloppily from a urlencoded one', () => {
    const accepts: Lb3Accept[] = [{ arg: 'n', type: 'number', http: { source: 'form' } }];
    expect(() => extract(accepts, { body: { n: '42' }, headers: JSON_CT })).to.throw('Value is not a number.');
    expect(extract(accepts, { body: { n: '42' }, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).to.deep.equal({ n: 42 });
    expect(extract(accepts, { query: { n: '1' }, body: {} })).to.deep.equal({ n: undefined });
  });

  it('passes the whole body for source body, and {} when nothing was parsed', () => {
    const accepts: Lb3Accept[] = [{ arg: 'data', type: 'object', http: { source: 'body' } }];
    expect(extract(accepts, { body: { a: 1 }, headers: JSON_CT })).to.deep.equal({ data: { a: 1 } });
    expect(extract(accepts, {})).to.deep.equal({ data: {} });
  });

  it('looks a source-less argument up in params, body, query, then headers', () => {
    const accepts: Lb3Accept[] = [{ arg: 'v', type: 'string' }];
    expect(extract(accepts, { params: { v: 'p' }, body: { v: 'b' }, query: { v: 'q' }, headers: { v: 'h' } })).to.deep.equal({ v: 'p' });
    expect(extract(accepts, { body: { v: 'b' }, query: { v: 'q' }, headers: { v: 'h' } })).to.deep.equal({ v: 'b' });
    expect(extract(accepts, { body: {}, query: { v: 'q' }, headers: { v: 'h' } })).to.deep.equal({ v: 'q' });
    expect(extract(accepts, { body: {}, headers: { v: 'h' } })).to.deep.equal({ v: 'h' });
  });

  it('types a source-less value only when the request is JSON and the value came from the body', () => {
    const accepts: Lb3Accept[] = [{ arg: 'n', type: 'number' }];
    expect(() => extract(accepts, { body: { n: '5' }, headers: JSON_CT })).to.throw('Value is not a number.');
    expect(extract(accepts, { body: {}, query: { n: '7' }, headers: JSON_CT })).to.deep.equal({ n: 7 });
  });

  it('injects req, res and the remoting context', () => {
    const { ctx, rctx } = fakeCtx({});
    const args = buildArgsExtractor([
      { arg: 'req', type: 'object', http: { source: 'req' } },
      { arg: 'res', type: 'object', http: { source: 'res' } },
      { arg: 'c', type: 'object', http: { source: 'context' } },
    ]).extract(ctx, rctx);
    expect(args.req).to.equal(ctx.request);
    expect(args.res).to.equal(ctx.response);
    expect(args.c).to.equal(rctx);
  });

  it('type-checks but does not coerce values from an http function', () => {
    const accepts: Lb3Accept[] = [{ arg: 'v', type: 'number', http: (c: any) => c.req.query.v }];
    expect(() => extract(accepts, { query: { v: '5' } })).to.throw('Value is not a number.');
  });

  it('builds the options argument through optionsFromRequest', () => {
    const accepts: Lb3Accept[] = [{ arg: 'options', type: 'object', http: 'optionsFromRequest' }];
    expect(extract(accepts, {})).to.deep.equal({ options: {} });
    expect(extract(accepts, {}, { optionsFromRequest: () => ({ accessToken: null }) })).to.deep.equal({ options: { accessToken: null } });
  });

  describe('at invoke time', () => {
    const accepts: Lb3Accept[] = [
      { arg: 'n', type: 'number', required: true, http: { source: 'query' } },
      { arg: 'd', type: 'date', http: { source: 'query' } },
      { arg: 'o', type: 'object', http: { source: 'query' } },
    ];
    const ex = buildArgsExtractor(accepts);

    it('names the first missing required argument', () => {
      for (const n of [undefined, null, '']) {
        expect(() => ex.validateAtInvoke({ n })).to.throw('n is a required argument');
      }
      expect(() => ex.validateAtInvoke({ n: 0 })).to.not.throw();
    });

    it('prefixes invalid dates with the argument name', () => {
      let e: any;
      try {
        ex.validateAtInvoke({ n: 1, d: new Date('x') });
      } catch (x) {
        e = x;
      }
      expect(e.message).to.equal('Invalid argument "d". Value is not a valid date.');
      expect(e.statusCode).to.equal(400);
      expect(e).to.not.have.property('code');
    });

    it('rechecks values a before-hook changed', () => {
      expect(() => ex.validateAtInvoke({ n: 'abc' })).to.throw('Invalid argument "n". Value is not a number.');
    });

    it('returns positional arguments with $type envelopes decoded', () => {
      const args = ex.prepareInvoke({ n: 1, o: { when: { $type: 'date', $data: '2020-01-01T00:00:00.000Z' }, raw: { $type: 'base64', $data: 'aGk=' } } });
      expect(args).to.have.length(3);
      const o = args[2] as any;
      expect(o.when).to.be.instanceOf(Date);
      expect(o.when.toISOString()).to.equal('2020-01-01T00:00:00.000Z');
      expect(Buffer.isBuffer(o.raw) && o.raw.toString()).to.equal('hi');
      expect(ex.toPositional({ n: 2 })).to.deep.equal([2, undefined, undefined]);
    });
  });
});
