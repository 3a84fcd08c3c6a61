/**
 * The spec-and-URL gate (`compare --spec`): the LB3 app's own OpenAPI against
 * the candidate's /openapi.json, failing on any client-visible change. The
 * planted change (WRITES_PLANT=spec on the candidate only) disables
 * Book.deleteById and adds Book.summary.
 */
import { expect } from 'chai';
import { runComparison } from '../../compare/compare';
import { diffOpenApi, formatSpecDifference } from '../../compare/spec-diff';
import { fixtureDir } from '../support/paths';
import { runCli } from './cli-helpers';

const app = fixtureDir('writes');
const op = (over: Record<string, unknown> = {}) => ({
  operationId: 'Book.find',
  tags: ['Book'],
  description: 'prose',
  parameters: [{ name: 'filter', in: 'query', required: false, schema: { type: 'string' } }],
  responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Book' } } } } } },
  ...over,
});
const doc = (get: Record<string, unknown>, book: Record<string, unknown> = { properties: { title: { type: 'string' } } }) => ({
  paths: { '/api/Books': { get }, '/api/Books/{id}': { delete: op({ operationId: 'Book.deleteById' }) } },
  components: { schemas: { Book: book } },
});

describe('spec gate', function () {
  this.timeout(120000);

  describe('diffOpenApi', () => {
    it('finds nothing between equal documents, whatever their prose, key order, false defaults and shared $refs', () => {
      const b = doc(op({ description: 'other prose', tags: ['Book'], deprecated: false }));
      expect(diffOpenApi(doc(op()), JSON.parse(JSON.stringify(b)))).to.deep.equal([]);
      const shared = {
        ...doc(op({ parameters: [{ $ref: '#/components/parameters/filter' }] })),
        components: {
          schemas: { Book: { properties: { title: { type: 'string' } } } },
          parameters: { filter: { name: 'filter', in: 'query', required: false, schema: { type: 'string' } } },
        },
      };
      expect(diffOpenApi(doc(op()), shared)).to.deep.equal([]);
    });

    it('reports a removed operation, an added path, a parameter made required, a response schema and a model property changed', () => {
      const legacy = doc(op());
      const candidate = {
        paths: {
          '/api/Books': {
            get: op({
              parameters: [{ name: 'filter', in: 'query', required: true, schema: { type: 'string' } }],
              responses: { 200: { content: { 'application/json': { schema: { type: 'object' } } } } },
            }),
          },
          '/api/Books/{id}': {},
          '/api/Books/summary': { get: op({ operationId: 'Book.summary' }) },
        },
        components: { schemas: { Book: { properties: { title: { type: 'number' } } } } },
      };
      expect(diffOpenApi(legacy, candidate).map(formatSpecDifference)).to.deep.equal([
        'added path /api/Books/summary (GET)',
        'changed parameter GET /api/Books parameter query.filter: required: (absent) → true',
        'changed response GET /api/Books response 200: content.application/json.schema.items: {"$ref":"#/components/schemas/Book"} → (absent)',
        'changed response GET /api/Books response 200: content.application/json.schema.type: "array" → "object"',
        'removed operation DELETE /api/Books/{id}',
        'changed schema schema Book: properties.title.type: "string" → "number"',
      ]);
    });
  });

  describe('stock LB3 against lb3-shim', () => {
    it('passes when the shim serves the unmodified app', async () => {
      const report = await runComparison({ scenario: { steps: [] }, legacy: { app, kind: 'stock' }, candidate: { app, kind: 'shim' }, spec: true });
      expect(report.spec!.differences).to.deep.equal([]);
      expect(report.spec!.operations.legacy).to.be.greaterThan(30);
      expect(report.spec!.operations.candidate).to.equal(report.spec!.operations.legacy);
    });

    it('finds no client-visible difference with Book served natively on the library fixture', async () => {
      const library = fixtureDir('library');
      const report = await runComparison({
        scenario: { steps: [] },
        legacy: { app: library, kind: 'stock' },
        candidate: { app: library, kind: 'shim', env: { LB3_SHIM_MODELS: 'Book=native' } },
        spec: true,
      });
      expect(report.spec!.differences.map(formatSpecDifference)).to.deep.equal([]);
      expect(report.spec!.operations.legacy).to.be.greaterThan(30);
      expect(report.spec!.operations.candidate).to.equal(report.spec!.operations.legacy);
    });

    it('fails with exit 1 and prints each difference when the candidate disabled a route and added one', async () => {
      const { code, stdout, stderr } = await runCli(['compare', 'test/fixtures/lb3/writes', '--spec', '--candidate-env', 'WRITES_PLANT=spec']);
      expect(stderr).to.equal('');
      expect(stdout).to.contain('DIFF  spec: 2 client-visible changes');
      expect(stdout).to.contain('- added path /api/Books/summary (GET)');
      expect(stdout).to.contain('- removed operation DELETE /api/Books/{id}');
      expect(stdout).to.match(/\nthe spec has 2 client-visible changes \(\d+ ms\)\n$/);
      expect(code).to.equal(1);
    });
  });
});
