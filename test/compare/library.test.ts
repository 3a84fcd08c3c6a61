/** The comparison library's pure parts: scenarios, variables, paths, diffs, noise and the side-by-side view. */
import { expect } from 'chai';
import { sideBySide } from '../../compare/html-report';
import { NoiseFilter } from '../../compare/noise';
import { DEFAULT_RULES, normalizeJson, OBJECT_ID_PLACEHOLDER, UUID_PLACEHOLDER } from '../../compare/normalize';
import { compilePatterns, getPath, isIgnored } from '../../compare/paths';
import { diffCaptured, formatDifference, ignorePatterns } from '../../compare/response-diff';
import { parseScenario, ScenarioError } from '../../compare/scenario.loader';
import type { CapturedResponse } from '../../compare/types';
import { VariableScope } from '../../compare/variables';

const res = (over: Partial<CapturedResponse> = {}): CapturedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: { id: 1, name: 'a', tags: ['x'] },
  rawBody: '',
  ...over,
});

describe('compare library', () => {
  describe('parseScenario', () => {
    it('reads JSON and YAML and names steps "METHOD path" by default', () => {
      const json = parseScenario('{"steps":[{"method":"get","path":"/api/A"}],"ignore":["body.id"]}');
      expect(json.steps[0]).to.deep.equal({ name: 'GET /api/A', method: 'GET', path: '/api/A' });
      expect(json.ignore).to.deep.equal(['body.id']);
      const yaml = parseScenario(
        'steps:\n  - name: login\n    method: POST\n    path: /api/Users/login\n    body: { email: a@b.c }\n    save: { token: id }\n',
        { format: 'yaml' },
      );
      expect(yaml.steps[0]).to.deep.equal({ name: 'login', method: 'POST', path: '/api/Users/login', body: { email: 'a@b.c' }, save: { token: 'id' } });
    });

    it('rejects malformed steps naming the file, step and field', () => {
      const bad = (text: string) => () => parseScenario(text, { source: 's.json' });
      expect(bad('{"steps":{}}')).to.throw(ScenarioError, 's.json: "steps" must be an array');
      expect(bad('{"steps":[{"method":"GET","path":"x"}]}')).to.throw('s.json: steps[0]: "path" must be a string starting with "/"');
      expect(bad('{"steps":[{"method":"GET","path":"/x","bdy":1}]}')).to.throw('s.json: steps[0]: unknown field "bdy"');
      expect(bad('{"steps":[{"method":"GET","path":"/x","body":1,"rawBody":"1"}]}')).to.throw('steps[0] (GET /x): use either "body" or "rawBody", not both');
      expect(bad('{"steps":[],"ignore":["id"]}')).to.throw('ignore[0] "id" must be "status", "headers.<name>", "body", "body.<path>" or "data.<Model>.<path>"');
      expect(bad('{"steps": [')).to.throw(/^s\.json: not valid JSON/);
    });
  });

  describe('variables', () => {
    it('substitutes ${var} in path, headers and body, keeps numbers typed, and sends `as` as Authorization', () => {
      const scope = new VariableScope({ base: '/api' });
      const notes: string[] = [];
      scope.save(
        { name: 'login', method: 'POST', path: '/x', save: { token: 'id', uid: 'userId', missing: 'nope' } },
        '{"id":"tok","userId":7}',
        'legacy',
        notes,
      );
      expect(notes).to.deep.equal(['save missing: no value at "nope" in the legacy response']);
      const req = scope.requestFor(
        {
          name: 's',
          method: 'patch',
          path: '${base}/Users/${uid}?x=${unset}',
          headers: { 'X-User': 'u-${uid}' },
          body: { owner: '${uid}', text: 'by ${uid}' },
          as: 'token',
        },
        notes,
      );
      expect(req).to.deep.include({
        method: 'PATCH',
        path: '/api/Users/7?x=${unset}',
        headers: { 'X-User': 'u-7', Authorization: 'tok' },
        json: { owner: 7, text: 'by 7' },
      });
      expect(notes).to.include('variable "unset" is not set');
    });
  });

  describe('paths', () => {
    it('matches exact paths, subtrees, * and ** patterns', () => {
      const p = compilePatterns(['body.items.*.createdAt', 'body.**.token', 'headers.X-Request-Id', 'status']);
      expect(isIgnored(['body', 'items', '3', 'createdAt'], p)).to.equal(true);
      expect(isIgnored(['body', 'items', '3', 'name'], p)).to.equal(false);
      expect(isIgnored(['body', 'token'], p)).to.equal(true);
      expect(isIgnored(['body', 'a', 'b', 'token', 'x'], p)).to.equal(true);
      expect(isIgnored(['headers', 'x-request-id'], p)).to.equal(true);
      expect(isIgnored(['status'], p)).to.equal(true);
      expect(getPath({ a: [{ id: 5 }] }, 'a.0.id')).to.equal(5);
      expect(getPath({ a: 1 }, 'a.b')).to.equal(undefined);
    });
  });

  describe('diffCaptured', () => {
    it('reports status, headers and each differing body leaf with its path', () => {
      const diffs = diffCaptured(
        res(),
        res({ status: 201, headers: { 'content-type': 'text/html' }, body: { id: 1, name: 'b', tags: ['x', 'y'], extra: true } }),
      );
      expect(diffs.map((d) => formatDifference(d))).to.deep.equal([
        'status: legacy=200 candidate=201',
        'headers.content-type: legacy="application/json; charset=utf-8" candidate="text/html"',
        'body.name: legacy="a" candidate="b"',
        'body.tags.1: legacy=(absent) candidate="y"',
        'body.extra: legacy=(absent) candidate=true',
      ]);
    });

    it('reports key order, and nothing for equal responses', () => {
      expect(diffCaptured(res(), res())).to.deep.equal([]);
      const diffs = diffCaptured(res({ body: { a: 1, b: 2 } }), res({ body: { b: 2, a: 1 } }));
      expect(diffs).to.deep.equal([{ kind: 'key-order', path: 'body', legacy: '["a","b"]', candidate: '["b","a"]' }]);
      expect(diffCaptured(res({ body: { a: 1, b: 2 } }), res({ body: { b: 2, a: 1 } }), { keyOrder: false })).to.deep.equal([]);
    });

    it('skips ignored paths and their subtrees', () => {
      const diffs = diffCaptured(res({ body: { id: 1, meta: { at: 1 } } }), res({ body: { id: 2, meta: { at: 2 } }, status: 500 }), {
        ignore: ignorePatterns(['body.meta', 'status']),
      });
      expect(diffs.map((d) => d.path)).to.deep.equal(['body.id']);
    });

    it('compares non-JSON bodies as text', () => {
      expect(diffCaptured(res({ body: '<p>a</p>' }), res({ body: '<p>b</p>' })).map((d) => formatDifference(d))).to.deep.equal([
        'body: legacy="<p>a</p>" candidate="<p>b</p>"',
      ]);
    });
  });

  describe('NoiseFilter', () => {
    it('drops differences at (or under) paths that differed between two legacy runs, and the body-derived headers with them', () => {
      const noise = new NoiseFilter(diffCaptured(res({ body: { r: 0.1, list: [1] } }), res({ body: { r: 0.2, list: [1, 2] } })));
      expect(noise.paths).to.deep.equal(['body.r', 'body.list.1', 'headers.content-length', 'headers.etag']);
      const real = diffCaptured(
        res({ headers: { 'content-length': '10' }, body: { r: 0.1, list: [1], name: 'a' } }),
        res({ headers: { 'content-length': '11' }, body: { r: 0.3, list: [1, 3], name: 'b' } }),
      );
      expect(noise.filter(real).map((d) => d.path)).to.deep.equal(['body.name']);
    });
  });

  it('DEFAULT_RULES also hide generated uuids and ObjectIds', () => {
    expect(normalizeJson({ a: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', b: '507f1f77bcf86cd799439011', c: 'plain' }, DEFAULT_RULES)).to.deep.equal({
      a: UUID_PLACEHOLDER,
      b: OBJECT_ID_PLACEHOLDER,
      c: 'plain',
    });
  });

  it('sideBySide pairs changed lines, marks changed words and folds long unchanged runs', () => {
    const left = ['{', ...Array.from({ length: 10 }, (_, i) => `  "k${i}": ${i},`), '  "x": "old"', '}'].join('\n');
    const right = left.replace('"old"', '"new"');
    const rows = sideBySide(left, right);
    expect(rows.filter((r) => r.startsWith('<tr class="changed">'))).to.have.length(1);
    expect(rows.join('\n')).to.contain('<mark>old</mark>').and.contain('<mark>new</mark>').and.contain('… 8 unchanged lines …');
  });
});
