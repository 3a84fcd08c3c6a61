'use strict';
/**
 * Child-process runner for a stock LoopBack 3 app, kept at this path for scripts that fork
 * it directly. The runner is product code now: compare/runners/stock-lb3.runner.ts
 * (compiled to dist/compare/runners/stock-lb3.runner.js). This file runs the
 * compiled one when the project is built, else the TypeScript source through ts-node.
 *
 *   node stock-lb3-runner.js <appDir>
 */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const compiled = path.join(root, 'dist', 'compare', 'runners', 'stock-lb3.runner.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('ts-node/register/transpile-only');
  require(path.join(root, 'compare', 'runners', 'stock-lb3.runner.ts'));
}
