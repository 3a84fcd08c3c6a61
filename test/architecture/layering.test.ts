import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../support/paths';
import { ERROR_CODES } from '../../lib/errors/http-error';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('layering', () => {
  const libDir = path.join(projectRoot, 'lib');
  const files = sourceFiles(libDir);

  it('finds the core sources to check', () => {
    expect(files.length).to.be.greaterThan(20);
  });

  it('keeps lib/ free of compat/ and of LoopBack 3 packages', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const resolved = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec;
        const bad = /^(loopback|loopback-boot|strong-remoting|loopback-swagger|strong-error-handler)(\/|$)/.test(spec) ||
          (spec.startsWith('.') && !resolved.startsWith(libDir + path.sep) && resolved !== libDir);
        if (bad) offenders.push(`${path.relative(projectRoot, file)} imports ${spec}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });

  it('documents every core error code once in docs/errors.md', () => {
    const codes = Object.values(ERROR_CODES);
    expect(new Set(codes).size).to.equal(codes.length);
    const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'errors.md'), 'utf8');
    for (const code of codes) expect(doc, code).to.contain('`' + code + '`');
  });
});
