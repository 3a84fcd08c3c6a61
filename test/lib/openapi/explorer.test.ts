import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { explorerRouter } from '../../../lib/rest/explorer';

describe('explorerRouter', () => {
  const app = express();
  app.use('/explorer', explorerRouter({ specUrl: '/openapi.json', title: 'Shop <API>' }));

  it('serves an HTML page loading swagger-ui assets from the mount path', async () => {
    const res = await request(app)
      .get('/explorer/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(res.text).to.contain('<title>Shop &#60;API&#62;</title>');
    expect(res.text).to.contain('src="/explorer/swagger-ui-bundle.js"');
    expect(res.text).to.contain('href="/explorer/swagger-ui.css"');
    expect(res.text).to.contain('src="/explorer/swagger-initializer.js"');
  });

  it('serves the page on the mount path without a trailing slash', async () => {
    const res = await request(app)
      .get('/explorer')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(res.text).to.contain('src="/explorer/swagger-ui-bundle.js"');
  });

  it('serves an initializer that loads the spec url instead of the petstore demo', async () => {
    const res = await request(app)
      .get('/explorer/swagger-initializer.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    expect(res.text).to.contain('url: "/openapi.json"');
    expect(res.text).to.not.contain('petstore');
  });

  it('serves the swagger-ui-dist static files', async () => {
    const res = await request(app)
      .get('/explorer/swagger-ui-bundle.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    expect(res.text.length).to.be.greaterThan(100000);
    await request(app).get('/explorer/swagger-ui.css').expect(200).expect('Content-Type', /css/);
  });

  it('answers 404 for files that do not exist', async () => {
    await request(app).get('/explorer/nope.js').expect(404);
  });
});
