/**
 * Which copies of the LB3 packages an app runs with. An LB3 app directory
 * usually has its own node_modules; the app's models must be built by the
 * SAME loopback/juggler the app requires, so we resolve from the app first
 * and fall back to lb3-shim's own dependencies.
 */
import * as fs from 'fs';
import * as path from 'path';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:lb3-packages');

/** The LB3 packages the shim needs, by npm name. */
export const LB3_PACKAGE_NAMES = ['loopback', 'loopback-boot', 'strong-remoting', 'loopback-datasource-juggler', 'strong-error-handler'] as const;
export type Lb3PackageName = (typeof LB3_PACKAGE_NAMES)[number];

/** Where one package was found. */
export interface ResolvedPackage {
  name: Lb3PackageName;
  /** Absolute path of the package's main file. */
  main: string;
  /** Absolute path of the package directory. */
  dir: string;
  /** `app` = resolved from the app directory, `shim` = lb3-shim's own copy. */
  from: 'app' | 'shim';
}

/** The resolved LB3 packages with lazy loaders. */
export interface Lb3Packages {
  resolved: Record<Lb3PackageName, ResolvedPackage>;
  /** `require()` of a resolved package (cached by Node). */
  load<T = any>(name: Lb3PackageName): T;
}

/**
 * Resolve `loopback`, `loopback-boot`, `strong-remoting`, `strong-error-handler` and
 * `loopback-datasource-juggler` from `appDir` (Node resolution starting at the
 * app), falling back to lb3-shim's own copies. Without `appDir` all come from lb3-shim.
 */
export function resolveLb3Packages(appDir?: string): Lb3Packages {
  const resolved = {} as Record<Lb3PackageName, ResolvedPackage>;
  for (const name of LB3_PACKAGE_NAMES) {
    // strong-remoting: the copy the app's loopback loads (it may be nested under loopback)
    const from = name === 'strong-remoting' && resolved.loopback.from === 'app' ? resolved.loopback.dir : appDir;
    resolved[name] = resolveOne(name, from);
  }
  return {
    resolved,
    load<T>(name: Lb3PackageName): T {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(resolved[name].main) as T;
    },
  };
}

function resolveOne(name: Lb3PackageName, appDir?: string): ResolvedPackage {
  const own = require.resolve(name);
  if (appDir) {
    try {
      const main = require.resolve(name, { paths: [path.resolve(appDir)] });
      debug('%s resolved from the app: %s', name, main);
      return { name, main, dir: packageDir(main, name), from: main === own ? 'shim' : 'app' };
    } catch {
      // not installed for the app: use ours
    }
  }
  debug('%s resolved from lb3-shim: %s', name, own);
  return { name, main: own, dir: packageDir(own, name), from: 'shim' };
}

/** The directory of the package `main` belongs to: the nearest package.json named `name` above it (also for npm aliases and symlinked installs). */
function packageDir(main: string, name: string): string {
  for (let dir = path.dirname(main); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (!fs.existsSync(pkg)) continue;
    try {
      if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === name) return dir;
    } catch {
      // an unreadable package.json is not the one we look for
    }
  }
  return path.dirname(main);
}
