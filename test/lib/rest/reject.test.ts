import { expect } from 'chai';
import type { Request, Response } from 'express';
import { buildReject } from '../../../lib/rest/reject';
import type { ErrorWriter } from '../../../lib/errors/error-writer';

function fakes() {
  const written: unknown[] = [];
  const writer: ErrorWriter = { write: (err) => void written.push(err) };
  const res = {
    headersSent: false,
    code: 0,
    ended: false,
    status(c: number) {
      this.code = c;
      return this;
    },
    end() {
      this.ended = true;
    },
  };
  const req = {
    method: 'GET',
    url: '/x',
    socket: {
      destroyed: false,
      destroy() {
        this.destroyed = true;
      },
    },
  };
  return { written, writer, req: req as unknown as Request, res: res as unknown as Response & typeof res, rawReq: req };
}

describe('reject (how a failed request is answered)', () => {
  it('writes the error at once by default, even when express next is at hand', () => {
    const f = fakes();
    const next: unknown[] = [];
    buildReject({ errorWriter: () => f.writer })(new Error('boom'), f.req, f.res, (e) => next.push(e));
    expect(f.written).to.have.length(1);
    expect(next).to.deep.equal([]);
  });

  it('hands the error to express next(err) with handleErrors false', () => {
    const f = fakes();
    const boom = new Error('boom');
    const next: unknown[] = [];
    buildReject({ errorWriter: () => f.writer, handleErrors: false })(boom, f.req, f.res, (e) => next.push(e));
    expect(next).to.deep.equal([boom]);
    expect(f.written).to.deep.equal([]);
  });

  it('writes a falsy error and an error without next even with handleErrors false', () => {
    const f = fakes();
    const reject = buildReject({ errorWriter: () => f.writer, handleErrors: false });
    reject(undefined, f.req, f.res, () => expect.fail('next must not be called'));
    reject(new Error('no next'), f.req, f.res);
    expect(f.written).to.have.length(2);
  });

  it('answers a bare 500 when the writer itself fails, and cuts the connection once headers are out', () => {
    const f = fakes();
    const failing: ErrorWriter = {
      write: () => {
        throw new Error('writer broke');
      },
    };
    buildReject({ errorWriter: () => failing })(new Error('boom'), f.req, f.res);
    expect(f.res.code).to.equal(500);
    expect(f.res.ended).to.equal(true);
    f.res.headersSent = true;
    buildReject({ errorWriter: () => failing })(new Error('boom'), f.req, f.res);
    expect(f.rawReq.socket.destroyed).to.equal(true);
  });
});
