/**
 * Child process: "the raw limit". Boots the same LB3 app (so the same juggler
 * models, memory connector and seed data) but answers the benchmarked
 * requests from a bare `http` handler that calls the models directly: no
 * express, no routing table, no remoting, no hooks, no ACL engine.
 *
 *   node dist/bench/limit-runner.js <appDir>
 *
 * Reports `{ port }` over IPC and exits when the parent disconnects.
 */
import * as http from 'http';
import * as path from 'path';

const appDir = path.resolve(process.argv[2] || '.');
process.on('disconnect', () => process.exit(0));

type Models = Record<string, any>;

const PRODUCT_BY_ID = /^\/api\/Products\/(\d+)$/;
const PRODUCT_REVIEWS = /^\/api\/Products\/(\d+)\/reviews$/;
const NOTE_BY_ID = /^\/api\/Notes\/(\d+)$/;

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const notFound = (res: http.ServerResponse) => sendJson(res, 404, { error: { statusCode: 404, name: 'Error', message: 'Not found' } });
const unauthorized = (res: http.ServerResponse) =>
  sendJson(res, 401, { error: { statusCode: 401, name: 'Error', message: 'Authorization Required', code: 'AUTHORIZATION_REQUIRED' } });

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

async function handle(models: Models, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = req.url || '/';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const { Product, Note, AccessToken } = models;
  let m: RegExpExecArray | null;

  if (req.method === 'GET') {
    if (pathname === '/api/Products') {
      const filter = query.get('filter');
      return sendJson(res, 200, await Product.find(filter ? JSON.parse(filter) : {}));
    }
    if (pathname === '/api/Products/cheaper-than') {
      return sendJson(res, 200, await Product.cheaperThan(Number(query.get('max'))));
    }
    if ((m = PRODUCT_BY_ID.exec(pathname))) {
      const product = await Product.findById(Number(m[1]));
      return product ? sendJson(res, 200, product) : notFound(res);
    }
    if ((m = PRODUCT_REVIEWS.exec(pathname))) {
      const product = await Product.findById(Number(m[1]));
      return product ? sendJson(res, 200, await product.reviews.find()) : notFound(res);
    }
    if ((m = NOTE_BY_ID.exec(pathname))) {
      // the least an $owner check needs: token lookup + expiry, row lookup, owner compare
      const tokenId = req.headers.authorization;
      const token = tokenId ? await AccessToken.findById(tokenId) : null;
      if (!token || token.created.getTime() + token.ttl * 1000 < Date.now()) return unauthorized(res);
      const note = await Note.findById(Number(m[1]));
      if (!note || note.ownerId !== token.userId) return unauthorized(res);
      return sendJson(res, 200, note);
    }
  } else if (req.method === 'POST' && pathname === '/api/Products') {
    return sendJson(res, 200, await Product.create(await readJson(req)));
  }
  notFound(res);
}

function start(app: any): void {
  const models: Models = app.models;
  const server = http.createServer((req, res) => {
    handle(models, req, res).catch((err) => sendJson(res, 500, { error: { statusCode: 500, message: String(err && err.message) } }));
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    process.send!({ port });
  });
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const app = require(path.join(appDir, 'server', 'server.js'));
// loopback-boot sets `booting` to false once every phase ran, then emits `booted`.
if (app.booting === false) start(app);
else app.once('booted', () => start(app));
