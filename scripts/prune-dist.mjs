// Deletes compiled files in dist/ whose TypeScript source is gone. tsc never removes
// outputs, so a deleted or renamed test would otherwise still run from dist/.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const OUTPUT = /(\.d\.ts|\.js\.map|\.d\.ts\.map|\.js)$/;

function prune(dir) {
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removed += prune(file);
      if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      continue;
    }
    const match = OUTPUT.exec(entry.name);
    if (!match) continue;
    const source = path.join(root, path.relative(dist, dir), entry.name.slice(0, -match[1].length) + '.ts');
    if (!fs.existsSync(source)) {
      fs.rmSync(file);
      removed++;
    }
  }
  return removed;
}

const removed = prune(dist);
if (removed > 0) console.log(`prune-dist: removed ${removed} compiled file(s) whose source is gone`);
