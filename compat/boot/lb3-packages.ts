/**
 * Which copies of the LB3 packages an app runs with. An LB3 app directory
 * usually has its own node_modules; the app's models must be built by the
 * SAME loopback/juggler the app requires, so we resolve from the app first
 * and fall back to lb3-shim's own dependencies.
 */
import * as path from 'path';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:compat:lb3-packages');

/** The LB3 packages the shim needs, by npm name. */
export const LB3_PACKAGE_NAMES = ['loopback', 'loopback-boot', 'strong-remoting', 'loopback-datasource-juggler'] as const;
export type Lb3PackageName = typeof LB3_PACKAGE_NAMES[number];

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
 * Resolve `loopback`, `loopback-boot`, `strong-remoting` and
 * `loopback-datasource-juggler` from `appDir` (Node resolution starting at the
 * app), falling back to lb3-shim's own copies. Without `appDir` all come from lb3-shim.
 */
export function resolveLb3Packages(appDir?: string): Lb3Packages {
  const resolved = {} as Record<Lb3PackageName, ResolvedPackage>;
  for (const name of LB3_PACKAGE_NAMES) resolved[name] = resolveOne(name, appDir);
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

function packageDir(main: string, name: string): string {
  const marker = path.sep + 'node_modules' + path.sep + name.split('/').join(path.sep);
  const ix = main.lastIndexOf(marker);
  return ix >= 0 ? main.slice(0, ix + marker.length) : path.dirname(main);
}
