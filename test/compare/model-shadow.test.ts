/** Shadow mode per LB3 model on a shim: reads of the configured models are replayed against a secondary, writes never. */
import { expect } from 'chai';
import * as http from 'http';
import { createShim, type Shim } from '../../compat/create-shim';
import { shadowLb3Models, type ModelShadow } from '../../compare/model-shadow';
import { fixtureDir } from '../support/paths';

function request(url: string, method = 'GET', body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    http
      .request(url, { method, agent: false, headers: payload ? { 'Content-Type': 'application/json' } : {} }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      })
      .on('error', reject)
      .end(payload);
  });
}

describe('shadowLb3Models', function () {
  this.timeout(60000);
  let shim: Shim;
  let shadow: ModelShadow;
  const secondaryCalls: string[] = [];
  const mismatched: Array<{ model: string; differences: string[] }> = [];

  before(async () => {
    // a "rewrite" that answers Products like LB3, except for the price of product 2
    const secondary: http.RequestListener = (req, res) => {
      secondaryCalls.push(`${req.method} ${req.url}`);
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('X-Powered-By', 'Express');
      const id = Number(/\/api\/Products\/(\d+)/.exec(req.url!)?.[1]);
      shim.lb3App.models.Product.findById(id).then((p: any) => {
        const json = p.toJSON();
        if (id === 2) json.price = 999;
        res.end(JSON.stringify(json));
      });
    };
    // shadowing is installed on a built shim, as an app would in production
    shim = await createShim({ appDir: fixtureDir('demo') }, { port: 0, host: '127.0.0.1' });
    shadow = shadowLb3Models(
      shim,
      { Product: { secondary: { handler: secondary } } },
      {
        onMismatch: (m) => mismatched.push({ model: m.model, differences: m.differences }),
      },
    );
    await shim.start();
  });
  after(async () => {
    await shim?.stop();
    await shadow?.close();
  });

  it('answers a shadowed GET from the shim and counts a mismatch when the secondary differs', async () => {
    const res = await request(`${shim.url}/api/Products/2`);
    expect(res.status).to.equal(200);
    expect(JSON.parse(res.body)).to.include({ id: 2, price: 4.25 });
    await shadow.idle();
    expect(secondaryCalls).to.deep.equal(['GET /api/Products/2']);
    expect(mismatched).to.have.length(1);
    expect(mismatched[0].model).to.equal('Product');
    expect(mismatched[0].differences).to.deep.equal(['body.price: primary=4.25 secondary=999']);
    expect(shadow.mismatchesByModel).to.deep.equal({ Product: 1 });
  });

  it('counts a match when the secondary agrees', async () => {
    const before = shadow.stats.matched;
    await request(`${shim.url}/api/Products/1`);
    await shadow.idle();
    expect(shadow.stats.matched).to.equal(before + 1);
  });

  it('does not shadow writes nor models left out of the configuration', async () => {
    secondaryCalls.length = 0;
    expect((await request(`${shim.url}/api/Products`, 'POST', { name: 'Glue', price: 1 })).status).to.equal(200);
    expect((await request(`${shim.url}/api/Products/1`, 'PATCH', { price: 13 })).status).to.equal(200);
    expect((await request(`${shim.url}/api/Categories/1`)).status).to.equal(200);
    await shadow.idle();
    expect(secondaryCalls).to.deep.equal([]);
  });

  it('names an unknown model', () => {
    expect(() => shadowLb3Models(shim, { Nope: { secondary: { url: 'http://127.0.0.1:1' } } })).to.throw(
      /Cannot shadow model "Nope": the LB3 app has no such model/,
    );
  });
});
