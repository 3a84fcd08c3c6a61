'use strict';
/**
 * Child-process runner for a LB3 app served by lb3-shim, kept at this path for scripts that fork
 * it directly. The runner is product code now: compare/runners/shim.runner.ts
 * (compiled to dist/compare/runners/shim.runner.js). This file runs the
 * compiled one when the project is built, else the TypeScript source through ts-node.
 *
 *   node shim-runner.js <appDir>
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const compiled = path.join(root, 'dist', 'compare', 'runners', 'shim.runner.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('ts-node/register/transpile-only');
  require(path.join(root, 'compare', 'runners', 'shim.runner.ts'));
}
