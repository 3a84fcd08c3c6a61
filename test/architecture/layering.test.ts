import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../support/paths';
import { ERROR_CODES } from '../../lib/errors/http-error';
import { LB3_ERROR_IDS, LB3_WIRE_CODES } from '../../compat/errors/lb3-errors';

/** The layers, lowest first; a file may import only from its own layer or lower ones. */
const LAYERS = ['lib', 'compat', 'compare', 'cli'] as const;
/** Checked for circles too; bench may import from every layer. */
const CHECKED = [...LAYERS, 'bench'] as const;
const LB3_PACKAGES = /^(loopback|loopback-boot|strong-remoting|loopback-swagger|strong-error-handler|loopback-datasource-juggler)(\/|$)/;
/** lib/ may use juggler (its repositories are built on it), not the LB3 framework. */
const LIB_ALLOWED_LB3 = /^loopback-datasource-juggler(\/|$)/;

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The file a relative specifier resolves to (x.ts, x/index.ts), undefined for packages. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const layerOf = (file: string): string => path.relative(projectRoot, file).split(path.sep)[0];
const rel = (file: string): string => path.relative(projectRoot, file);

/** file → specifiers it imports (package names and resolved relative files). */
function importGraph(): Map<string, { packages: string[]; files: string[] }> {
  const graph = new Map<string, { packages: string[]; files: string[] }>();
  for (const top of CHECKED) {
    for (const file of sourceFiles(path.join(projectRoot, top))) {
      const text = fs.readFileSync(file, 'utf8');
      const packages: string[] = [];
      const files: string[] = [];
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const target = resolveImport(file, spec);
        if (target !== undefined) files.push(target);
        else if (!spec.startsWith('.')) packages.push(spec);
      }
      graph.set(file, { packages, files });
    }
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), each as relative paths. */
function circles(graph: Map<string, { files: string[] }>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.files ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** Imports of files in `layer` that reach a layer it must not depend on. */
function layerBreaks(graph: Map<string, { packages: string[]; files: string[] }>, layer: (typeof LAYERS)[number]): string[] {
  const rank = LAYERS.indexOf(layer);
  const out: string[] = [];
  for (const [file, { packages, files }] of graph) {
    if (layerOf(file) !== layer) continue;
    for (const target of files) {
      const targetRank = (LAYERS as readonly string[]).indexOf(layerOf(target));
      const outside = layer === 'lib' && !rel(target).startsWith('lib' + path.sep);
      if (targetRank > rank || (outside && targetRank !== 0) || layerOf(target) === 'bench') out.push(`${rel(file)} imports ${rel(target)}`);
    }
    if (layer === 'lib') {
      for (const spec of packages) if (LB3_PACKAGES.test(spec) && !LIB_ALLOWED_LB3.test(spec)) out.push(`${rel(file)} imports ${spec}`);
    }
  }
  return out;
}

describe('layering', () => {
  const graph = importGraph();
  const count = (layer: string) => [...graph.keys()].filter((f) => layerOf(f) === layer).length;

  it('finds the sources of every layer to check', () => {
    expect(count('lib'), 'lib').to.be.greaterThan(20);
    expect(count('compat'), 'compat').to.be.greaterThan(20);
    expect(count('compare'), 'compare').to.be.greaterThan(5);
    expect(count('cli'), 'cli').to.be.greaterThan(2);
    expect(
      [...graph.values()].reduce((n, e) => n + e.files.length, 0),
      'resolved imports',
    ).to.be.greaterThan(200);
  });

  it('keeps lib/ free of compat/, compare/, cli/ and of the LoopBack 3 framework packages', () => {
    expect(layerBreaks(graph, 'lib')).to.deep.equal([]);
  });

  it('keeps compat/ free of compare/ and cli/', () => {
    expect(layerBreaks(graph, 'compat')).to.deep.equal([]);
  });

  it('keeps compare/ free of cli/', () => {
    expect(layerBreaks(graph, 'compare')).to.deep.equal([]);
  });

  it('has no import circles across lib, compat, compare, cli and bench (no pair, no longer cycle)', () => {
    expect(circles(graph)).to.deep.equal([]);
  });

  it('would notice a circle and a layer break (the checks can fail)', () => {
    const a = path.join(projectRoot, 'lib', 'a.ts');
    const b = path.join(projectRoot, 'lib', 'b.ts');
    const c = path.join(projectRoot, 'compat', 'c.ts');
    const fake = new Map([
      [a, { packages: ['loopback'], files: [b] }],
      [b, { packages: [], files: [a, c] }],
      [c, { packages: [], files: [] }],
    ]);
    expect(circles(fake)).to.deep.equal([[rel(a), rel(b)]]);
    expect(layerBreaks(fake, 'lib')).to.deep.equal([`${rel(a)} imports loopback`, `${rel(b)} imports ${rel(c)}`]);
  });

  it('documents every core error code once in docs/errors.md', () => {
    const codes = Object.values(ERROR_CODES);
    expect(new Set(codes).size).to.equal(codes.length);
    const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'errors.md'), 'utf8');
    for (const code of codes) expect(doc, code).to.contain('`' + code + '`');
  });

  it('documents every LB3 error id once in the LB3 section of docs/errors.md, with its wire code', () => {
    const ids = Object.values(LB3_ERROR_IDS);
    expect(new Set(ids).size).to.equal(ids.length);
    const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'errors.md'), 'utf8');
    const lb3 = doc.slice(doc.indexOf('# LB3 errors'));
    expect(lb3.length, 'an "# LB3 errors" section').to.be.lessThan(doc.length);
    for (const id of ids) expect(lb3.split('`' + id + '`').length - 1, id).to.equal(1);
    for (const code of Object.values(LB3_WIRE_CODES)) expect(lb3, code).to.contain('`' + code + '`');
    // lib's codes and the LB3 ids never collide
    for (const id of ids) expect(Object.values(ERROR_CODES) as string[]).not.to.include(id);
  });
});
