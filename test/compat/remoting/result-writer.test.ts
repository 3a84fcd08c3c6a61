/** Response writing (catalogue §7 "Content type", void/204, http.status, file). */
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { buildResultWriter, renderXml, type Lb3Return } from '../../../compat/remoting';

function appFor(method: { returns?: Lb3Return[]; http?: { status?: number } }, result: unknown) {
  const write = buildResultWriter(method);
  const app = express();
  app.all('/m', (req, res) => write({ request: req, response: res, params: {}, state: {} } as any, result));
  return app;
}
const ROOT = [{ arg: 'r', type: 'object', root: true }];

describe('remoting result writer', () => {
  it('answers 204 without body or Content-Length but with the JSON content type for undefined results', async () => {
    const res = await request(appFor({ returns: [] }, undefined)).get('/m');
    expect(res.status).to.equal(204);
    expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(res.headers).to.not.have.property('content-length');
    expect(res.headers).to.not.have.property('etag');
    expect(res.text).to.equal('');
  });

  it('keeps http.status for a void method and sends Content-Length 0', async () => {
    const res = await request(appFor({ returns: [], http: { status: 201 } }, undefined)).get('/m');
    expect(res.status).to.equal(201);
    expect(res.headers['content-length']).to.equal('0');
  });

  it('sends JSON with express ETag and X-Powered-By, using http.status on success', async () => {
    const res = await request(appFor({ returns: ROOT, http: { status: 201 } }, { id: 7 })).get('/m');
    expect(res.status).to.equal(201);
    expect(res.text).to.equal('{"id":7}');
    expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(res.headers.etag).to.match(/^W\/"8-/);
    expect(res.headers['x-powered-by']).to.equal('Express');
  });

  it('sends null as JSON with 200', async () => {
    const res = await request(appFor({ returns: ROOT }, null)).get('/m');
    expect(res.status).to.equal(200);
    expect(res.text).to.equal('null');
  });

  for (const accept of ['text/html', 'application/xml', 'application/vnd.api+json']) {
    it(`answers 406 Not Acceptable (text/plain, with ETag) for Accept ${accept}`, async () => {
      const res = await request(appFor({ returns: ROOT }, { a: 1 }))
        .get('/m')
        .set('Accept', accept);
      expect(res.status).to.equal(406);
      expect(res.headers['content-type']).to.equal('text/plain; charset=utf-8');
      expect(res.text).to.equal('Not Acceptable');
      expect(res.headers.etag).to.be.a('string');
    });
  }

  it('answers JSONP for Accept text/javascript with ?callback', async () => {
    const res = await request(appFor({ returns: ROOT }, { a: 1 }))
      .get('/m?callback=cb')
      .set('Accept', 'text/javascript');
    expect(res.text).to.equal('/**/ typeof cb === \'function\' && cb({"a":1});');
    expect(res.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
  });

  it('lets ?_format=json override Accept and answers 406 for unknown formats', async () => {
    const app = appFor({ returns: ROOT }, { a: 1 });
    expect((await request(app).get('/m?_format=json').set('Accept', 'text/html')).text).to.equal('{"a":1}');
    expect((await request(app).get('/m?_format=bogus')).status).to.equal(406);
    expect((await request(app).get('/m?_format[x]=1')).status).to.equal(406);
  });

  it('answers XML for ?_format=xml even though XML is disabled', async () => {
    const res = await request(appFor({ returns: ROOT }, [{ a: 1 }, { a: undefined }])).get('/m?_format=xml');
    expect(res.headers['content-type']).to.equal('text/xml; charset=utf-8');
    expect(res.text).to.equal(
      '<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <result>\n    <a>1</a>\n  </result>\n' +
        '  <result>\n    <a>undefined</a>\n  </result>\n</response>',
    );
  });

  it('sends a file result raw, without ETag', async () => {
    const res = await request(appFor({ returns: [{ arg: 'b', type: 'file', root: true }] }, 'raw'))
      .get('/m')
      .buffer(true)
      .parse((r, cb) => {
        let t = '';
        r.on('data', (c: Buffer) => {
          t += c;
        });
        r.on('end', () => cb(null, t));
      });
    expect(res.status).to.equal(200);
    expect(res.body).to.equal('raw');
    expect(res.headers['content-length']).to.equal('3');
    expect(res.headers).to.not.have.property('etag');
  });
});

describe('remoting XML renderer', () => {
  it('renders scalars, nested objects, arrays and escapes text', () => {
    expect(renderXml('hello')).to.equal('<?xml version="1.0" encoding="UTF-8"?>\n<response>hello</response>');
    expect(renderXml({ a: { b: ['x', 'y'] }, c: 'a<&b', e: '' }, { declaration: false })).to.equal(
      '<response>\n  <a>\n    <b>x</b>\n    <b>y</b>\n  </a>\n  <c>a&lt;&amp;b</c>\n  <e></e>\n</response>',
    );
    expect(renderXml([], { declaration: false })).to.equal('<response/>');
  });

  it('throws for keys that are not XML names', () => {
    expect(() => renderXml({ 'a b': 1 })).to.throw('name should not contain characters not allowed in XML names');
  });
});
