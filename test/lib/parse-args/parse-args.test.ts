import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { HttpError } from '../../../lib/errors/http-error';
import { buildArgParser } from '../../../lib/rest/parse-args';
import type { OperationObject, RequestContext } from '../../../lib/rest/types';

interface Input {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A RequestContext carrying only what the parser reads; a body sets content-length like a real request. */
function ctx(input: Input): RequestContext {
  const headers: Record<string, string> = { ...input.headers };
  if (input.body !== undefined && !('content-length' in headers)) headers['content-length'] = '10';
  return {
    params: input.params ?? {},
    request: { query: input.query ?? {}, headers, body: input.body ?? {} },
  } as unknown as RequestContext;
}

function op(parameters: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): OperationObject {
  return { operationId: 'T.m', parameters, ...extra };
}

function q(name: string, schema: Record<string, unknown>, required = false) {
  return { name, in: 'query', schema, required };
}

function caught(fn: () => unknown): HttpError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(HttpError);
    return err as HttpError;
  }
  throw new Error('expected an HttpError');
}

describe('buildArgParser', () => {
  it('returns one shared frozen empty array for operations without arguments', () => {
    const parse = buildArgParser({ operationId: 'T.none', responses: {} });
    const a = parse(ctx({}));
    expect(a).to.deep.equal([]);
    expect(Object.isFrozen(a)).to.equal(true);
    expect(buildArgParser({})(ctx({}))).to.equal(a);
  });

  describe('coercion of query, path and header values', () => {
    const table: Array<[string, Record<string, unknown>, unknown, unknown]> = [
      ['number', { type: 'number' }, '4.5', 4.5],
      ['integer', { type: 'integer' }, '42', 42],
      ['boolean true', { type: 'boolean' }, 'true', true],
      ['boolean false', { type: 'boolean' }, 'false', false],
      ['string', { type: 'string' }, 'abc', 'abc'],
      ['object from JSON', { type: 'object' }, '{"where":{"a":1}}', { where: { a: 1 } }],
      ['object from qs brackets', { type: 'object' }, { where: { a: '1' } }, { where: { a: '1' } }],
      ['typed object leaves', { type: 'object', properties: { limit: { type: 'integer' } } }, { limit: '5' }, { limit: 5 }],
      ['array of repeated values', { type: 'array', items: { type: 'number' } }, ['1', '2'], [1, 2]],
      ['array from a single value', { type: 'array', items: { type: 'number' } }, '3', [3]],
      ['array from JSON', { type: 'array', items: { type: 'string' } }, '["a","b"]', ['a', 'b']],
      ['date-time string', { type: 'string', format: 'date-time' }, '2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
    ];
    for (const [label, schema, raw, expected] of table) {
      it(`coerces ${label}: ${JSON.stringify(raw)} → ${JSON.stringify(expected)}`, () => {
        expect(buildArgParser(op([q('x', schema)]))(ctx({ query: { x: raw } }))).to.deep.equal([expected]);
      });
    }

    it('reads path params and headers (case-insensitive) in parameter order', () => {
      const parse = buildArgParser(
        op([
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          q('n', { type: 'number' }),
        ]),
      );
      expect(parse(ctx({ params: { id: '12' }, headers: { 'x-trace': 't1' }, query: { n: '1e3' } }))).to.deep.equal([12, 't1', 1000]);
    });

    it('leaves optional missing values undefined and applies schema defaults', () => {
      const parse = buildArgParser(op([q('a', { type: 'number' }), q('b', { type: 'integer', default: 10 })]));
      expect(parse(ctx({}))).to.deep.equal([undefined, 10]);
    });

    const invalid: Array<[string, Record<string, unknown>, unknown, RegExp]> = [
      ['number', { type: 'number' }, 'abc', /Invalid argument "x": must be number/],
      ['integer', { type: 'integer' }, '1.5', /Invalid argument "x": must be integer/],
      ['boolean', { type: 'boolean' }, 'yes', /Invalid argument "x": must be boolean/],
      ['object JSON', { type: 'object' }, '{bad', /Invalid argument "x": not valid JSON/],
      ['object from a number', { type: 'object' }, '5', /Invalid argument "x": must be object/],
      ['array item', { type: 'array', items: { type: 'integer' } }, ['1', 'z'], /Invalid argument "x": 1 must be integer/],
      ['nested property', { type: 'object', properties: { limit: { type: 'integer' } } }, { limit: 'a' }, /Invalid argument "x": limit must be integer/],
      ['format', { type: 'string', format: 'date-time' }, 'yesterday', /Invalid argument "x": must match format "date-time"/],
    ];
    for (const [label, schema, raw, message] of invalid) {
      it(`answers 400 INVALID_ARGUMENT for an invalid ${label}`, () => {
        const err = caught(() => buildArgParser(op([q('x', schema)]))(ctx({ query: { x: raw } })));
        expect(err.statusCode).to.equal(400);
        expect(err.code).to.equal('INVALID_ARGUMENT');
        expect(err.message).to.match(message);
      });
    }

    it('answers 400 MISSING_REQUIRED_ARGUMENT naming a missing required query or path argument', () => {
      let err = caught(() => buildArgParser(op([q('x', { type: 'string' }, true)]))(ctx({})));
      expect([err.statusCode, err.code, err.message]).to.deep.equal([400, 'MISSING_REQUIRED_ARGUMENT', 'Required argument "x" is missing.']);
      err = caught(() => buildArgParser(op([{ name: 'id', in: 'path', schema: { type: 'number' } }]))(ctx({})));
      expect(err.message).to.equal('Required argument "id" is missing.');
    });

    it('fails at build time when a schema cannot be compiled', () => {
      expect(() => buildArgParser(op([q('x', { $ref: '#/components/schemas/Nope' })]))).to.throw(/T.m: cannot compile the schema of parameter "x"/);
    });
  });

  describe('request body', () => {
    const bodyOp = op([{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], {
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, price: { type: 'number' } } },
          },
        },
      },
      'x-body-index': 0,
    });
    const parse = buildArgParser(bodyOp);

    it('inserts a valid body at x-body-index', () => {
      const body = { name: 'pen', price: 2 };
      const args = parse(ctx({ params: { id: '3' }, body }));
      expect(args).to.deep.equal([body, 3]);
      expect(args[0]).to.equal(body);
    });

    it('puts the body after the parameters without x-body-index', () => {
      const { 'x-body-index': _ignored, ...rest } = bodyOp;
      expect(buildArgParser(rest)(ctx({ params: { id: '3' }, body: { name: 'a' } }))).to.deep.equal([3, { name: 'a' }]);
    });

    it('answers 422 INVALID_BODY listing every ajv error, without coercing strings', () => {
      const err = caught(() => parse(ctx({ params: { id: '3' }, body: { price: '2' } })));
      expect(err.statusCode).to.equal(422);
      expect(err.code).to.equal('INVALID_BODY');
      expect(err.message).to.equal("The request body is invalid: must have required property 'name'; /price must be number");
      expect(err.details).to.deep.equal([
        { path: '', code: 'required', message: "must have required property 'name'", info: { missingProperty: 'name' } },
        { path: '/price', code: 'type', message: 'must be number', info: { type: 'number' } },
      ]);
    });

    it('answers 400 when a required body is missing (body-parser left an empty object)', () => {
      const noBody = { params: { id: '3' }, request: { query: {}, headers: {}, body: {} } } as unknown as RequestContext;
      const err = caught(() => parse(noBody));
      expect([err.statusCode, err.code, err.message]).to.deep.equal([400, 'MISSING_REQUIRED_ARGUMENT', 'Required argument "body" is missing.']);
    });

    it('validates a sent empty object against the schema', () => {
      const err = caught(() => parse(ctx({ params: { id: '3' }, body: {}, headers: { 'content-length': '2' } })));
      expect(err.statusCode).to.equal(422);
    });

    it('passes undefined for an optional body that was not sent', () => {
      const p = buildArgParser({ requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } });
      expect(p({ params: {}, request: { query: {}, headers: {}, body: undefined } } as unknown as RequestContext)).to.deep.equal([undefined]);
    });
  });
});

describe('buildArgParser with real express requests', () => {
  const parse = buildArgParser({
    operationId: 'T.real',
    parameters: [
      { name: 'filter', in: 'query', schema: { type: 'object' } },
      { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
  });
  const app = express();
  app.use(express.json());
  app.post('/t', (req, res) => {
    try {
      res.json(parse({ request: req, params: req.params } as unknown as RequestContext));
    } catch (err) {
      const e = err as HttpError;
      res.status(e.statusCode).json({ code: e.code, message: e.message });
    }
  });

  it('reads qs bracket objects, repeated values and the JSON body', async () => {
    const res = await request(app).post('/t?filter[where][name]=pen&ids=1&ids=2').send({ a: 1 }).expect(200);
    expect(res.body).to.deep.equal([{ where: { name: 'pen' } }, [1, 2], { a: 1 }]);
  });

  it('reads a JSON filter string and treats a request without body as missing the body', async () => {
    const ok = await request(app).post('/t?filter={"limit":2}').send({}).expect(200);
    expect(ok.body).to.deep.equal([{ limit: 2 }, null, {}]);
    const res = await request(app).post('/t?filter={"limit":2}').expect(400);
    expect(res.body).to.deep.equal({ code: 'MISSING_REQUIRED_ARGUMENT', message: 'Required argument "body" is missing.' });
  });
});
