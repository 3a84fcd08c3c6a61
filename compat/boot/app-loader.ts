/**
 * Loading an LB3 application: from a directory (its `server/server.js`, or a
 * plain loopback-boot layout) or from an already created app object, and
 * waiting until it has booted.
 *
 * Boot failures are caught wherever LB3 lets them escape (the boot callback,
 * a rejected bluebird promise, an uncaught exception) and turned into one
 * `Lb3BootError` naming the file and the cause.
 */
import * as path from 'path';
import debugFactory from 'debug';
import Module from 'module';
import { resolveLb3Entry } from './app-entry';
import { Lb3BootError, toBootError } from './boot-errors';
import { Lb3Packages, resolveLb3Packages } from './lb3-packages';

const debug = debugFactory('lb3-shim:compat:app-loader');

/** Where the LB3 app comes from. */
export type Lb3AppSource = { appDir: string } | { lb3App: any };

export interface LoadOptions {
  /** Give up waiting for 'booted' after this many ms (default 30000). */
  bootTimeout?: number;
  /**
   * Run the app's script as the process's main module, as `node server/server.js` does
   * (`require.main` is the script, `process.argv[1]` its path), so `require.main === module`
   * starts it. The caller sets the working directory. Default false: `require()` it.
   */
  asMain?: boolean;
}

/** A booted LB3 app and the packages it runs with. */
export interface LoadedLb3App {
  lb3App: any;
  /** Absolute app directory (undefined for an in-memory app). */
  appDir?: string;
  packages: Lb3Packages;
}

/** Load and boot an LB3 app; rejects with an `Lb3BootError` on any boot failure. */
export async function loadLb3App(source: Lb3AppSource, opts: LoadOptions = {}): Promise<LoadedLb3App> {
  const timeout = opts.bootTimeout ?? 30000;
  if ('lb3App' in source) {
    const lb3App = source.lb3App;
    if (!lb3App || typeof lb3App.remotes !== 'function') {
      throw new Lb3BootError({ reason: 'lb3App is not a LoopBack 3 application (it has no remotes())' });
    }
    const packages = resolveLb3Packages();
    await guardBoot(undefined, timeout, async () => {
      if (lb3App.booting) await onceBooted(lb3App);
    });
    return { lb3App, packages };
  }

  const entry = resolveLb3Entry(source.appDir);
  const { appDir } = entry;
  const packages = resolveLb3Packages(appDir);
  const script = entry.kind === 'script' ? entry.file : undefined;
  let lb3App: any;
  try {
    await guardBoot(appDir, timeout, async () => {
      const boot = interceptBoot(packages);
      try {
        if (entry.kind === 'script') {
          const script = entry.file;
          debug('%s %s', opts.asMain ? 'running as the main module' : 'requiring', script);
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's script, resolved by path
          lb3App = opts.asMain ? runAsMain(script) : require(script);
          if (!lb3App || typeof lb3App.remotes !== 'function') {
            throw new Lb3BootError({ appDir, file: path.relative(appDir, script), reason: 'module.exports is not the LoopBack app' });
          }
        } else {
          debug('no server/server.js: booting %s with loopback-boot', entry.bootDir);
          const loopback = packages.load('loopback');
          lb3App = loopback();
          boot.fn(lb3App, entry.bootDir);
        }
      } finally {
        boot.restore();
      }
      if (boot.calls() > 0) await boot.done;
      else if (lb3App.booting) await onceBooted(lb3App);
    });
  } catch (err) {
    // a half-booted app must not be served from the require cache next time
    if (script !== undefined) delete require.cache[script];
    throw toBootError(err, appDir);
  }
  return { lb3App, appDir, packages };
}

/**
 * What `node <file>` does with its entry script, done the way ts-node and babel-node do it:
 * `process.argv[1]` names the script and `Module.runMain` loads it as the main module.
 */
function runAsMain(file: string): any {
  process.argv[1] = file;
  Module.runMain(file);
  return require.cache[file]?.exports;
}

function onceBooted(app: any): Promise<void> {
  return new Promise((resolve) => app.once('booted', () => resolve()));
}

/**
 * Run `work` while catching what LB3 leaks during boot: unhandled rejections
 * (bluebird) and uncaught exceptions, plus a timeout. Listeners stay a moment
 * after the boot settles to swallow LB3's follow-up noise ("Callback was
 * already called").
 */
async function guardBoot(appDir: string | undefined, timeout: number, work: () => Promise<void>): Promise<void> {
  let fail!: (err: unknown) => void;
  const leaked = new Promise<never>((_, reject) => (fail = reject));
  leaked.catch(() => undefined);
  let first: unknown;
  const onLeak = (err: unknown) => {
    if (first !== undefined) return;
    first = err;
    fail(err);
  };
  process.on('unhandledRejection', onLeak);
  process.on('uncaughtException', onLeak);
  const timer = setTimeout(() => onLeak(new Lb3BootError({ appDir, reason: `the app did not finish booting within ${timeout} ms` })), timeout);
  try {
    await Promise.race([work(), leaked]);
    if (first !== undefined) throw first;
  } finally {
    clearTimeout(timer);
    const remove = () => {
      process.removeListener('unhandledRejection', onLeak);
      process.removeListener('uncaughtException', onLeak);
    };
    // LB3 may emit a second, derived failure right after the first one
    if (first !== undefined) setTimeout(remove, 200).unref();
    else remove();
  }
}

/**
 * Replace loopback-boot's export (in the require cache, for the duration of
 * requiring server.js) with a wrapper that reports completion and the real
 * boot error; stock server.js rethrows it inside LB3's async machinery where
 * it would surface as "Callback was already called".
 */
function interceptBoot(packages: Lb3Packages) {
  const main = packages.resolved['loopback-boot'].main;
  const original = packages.load<any>('loopback-boot');
  const mod = require.cache[main];
  let calls = 0;
  let settle!: (err?: unknown) => void;
  const done = new Promise<void>((resolve, reject) => (settle = (err) => (err ? reject(err) : resolve())));
  done.catch(() => undefined);

  const fn = function bootWrapper(this: unknown, app: unknown, options?: unknown, callback?: unknown) {
    if (typeof options === 'function' && callback === undefined) {
      callback = options;
      options = undefined;
    }
    calls++;
    const userCallback = typeof callback === 'function' ? (callback as (err?: unknown) => void) : undefined;
    let resolveUser!: () => void;
    let rejectUser!: (err: unknown) => void;
    const userPromise = new Promise<void>((res, rej) => ((resolveUser = res), (rejectUser = rej)));
    userPromise.catch(() => undefined);
    original.call(this, app, options, (err?: unknown) => {
      settle(err);
      if (err) {
        // the boot failed: report it ourselves rather than let the app's callback throw into LB3's internals
        rejectUser(err);
        return;
      }
      resolveUser();
      if (userCallback) userCallback();
    });
    return userPromise;
  } as any;
  Object.assign(fn, original);
  if (mod) mod.exports = fn;
  return {
    fn,
    done,
    calls: () => calls,
    restore: () => {
      if (mod) mod.exports = original;
    },
  };
}
