/**
 * Load the app's model modules (`<app>/migrated/index`).
 *
 * - Built code first: `index.js` next to `index.ts` (the app's own `tsc`
 *   output, or a JavaScript app) is required as is.
 * - Dev mode: only `index.ts` there → TypeScript is compiled on load by
 *   ts-node (transpile-only, resolved from the app first, then from lb3-shim),
 *   with the app's tsconfig.json when it has one. No build step.
 * - `import ... from 'lb3-shim'` in the model code resolves to the lb3-shim
 *   that is running (one copy of lib/, so decorator metadata is shared).
 */
import * as fs from 'fs';
import * as path from 'path';
import Module from 'module';
import debugFactory from 'debug';
import { assertModelModule, type ModelModule } from '../../lib/model-module';

const debug = debugFactory('lb3-shim:compat:native-loader');

/** The running lb3-shim's entry (index.ts from sources, dist/index.js when built). */
const SELF_ENTRY = path.join(__dirname, '..', '..', 'index');

/** A model module index that cannot be loaded, naming the file. */
export class NativeModelsLoadError extends Error {
  readonly code = 'NATIVE_MODELS_LOAD_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NativeModelsLoadError';
  }
}

let aliasInstalled = false;

/** The module id `lb3-shim`, required from any file, resolves to the running lb3-shim. */
function installSelfAlias(): void {
  if (aliasInstalled) return;
  aliasInstalled = true;
  const mod = Module as unknown as { _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
    if (request === 'lb3-shim') return original.call(this, SELF_ENTRY, parent, ...rest);
    return original.call(this, request, parent, ...rest);
  };
}

function tsNodeRegistered(): boolean {
  return (process as unknown as Record<symbol, unknown>)[Symbol.for('ts-node.register.instance')] !== undefined;
}

/** Register ts-node for `.ts` files (once; a registration already in place, e.g. `node -r ts-node/register`, is kept). */
function registerTypeScript(appDir: string): void {
  if (tsNodeRegistered()) return;
  let tsNodePath: string;
  try {
    tsNodePath = require.resolve('ts-node', { paths: [appDir, __dirname] });
  } catch (err) {
    throw new NativeModelsLoadError(
      `Loading TypeScript model modules from ${appDir} needs ts-node (npm install --save-dev ts-node typescript), or build them with tsc first.`,
      { cause: err },
    );
  }
  const project = fs.existsSync(path.join(appDir, 'tsconfig.json')) ? path.join(appDir, 'tsconfig.json') : undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ts-node, resolved by path
  const tsNode = require(tsNodePath) as { register(opts: object): unknown };
  tsNode.register({
    transpileOnly: true,
    project,
    skipProject: !project,
    compilerOptions: { module: 'commonjs', experimentalDecorators: true, target: 'ES2022' },
  });
  debug('ts-node registered for %s (project %s)', appDir, project ?? 'none');
}

/** The index file to load in `dir`: index.js when built, else index.ts (dev mode). */
export function indexFileOf(dir: string): { file: string; typescript: boolean } | undefined {
  const js = path.join(dir, 'index.js');
  if (fs.existsSync(js)) return { file: js, typescript: false };
  const ts = path.join(dir, 'index.ts');
  if (fs.existsSync(ts)) return { file: ts, typescript: true };
  return undefined;
}

/** Load every model module exported by `<dir>/index` (an array default export, `models`, or one named export per model). */
export function loadModelModules(dir: string, appDir: string): Map<string, ModelModule> {
  const index = indexFileOf(dir);
  if (!index) throw new NativeModelsLoadError(`No model module index in ${dir} (expected index.ts or index.js exporting the native models).`);
  installSelfAlias();
  if (index.typescript) registerTypeScript(appDir);
  let exported: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's native model index, resolved by path
    exported = require(index.file);
  } catch (err) {
    throw new NativeModelsLoadError(`${path.relative(process.cwd(), index.file) || index.file}: ${(err as Error).message}`, { cause: err });
  }
  const candidates: unknown[] = Array.isArray(exported.default)
    ? exported.default
    : Array.isArray(exported.models)
      ? (exported.models as unknown[])
      : Object.values(exported).filter((v) => v && typeof v === 'object' && 'controller' in (v as object));
  const out = new Map<string, ModelModule>();
  for (const m of candidates) {
    assertModelModule(m, index.file);
    if (out.has(m.name)) throw new NativeModelsLoadError(`${index.file}: model "${m.name}" is exported twice`);
    out.set(m.name, m);
  }
  debug('loaded %d model module(s) from %s: %j', out.size, index.file, [...out.keys()]);
  return out;
}
