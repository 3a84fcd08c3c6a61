import { expect } from 'chai';
import supertest from 'supertest';
import * as fs from 'fs';
import * as path from 'path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createProductApp, trace } from './product.app';
import type { Application } from '../../../index';
import { projectRoot } from '../../support/paths';

describe('native app (lib/ only): Product CRUD over HTTP', () => {
  let app: Application;
  let request: ReturnType<typeof supertest>;

  beforeEach(async () => {
    app = createProductApp();
    await app.start();
    request = supertest(app.restServer.url!);
    trace.length = 0;
  });
  afterEach(() => app.stop());

  async function createProduct(name = 'Pen', price = 10) {
    const res = await request.post('/products').send({ name, price }).expect(200);
    return res.body as { id: number; name: string; price: number };
  }

  it('creates and reads a product (200) and lists it', async () => {
    const p = await createProduct();
    expect(p).to.include({ name: 'Pen', price: 10 });
    await request.get(`/products/${p.id}`).expect(200, { id: p.id, name: 'Pen', price: 10 });
    const list = await request.get('/products').expect(200);
    expect(list.body).to.have.length(1);
  });

  it('applies an LB3-style filter from the query string', async () => {
    await createProduct('A', 1);
    await createProduct('B', 2);
    const res = await request
      .get('/products')
      .query({ filter: JSON.stringify({ where: { price: { gt: 1 } } }) })
      .expect(200);
    expect(res.body.map((p: { name: string }) => p.name)).to.deep.equal(['B']);
  });

  it('answers 204 for updates and 404 for a missing id', async () => {
    const p = await createProduct();
    await request.patch(`/products/${p.id}`).send({ price: 12 }).expect(204);
    await request
      .get(`/products/${p.id}`)
      .expect(200)
      .expect((res) => expect(res.body.price).to.equal(12));
    const missing = await request.get('/products/999').expect(404);
    expect(missing.body.error).to.include({ statusCode: 404, code: 'ENTITY_NOT_FOUND' });
  });

  it('answers 422 with details when the body violates the schema', async () => {
    const res = await request.post('/products').send({ name: 'NoPrice' }).expect(422);
    expect(res.body.error.statusCode).to.equal(422);
    expect(JSON.stringify(res.body.error.details)).to.contain('price');
  });

  it('answers 400 naming the argument when a path value cannot be coerced', async () => {
    const res = await request.get('/products/abc').expect(400);
    expect(res.body.error.message).to.contain('id');
  });

  it('answers 400 naming a missing required query argument', async () => {
    const p = await createProduct();
    const res = await request.get(`/products/${p.id}/discount`).expect(400);
    expect(res.body.error.message).to.contain('percent');
  });

  it('answers 401 without credentials, 401 for a bad token, 403 for a non-admin, 200 for an admin', async () => {
    const p = await createProduct();
    await request.delete(`/products/${p.id}`).expect(401);
    const bad = await request.delete(`/products/${p.id}`).set('Authorization', 'Bearer bad').expect(401);
    expect(bad.body.error.code).to.equal('INVALID_TOKEN');
    await request.delete(`/products/${p.id}`).set('Authorization', 'Bearer bob').expect(403);
    await request.delete(`/products/${p.id}`).set('Authorization', 'Bearer admin').expect(204);
    await request.get(`/products/${p.id}`).expect(404);
  });

  it('runs global then method interceptors around the call, and the method interceptor rewrites the result', async () => {
    const p = await createProduct('Pen', 9.99);
    trace.length = 0;
    const res = await request.get(`/products/${p.id}/discount`).query({ percent: 33 }).expect(200);
    expect(res.body.price).to.equal(6.69);
    expect(trace).to.deep.equal(['global:before', 'method:before', 'invoke', 'method:after', 'global:after']);
  });

  it('lets a method interceptor replace the error', async () => {
    const res = await request.get('/products/999/discount').query({ percent: 10 }).expect(404);
    expect(res.body.error).to.include({ message: 'No such product to discount', code: 'NO_PRODUCT' });
  });

  it('keeps per-request scopes isolated under 50 concurrent requests', async () => {
    const users = Array.from({ length: 50 }, (_, i) => `user${i}`);
    const answers = await Promise.all(
      users.map((u, i) =>
        request
          .get('/me')
          .query({ delay: (i * 7) % 20 })
          .set('Authorization', `Bearer ${u}`)
          .expect(200),
      ),
    );
    answers.forEach((res, i) => expect(res.body.principal.id).to.equal(users[i]));
  });

  it('completes a request that is in flight when the app stops', async () => {
    const other = createProductApp();
    await other.start();
    const done = supertest(other.restServer.url!)
      .get('/me')
      .query({ delay: 300 })
      .set('Authorization', 'Bearer late')
      .then((r) => r);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.stop();
    const res = await done;
    expect(res.status).to.equal(200);
    expect(res.body.principal.id).to.equal('late');
    expect(other.state).to.equal('stopped');
  });

  it('serves a valid OpenAPI 3.0 document listing every route', async () => {
    const res = await request.get('/openapi.json').expect(200);
    const doc = res.body;
    expect(doc.openapi).to.match(/^3\.0\./);
    await SwaggerParser.validate(JSON.parse(JSON.stringify(doc)));
    const listed = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([p, ops]) => Object.keys(ops).map((v) => `${v.toUpperCase()} ${p}`))
      .sort();
    const routes = app.restServer
      .routes()
      .map((r) => `${r.verb.toUpperCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(listed).to.deep.equal(routes);
  });

  it('serves the API explorer page', async () => {
    const res = await request.get('/explorer/').expect(200);
    expect(res.text).to.contain('swagger-ui');
    const init = await request.get('/explorer/swagger-initializer.js').expect(200);
    expect(init.text).to.contain('/openapi.json');
  });
});

describe('docs/architecture.md', () => {
  it('shows the native app example exactly as the test suite runs it', () => {
    const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'architecture.md'), 'utf8');
    const source = fs.readFileSync(path.join(projectRoot, 'test', 'acceptance', 'native-app', 'product.app.ts'), 'utf8');
    const m = /<!-- example: test\/acceptance\/native-app\/product\.app\.ts -->\n```ts\n([\s\S]*?)```/.exec(doc);
    expect(m, 'example block in docs/architecture.md').to.not.equal(null);
    expect(m![1]).to.equal(source);
  });
});
