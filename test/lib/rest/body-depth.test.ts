import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { buildBodyParser, deeperThan } from '../../../lib/rest/body-parsers';

const deepJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function app(options: Parameters<typeof buildBodyParser>[0]) {
  const parse = buildBodyParser(options);
  const a = express();
  a.post('/', (req, res, next) => parse(req, res, (err?: unknown) => (err ? next(err) : res.json({ ok: true }))));
  a.use((err: { statusCode: number; code?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
    res.status(err.statusCode).json({ code: err.code }),
  );
  return a;
}

describe('body depth limit', () => {
  it('measures nesting without recursion, even 100k deep', () => {
    const deep = JSON.parse(deepJson(100000));
    expect(deeperThan(deep, 5000)).to.equal(true);
    expect(deeperThan({ a: [{ b: 1 }] }, 3)).to.equal(false);
    expect(deeperThan({ a: [{ b: {} }] }, 3)).to.equal(true);
    expect(deeperThan('text', 0)).to.equal(false);
  });

  it('answers 400 BODY_TOO_DEEP for a JSON body nested deeper than maxDepth', async () => {
    const res = await request(app({ maxDepth: 50 }))
      .post('/')
      .set('Content-Type', 'application/json')
      .send(deepJson(51));
    expect(res.status).to.equal(400);
    expect(res.body).to.deep.equal({ code: 'BODY_TOO_DEEP' });
  });

  it('accepts a body at the limit, any body without a limit, and exempt bodies', async () => {
    expect(
      (
        await request(app({ maxDepth: 50 }))
          .post('/')
          .set('Content-Type', 'application/json')
          .send(deepJson(49))
      ).status,
    ).to.equal(200);
    expect((await request(app({})).post('/').set('Content-Type', 'application/json').send(deepJson(5000))).status).to.equal(200);
    const exempt = app({ maxDepth: 5, depthExempt: (b) => Array.isArray(b) });
    expect((await request(exempt).post('/').set('Content-Type', 'application/json').send('[[[[[[[[1]]]]]]]]')).status).to.equal(200);
  });
});
