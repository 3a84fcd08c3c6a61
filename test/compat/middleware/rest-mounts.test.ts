import { expect } from 'chai';
import express from 'express';
import { findRestMounts, layerMountPaths } from '../../../compat/middleware/rest-mounts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

function layerFor(path: string | string[] | RegExp): any {
  const app = express();
  app.use(path as string, (_req, _res, next) => next());
  const stack = (app as any)._router.stack;
  return stack[stack.length - 1];
}

describe('compat REST mounts', () => {
  it('reads literal mount paths from a use() layer, checked against its own matcher', () => {
    expect(layerMountPaths(layerFor('/api'))).to.eql(['/api']);
    expect(layerMountPaths(layerFor(['/api', '/v1/x']))).to.eql(['/api', '/v1/x']);
    expect(layerMountPaths(layerFor('/'))).to.eql(['/']);
    expect(layerMountPaths(layerFor('/my-api.v2'))).to.eql(['/my-api.v2']);
  });

  it('gives no literal path for pattern mounts (params, RegExp)', () => {
    expect(layerMountPaths(layerFor('/t/:tenant'))).to.eql([]);
    expect(layerMountPaths(layerFor(/^\/re/))).to.eql([]);
  });

  it('lists every loopback.rest() mount of an LB3 app in router order, and nothing for an app without one', () => {
    const app = loopback({ localRegistry: true });
    expect(findRestMounts(app)).to.eql([]);
    app.use('/v2', loopback.rest());
    app.middleware('routes', ['/api', '/v1'], loopback.rest());
    app.use((_req: unknown, _res: unknown, next: () => void) => next());
    expect(findRestMounts(app)).to.eql(['/v2', '/api', '/v1']);
  });
});
