import { expect } from 'chai';
import express from 'express';
import type { ErrorRequestHandler } from 'express';
import createHttpError from 'http-errors';
import request from 'supertest';
import sinon from 'sinon';
import { buildErrorData, JsonErrorWriter } from '../../../lib/errors/error-writer';
import type { JsonErrorWriterOptions } from '../../../lib/errors/error-writer';
import { HttpError } from '../../../lib/errors/http-error';

// The real strong-error-handler is the oracle here (tests only; the runtime never loads it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const strongErrorHandler: (options: object) => ErrorRequestHandler = require('strong-error-handler');

type ErrorFactory = () => unknown;

function withProps<T extends object>(target: T, props: Record<string, unknown>): T & Record<string, unknown> {
  return Object.assign(target, props);
}

/** Errors covering every branch of strong-error-handler's data builder. */
const ERRORS: Record<string, ErrorFactory> = {
  '4xx Error with code, details and an extra property': () =>
    withProps(new Error('Widget 7 is missing'), { statusCode: 404, code: 'NOT_FOUND', details: { id: 7 }, extra: 'x' }),
  'HttpError from the catalogue': () =>
    new HttpError(422, 'The request body is invalid: x', { code: 'INVALID_BODY', name: 'UnprocessableEntityError', details: [{ path: '/a' }] }),
  '5xx Error with a code': () => withProps(new Error('db exploded'), { statusCode: 500, code: 'E_DB' }),
  '503 Error with expose': () => withProps(new Error('try later'), { statusCode: 503, expose: true }),
  '503 Error without expose': () => withProps(new Error('secret reason'), { statusCode: 503 }),
  '418 with expose (reason phrase differs from Node)': () => withProps(new Error('short and stout'), { statusCode: 418, expose: true }),
  '413 Error': () => withProps(new Error('request entity too large'), { status: 413, type: 'entity.too.large', expose: true }),
  'status below 400': () => withProps(new Error('redirect?'), { statusCode: 302 }),
  'status property only': () => withProps(new Error('via status'), { status: 401 }),
  'Error without status': () => new Error('plain failure'),
  'http-errors NotFound': () => createHttpError(404, 'no such thing'),
  'array of errors': () => [withProps(new Error('first'), { statusCode: 400 }), 'second', { message: 'third', statusCode: 422 }],
  'string error': () => 'a string error',
  'number error': () => 404,
  'plain object error': () => ({ message: 'plain object', statusCode: 422, code: 'P' }),
  'falsy and null properties': () => withProps(new Error('falsy'), { statusCode: 400, zero: 0, no: false, nil: null, empty: '' }),
  'HTML special characters': () => withProps(new Error('<b>"bold" & \'quoted\' `x`=y</b>'), { statusCode: 400, name: 'Err<&>' }),
  'nested details': () =>
    withProps(new Error('nested'), {
      statusCode: 422,
      details: { codes: { name: ['presence', 'length'] }, list: [1, [2, 3], { q: 'a]]>b<c' }], empty: {}, none: [] },
    }),
  'circular property': () => {
    const err = withProps(new Error('loop'), { statusCode: 400, details: { a: 1 } as Record<string, unknown> });
    (err.details as Record<string, unknown>).self = err.details;
    return err;
  },
};

/** The core writer answers JSON only; strong-error-handler answers JSON for these too. */
const FORMATS: Record<string, { accept?: string; query?: string }> = {
  'default JSON': {},
  'Accept: application/json': { accept: 'application/json' },
  'Accept: text/plain': { accept: 'text/plain' },
  '?_format=json': { query: '?_format=json' },
};

function appThrowing(error: unknown, errorHandler: ErrorRequestHandler): express.Express {
  const app = express();
  app.get('/fail', (_req, _res, next) => next(error));
  app.use(errorHandler);
  return app;
}

async function fetch(app: express.Express, format: { accept?: string; query?: string }) {
  const req = request(app)
    .get(`/fail${format.query ?? ''}`)
    .buffer(true)
    .parse((res, cb) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => cb(null, text));
    });
  if (format.accept) req.set('Accept', format.accept);
  const res = await req;
  return {
    status: res.status,
    body: res.body as string,
    headers: {
      'content-type': res.headers['content-type'],
      'x-content-type-options': res.headers['x-content-type-options'],
      'x-warning': res.headers['x-warning'],
      'x-powered-by': res.headers['x-powered-by'],
      etag: res.headers.etag,
    },
  };
}

describe('JsonErrorWriter (compared with strong-error-handler 6.0.2 JSON)', () => {
  for (const mode of ['production', 'debug'] as const) {
    const options: JsonErrorWriterOptions = { debug: mode === 'debug', log: false };
    describe(`${mode} mode`, () => {
      for (const [errorName, makeError] of Object.entries(ERRORS)) {
        for (const [formatName, format] of Object.entries(FORMATS)) {
          it(`writes "${errorName}" as ${formatName} exactly like strong-error-handler`, async () => {
            const error = makeError();
            const ours = new JsonErrorWriter(options);
            const expected = await fetch(appThrowing(error, strongErrorHandler(options)), format);
            const actual = await fetch(
              appThrowing(error, (err, req, res, _next) => ours.write(err, req, res)),
              format,
            );
            expect(actual).to.deep.equal(expected);
            expect(actual.status).to.be.at.least(400);
          });
        }
      }
    });
  }

  it('answers JSON even when the client asks for HTML or XML', async () => {
    const error = withProps(new Error('nope'), { statusCode: 404 });
    for (const format of [{ accept: 'text/html' }, { accept: 'application/xml' }, { query: '?_format=xml' }]) {
      const res = await fetch(
        appThrowing(error, (err, req, res, _next) => new JsonErrorWriter({ log: false }).write(err, req, res)),
        format,
      );
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8');
      expect(JSON.parse(res.body)).to.deep.equal({ error: { statusCode: 404, name: 'Error', message: 'nope' } });
    }
  });

  it('masks a 5xx in production mode and names the reason phrase', () => {
    const data = buildErrorData(withProps(new Error('secret'), { statusCode: 503, code: 'X' }), {});
    expect({ ...data }).to.deep.equal({ statusCode: 503, message: 'Service Unavailable' });
  });

  it('keeps 4xx keys in the order statusCode, name, message, code, details', () => {
    const data = buildErrorData(new HttpError(400, 'bad', { code: 'C', details: 1 }), {});
    expect(Object.keys(data)).to.deep.equal(['statusCode', 'name', 'message', 'code', 'details']);
  });

  it('adds safeFields in production mode like strong-error-handler', async () => {
    const options = { safeFields: ['extra', 'code'], log: false };
    const error = withProps(new Error('boom'), { statusCode: 500, extra: 'visible', code: 'E' });
    const expected = await fetch(appThrowing(error, strongErrorHandler(options)), {});
    const actual = await fetch(
      appThrowing(error, (err, req, res, _next) => new JsonErrorWriter(options).write(err, req, res)),
      {},
    );
    expect(actual).to.deep.equal(expected);
    expect(JSON.parse(actual.body)).to.deep.equal({ error: { statusCode: 500, message: 'Internal Server Error', extra: 'visible', code: 'E' } });
  });

  it('prints "[Circular]" for a self-referencing property', async () => {
    const error = ERRORS['circular property']();
    const res = await fetch(
      appThrowing(error, (err, req, res, _next) => new JsonErrorWriter({ log: false }).write(err, req, res)),
      {},
    );
    expect(JSON.parse(res.body).error.details).to.deep.equal({ a: 1, self: '[Circular]' });
  });

  it('logs the failed request to stderr unless log is false', async () => {
    const stub = sinon.stub(console, 'error');
    try {
      await fetch(
        appThrowing(new Error('logged'), (err, req, res, _next) => new JsonErrorWriter({}).write(err, req, res)),
        { query: '?a=1' },
      );
      await fetch(
        appThrowing(new Error('quiet'), (err, req, res, _next) => new JsonErrorWriter({ log: false }).write(err, req, res)),
        {},
      );
    } finally {
      stub.restore();
    }
    expect(stub.callCount).to.equal(1);
    expect(stub.firstCall.args[0]).to.match(/^Request GET \/fail\?a=1 failed: Error: logged\n {4}at /);
  });

  it('logs an array of errors one per line', async () => {
    const stub = sinon.stub(console, 'error');
    try {
      await fetch(
        appThrowing(['one', 'two'], (err, req, res, _next) => new JsonErrorWriter({}).write(err, req, res)),
        {},
      );
    } finally {
      stub.restore();
    }
    expect(stub.firstCall.args).to.deep.equal(['Request GET /fail failed with multiple errors:\n', 'one\ntwo']);
  });

  it('destroys the socket when the response was already sent', async () => {
    const app = express();
    const writer = new JsonErrorWriter({ log: false });
    app.get('/half', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
      writer.write(new Error('late'), req, res);
    });
    const error = await request(app)
      .get('/half')
      .then(
        () => undefined,
        (err: Error) => err,
      );
    expect(error?.message).to.match(/aborted|socket hang up|ECONNRESET/);
  });
});
