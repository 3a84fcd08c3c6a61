import { expect } from 'chai';
import request from 'supertest';
import type { NextFunction, Request, Response } from 'express';
import { MIDDLEWARE_PHASES, phaseIndex } from '../../../lib/rest/middleware-phases';
import { spec, testServer } from './rest-fixtures';

const record = (log: string[], name: string) => (req: Request, _res: Response, next: NextFunction) => {
  log.push(`${name} ${req.url}`);
  next();
};

describe('Middleware phases', () => {
  it('lists the 21 loopback-boot phases in order', () => {
    expect(MIDDLEWARE_PHASES.length).to.equal(21);
    expect(MIDDLEWARE_PHASES[0]).to.equal('initial:before');
    expect(MIDDLEWARE_PHASES[20]).to.equal('final:after');
    expect(phaseIndex('auth')).to.be.lessThan(phaseIndex('routes'));
  });

  it('rejects an unknown phase, naming it', () => {
    const { server } = testServer();
    expect(() => server.middleware(() => undefined, { phase: 'routs' as 'routes' })).to.throw(/Unknown middleware phase "routs"/);
  });

  it('runs middleware by phase, then by registration order, whatever the registration order', async () => {
    const log: string[] = [];
    const { server } = testServer();
    server.route(spec('get', '/hello', () => (log.push('route'), 'hi')));
    server.middleware(record(log, 'routes:before#1'), { phase: 'routes:before' });
    server.middleware(record(log, 'initial'), { phase: 'initial' });
    server.middleware(record(log, 'auth'), { phase: 'auth' });
    void server.expressApp; // registrations after the app is built are placed the same way
    server.middleware(record(log, 'routes:before#2'), { phase: 'routes:before' });
    server.middleware(record(log, 'initial:before'), { phase: 'initial:before' });
    await request(server.handler).get('/hello').expect(200);
    expect(log).to.deep.equal(['initial:before /hello', 'initial /hello', 'auth /hello', 'routes:before#1 /hello', 'routes:before#2 /hello', 'route']);
  });

  it('mounts middleware on a path with express semantics (relative req.url)', async () => {
    const log: string[] = [];
    const { server } = testServer();
    server.middleware(record(log, 'mounted'), { phase: 'initial', path: '/admin' });
    server.middleware((_req: Request, res: Response) => res.send('files'), { phase: 'files', path: '/static' });
    await request(server.handler).get('/admin/users?x=1').expect(404);
    await request(server.handler).get('/public').expect(404);
    const res = await request(server.handler).get('/static/a.txt').expect(200);
    expect(res.text).to.equal('files');
    expect(log).to.deep.equal(['mounted /users?x=1']);
  });

  it('lets final-phase error middleware see the 404 of an unknown path', async () => {
    const { server } = testServer();
    const seen: string[] = [];
    server.middleware(
      (err: Error & { code?: string }, _req: Request, _res: Response, next: NextFunction) => {
        seen.push(`${err.code}: ${err.message}`);
        next(err);
      },
      { phase: 'final' },
    );
    const res = await request(server.handler).get('/nope').expect(404);
    expect(seen).to.deep.equal(['ROUTE_NOT_FOUND: Endpoint "GET /nope" not found.']);
    expect(res.body).to.deep.equal({
      error: { statusCode: 404, name: 'NotFoundError', message: 'Endpoint "GET /nope" not found.', code: 'ROUTE_NOT_FOUND' },
    });
    expect(res.headers.etag).to.equal(undefined);
  });

  it('places handlers added directly on the express app in the routes phase', async () => {
    const log: string[] = [];
    const { server } = testServer();
    server.expressApp.get('/direct', (_req, res) => res.send('direct'));
    server.middleware(record(log, 'initial'), { phase: 'initial' });
    server.middleware(record(log, 'files'), { phase: 'files' });
    const res = await request(server.handler).get('/direct').expect(200);
    expect(res.text).to.equal('direct');
    expect(log).to.deep.equal(['initial /direct']);
  });
});
