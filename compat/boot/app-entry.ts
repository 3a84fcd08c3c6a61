/**
 * Where an LB3 app starts, from what the user pointed at: a directory with the generator's
 * `server/server.js`, a directory whose `server/` folder loopback-boot can boot on its own
 * (no server.js), or a script file that builds the app in code (`module.exports = loopback()`).
 * Anything else is not an LB3 app: one clear error instead of an empty API.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Lb3BootError } from './boot-errors';

/** How an app is started. */
export type Lb3AppEntry =
  /** `file` is the app's entry script (server/server.js or the given script); `node <file>` starts it. */
  | { kind: 'script'; appDir: string; file: string }
  /** No script: loopback-boot boots `bootDir` (appDir/server) into a fresh `loopback()` app. */
  | { kind: 'boot-dir'; appDir: string; bootDir: string };

/** Files of a loopback-boot `server/` folder; one of them is enough to call it an LB3 app. */
const BOOT_FILES = ['model-config.json', 'config.json', 'datasources.json', 'middleware.json'];

/** Resolve the entry of the app at `target` (a directory or a script); throws `Lb3BootError` when there is none. */
export function resolveLb3Entry(target: string): Lb3AppEntry {
  const given = path.resolve(target);
  const stat = statOf(given);
  if (stat === undefined) throw new Lb3BootError({ appDir: given, reason: 'no such directory' });
  if (stat.isFile()) return { kind: 'script', appDir: path.dirname(given), file: given };
  if (!stat.isDirectory()) throw new Lb3BootError({ appDir: given, reason: 'not a directory or a script file' });
  const serverJs = path.join(given, 'server', 'server.js');
  if (statOf(serverJs)?.isFile()) return { kind: 'script', appDir: given, file: serverJs };
  const bootDir = path.join(given, 'server');
  if (BOOT_FILES.some((f) => statOf(path.join(bootDir, f))?.isFile())) return { kind: 'boot-dir', appDir: given, bootDir };
  throw new Lb3BootError({
    appDir: given,
    reason: 'not a LoopBack 3 app: no server/server.js and no loopback-boot server/ folder (server/model-config.json or server/config.json)',
  });
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
