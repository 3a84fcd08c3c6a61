/** `http.errorStatus` (catalogue §4 "Envelope"). */
import { expect } from 'chai';
import { applyErrorStatus } from '../../../compat/remoting';

describe('remoting applyErrorStatus', () => {
  it('gives an error without a status the method errorStatus', () => {
    const err = applyErrorStatus(new Error('x'), 418) as any;
    expect(err.statusCode).to.equal(418);
  });

  it('keeps an error own statusCode or status', () => {
    expect((applyErrorStatus(Object.assign(new Error('x'), { statusCode: 409 }), 418) as any).statusCode).to.equal(409);
    const withStatus = applyErrorStatus(Object.assign(new Error('x'), { status: 410 }), 418) as any;
    expect(withStatus.statusCode).to.equal(undefined);
    expect(withStatus.status).to.equal(410);
  });

  it('leaves errors alone without errorStatus and passes non-objects through', () => {
    expect((applyErrorStatus(new Error('x')) as any).statusCode).to.equal(undefined);
    expect(applyErrorStatus('str', 418)).to.equal('str');
    expect(applyErrorStatus(null, 418)).to.equal(null);
  });
});
