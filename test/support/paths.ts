import * as fs from 'fs';
import * as path from 'path';

/** The project root, found by walking up to lb3-shim's package.json (works from test/ and dist/test/). */
export const projectRoot: string = (() => {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'lb3-shim') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('lb3-shim project root not found above ' + __dirname);
    dir = up;
  }
})();

/** Absolute path of an LB3 fixture app directory. */
export const fixtureDir = (name: string) => path.join(projectRoot, 'test', 'fixtures', 'lb3', name);
