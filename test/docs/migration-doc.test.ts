/**
 * docs/migration.md's walk-through, run: copy the demo app, write every file
 * the doc shows (`<!-- file: path -->` before a code block) exactly as shown,
 * with the final `native` switch, then run the demo's parity suite (stock LB3
 * on the copy, which ignores migrated/ and lb3-shim.json, vs lb3-shim with
 * native Category), check tsc --strict accepts the code and that
 * `lb3-shim routes` names the native side.
 */
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { expect } from 'chai';
import { createShim } from '../../compat/create-shim';
import { routeRows } from '../../cli/routes.command';
import { fixtureDir, projectRoot } from '../support/paths';
import { assertParity, runParity, type ParityResult } from '../support/parity';
import { demoRequests, normalizeStatusRoute } from '../compat/parity/demo.parity.test';

const DOC = path.join(projectRoot, 'docs', 'migration.md');

/** The files of the walk-through: path → content of the code block after its marker. */
export function docFiles(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<!-- file: (\S+) -->\s*```\w*\n([\s\S]*?)```/g;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) out.set(m[1], m[2]);
  return out;
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
}

describe('docs/migration.md walk-through (demo app, Category native)', function () {
  this.timeout(300000);
  let appDir: string;
  let result: ParityResult;

  before(async () => {
    // inside the project, so the app's require('loopback') resolves as the fixture's does
    fs.mkdirSync(path.join(projectRoot, 'test-output'), { recursive: true });
    appDir = fs.mkdtempSync(path.join(projectRoot, 'test-output', 'migration-doc-'));
    copyDir(fixtureDir('demo'), appDir);
    const files = docFiles(fs.readFileSync(DOC, 'utf8'));
    for (const [rel, text] of files) {
      fs.mkdirSync(path.dirname(path.join(appDir, rel)), { recursive: true });
      fs.writeFileSync(path.join(appDir, rel), text);
    }
    // step 5 ends with Category fully native
    fs.writeFileSync(path.join(appDir, 'lb3-shim.json'), JSON.stringify({ migrated: 'migrated', models: { Category: 'native' } }));
    fs.writeFileSync(
      path.join(appDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          esModuleInterop: true,
          strict: true,
          experimentalDecorators: true,
          skipLibCheck: true,
          noEmit: true,
          baseUrl: '.',
          paths: { 'lb3-shim': [path.join(projectRoot, 'index.ts')] },
        },
        include: ['migrated/**/*.ts'],
      }),
    );
    result = await runParity({ appDir, requests: demoRequests, candidate: 'shim', normalize: normalizeStatusRoute });
  });

  after(() => fs.rmSync(appDir, { recursive: true, force: true }));

  it('shows every file of the model module', () => {
    const files = [...docFiles(fs.readFileSync(DOC, 'utf8')).keys()];
    expect(files).to.include.members(['migrated/category/category.model.ts', 'migrated/category/category.controller.ts', 'migrated/index.ts', 'lb3-shim.json']);
  });

  it('answers the demo parity list exactly like stock LB3 with Category native', () => {
    assertParity(result);
  });

  it('compiles with tsc --strict', () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(appDir, 'tsconfig.json')], { stdio: 'pipe' });
  });

  it('lists the native routes in `lb3-shim routes`', async () => {
    const shim = await createShim({ appDir });
    try {
      const rows = routeRows(shim);
      const find = rows.find((r) => r.verb === 'get' && r.path === '/Categories');
      expect(find).to.include({ side: 'native', native: 'Category.find', method: 'Category.find' });
      expect(rows.find((r) => r.verb === 'put' && r.path === '/Categories')).to.include({ side: 'lb3' });
      expect(rows.find((r) => r.path === '/Products')).to.include({ side: 'lb3' });
    } finally {
      await shim.stop();
    }
  });
});
