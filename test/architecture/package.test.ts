/**
 * What `npm pack` ships: the compiled runtime (lib, compat, compare, cli),
 * the bin script and the docs — no tests, fixtures, benchmarks or sources —
 * and every module the shipped code loads is either shipped too or a runtime
 * dependency (not a devDependency).
 */
import { expect } from 'chai';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { projectRoot } from '../support/paths';

interface PackResult {
  files: Array<{ path: string }>;
}

const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));

/** `npm pack --dry-run --json` without lifecycle scripts (dist/ is already built by `npm test`). */
function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(out) as PackResult[];
  return result.files.map((f) => f.path);
}

const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('the npm package', function () {
  this.timeout(60000);
  let files: string[];
  before(() => {
    files = packedFiles();
  });

  it('ships the main module, its types and the bin script', () => {
    expect(files).to.include(pkg.main);
    expect(files).to.include(pkg.types);
    for (const bin of Object.values(pkg.bin as Record<string, string>)) expect(files).to.include(bin);
    expect(files).to.include('dist/cli/main.js');
  });

  it('ships the child-process runners the comparison starts', () => {
    expect(files).to.include('dist/compare/runners/stock-lb3.runner.js');
    expect(files).to.include('dist/compare/runners/shim.runner.js');
  });

  it('holds no tests, fixtures, benchmarks, TypeScript sources or build caches', () => {
    const unwanted = files.filter(
      (f) =>
        /(^|\/)(test|fixtures|bench)(\/|$)/.test(f) ||
        /\.test\.js$/.test(f) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')) ||
        f.endsWith('.tsbuildinfo') ||
        f.startsWith('.ci/'),
    );
    expect(unwanted).to.deep.equal([]);
  });

  it('loads only shipped files, Node built-ins and runtime dependencies from the shipped code', () => {
    const shipped = new Set(files);
    const deps = new Set(Object.keys(pkg.dependencies ?? {}));
    const builtins = new Set(builtinModules);
    const problems: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.js') || f === 'bin/lb3-shim')) {
      const text = fs.readFileSync(path.join(projectRoot, file), 'utf8');
      for (const m of text.matchAll(REQUIRE)) {
        const spec = m[1];
        if (spec.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
          const candidates = [target, `${target}.js`, `${target}.json`, `${target}/index.js`];
          if (!candidates.some((c) => shipped.has(c))) problems.push(`${file} requires ${spec}, which is not shipped`);
        } else if (spec === 'package.json' || spec.endsWith('/package.json')) {
          continue;
        } else if (!builtins.has(spec.replace(/^node:/, '')) && !deps.has(packageName(spec))) {
          problems.push(`${file} requires ${spec}, which is not a runtime dependency`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
