/**
 * The static part of `analyze`: the app's own JavaScript (model scripts,
 * boot scripts, routes, mixins, middleware; never node_modules) read line by
 * line for code that reaches a model — `app.models.X`, `X.app.models.Y`,
 * `app.models['X']`, `loopback.getModel('X')`, and the dynamic `Model.getApp`
 * / `app.models()`. Found by reading, not running: every hit is marked static.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CodeReference } from './types';

const SKIP_DIRS = new Set(['node_modules', 'client', 'test', 'tests', 'coverage', 'dist']);
const NAMED = [
  /\bapp\.models\.([A-Za-z_$][\w$]*)/g,
  /\bapp\.models\[\s*['"]([^'"]+)['"]\s*\]/g,
  /\bmodels\.([A-Z][\w$]*)/g,
  /\b(?:loopback|app|registry)\.(?:getModel|findModel|getModelByType)\(\s*['"]([^'"]+)['"]/g,
];
const DYNAMIC = [/\.getApp\(/, /\bapp\.models\(\)/];

export interface ScanResult {
  references: CodeReference[];
  files: number;
}

function jsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) jsFiles(full, out);
    } else if (entry.name.endsWith('.js')) out.push(full);
  }
  return out;
}

/** The model a script belongs to: its sibling JSON's `name`. */
function modelOfScript(file: string): string | undefined {
  const json = file.replace(/\.js$/, '.json');
  if (!fs.existsSync(json)) return undefined;
  try {
    const name = JSON.parse(fs.readFileSync(json, 'utf8')).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function whereOf(rel: string, fromModel: string | undefined): CodeReference['where'] {
  if (fromModel) return 'model-file';
  const segs = rel.split(path.sep);
  if (segs.includes('boot')) return 'boot-script';
  if (segs.includes('mixins')) return 'mixin';
  return 'other';
}

/** Scan `appDir` for references to the `known` models. */
export function scanSources(appDir: string, known: ReadonlySet<string>): ScanResult {
  const references: CodeReference[] = [];
  const files = jsFiles(appDir);
  for (const file of files) {
    const rel = path.relative(appDir, file);
    const fromModel = modelOfScript(file);
    const where = whereOf(rel, fromModel);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(text)) return;
      const seen = new Set<string>();
      const add = (model: string) => {
        if (seen.has(model)) return;
        seen.add(model);
        references.push({ file: rel, line: i + 1, model, where, ...(fromModel ? { fromModel } : {}), text: text.trim().slice(0, 160), static: true });
      };
      for (const re of NAMED) for (const m of text.matchAll(re)) if (known.has(m[1])) add(m[1]);
      if (DYNAMIC.some((re) => re.test(text))) add('(any)');
    });
  }
  return { references, files: files.length };
}
