/**
 * Turning LB3 boot failures into one clear line.
 *
 * loopback-boot reports failures in many shapes (a JSON SyntaxError prefixed
 * with the file, an AssertionError about model-config, a plain Error from a
 * boot script) and stock LB3 often only prints "Unhandled rejection" with a
 * stack. `Lb3BootError` names the file that is wrong and the cause.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A failure while loading/booting an LB3 app. `message` is `<file>: <cause>` (or just the cause). */
export class Lb3BootError extends Error {
  /** The app directory (or undefined for an in-memory app). */
  readonly appDir?: string;
  /** The offending file, relative to appDir when inside it. */
  readonly file?: string;
  /** The underlying reason, one line. */
  readonly reason: string;
  /** The original error. */
  override readonly cause?: unknown;
  readonly code = 'LB3_BOOT_FAILED';

  constructor(opts: { appDir?: string; file?: string; reason: string; cause?: unknown }) {
    super(opts.file ? `${opts.file}: ${opts.reason}` : opts.reason);
    this.name = 'Lb3BootError';
    this.appDir = opts.appDir;
    this.file = opts.file;
    this.reason = opts.reason;
    this.cause = opts.cause;
  }

  /** The one line the CLI prints. */
  toLine(): string {
    return `lb3-shim: cannot load ${this.appDir ?? 'the LB3 app'}: ${this.message}`;
  }
}

/**
 * Classify whatever a boot threw/rejected with into an `Lb3BootError`
 * naming the file: JSON parse errors carry it in the message, model-config
 * problems point at model-config.json, unknown bases at the model's JSON,
 * anything else at the first stack frame inside the app.
 */
export function toBootError(err: unknown, appDir?: string): Lb3BootError {
  if (err instanceof Lb3BootError) return err;
  const message = firstLine(err instanceof Error ? err.message : String(err));
  const rel = (f: string) => (appDir && isInside(appDir, f) ? path.relative(appDir, f) : f);

  // Node's JSON loader: "<abs path>: <parse message>"
  const jsonMatch = /^(\/[^:]+?\.json): (.*)$/.exec(message) ?? /^([A-Za-z]:\\[^:]+?\.json): (.*)$/.exec(message);
  if (jsonMatch) return new Lb3BootError({ appDir, file: rel(jsonMatch[1]), reason: jsonMatch[2], cause: err });

  if (appDir) {
    if (/referencing a dataSource that does not exist/.test(message) || /model-config/.test(message)) {
      const file = existing(path.join(appDir, 'server', 'model-config.json'));
      if (file) return new Lb3BootError({ appDir, file: rel(file), reason: message, cause: err });
    }
    const base = /model `([^`]+)` is extending an unknown model/.exec(message);
    if (base) {
      const file = findModelJson(appDir, base[1]);
      if (file) return new Lb3BootError({ appDir, file: rel(file), reason: message, cause: err });
    }
    const frame = appFrame(err, appDir);
    if (frame) return new Lb3BootError({ appDir, file: rel(frame), reason: message, cause: err });
  }
  return new Lb3BootError({ appDir, reason: message, cause: err });
}

function firstLine(s: string): string {
  const ix = s.indexOf('\n');
  return ix >= 0 ? s.slice(0, ix) : s;
}

function isInside(dir: string, file: string): boolean {
  const r = path.relative(dir, file);
  return !!r && !r.startsWith('..') && !path.isAbsolute(r);
}

function existing(file: string): string | undefined {
  return fs.existsSync(file) ? file : undefined;
}

/** First stack frame in a file of the app itself (not its node_modules). */
function appFrame(err: unknown, appDir: string): string | undefined {
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : '';
  // a SyntaxError in a required JS file starts its stack with "<file>:<line>"
  const head = /^((?:\/|[A-Za-z]:\\)[^\n]+?):\d+\n/.exec(stack);
  if (head && isInside(appDir, head[1]) && !head[1].includes(`${path.sep}node_modules${path.sep}`)) return head[1];
  for (const m of stack.matchAll(/\(?((?:\/|[A-Za-z]:\\)[^():\n]+):\d+:\d+\)?/g)) {
    const file = m[1];
    if (isInside(appDir, file) && !file.includes(`${path.sep}node_modules${path.sep}`)) return file;
  }
  return undefined;
}

/** The model definition JSON declaring `"name": modelName` in the usual source dirs. */
function findModelJson(appDir: string, modelName: string): string | undefined {
  for (const dir of ['common/models', 'server/models', 'models']) {
    const abs = path.join(appDir, dir);
    let files: string[];
    try {
      files = fs.readdirSync(abs).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const f of files) {
      try {
        const def = JSON.parse(fs.readFileSync(path.join(abs, f), 'utf8'));
        if (def && def.name === modelName) return path.join(abs, f);
      } catch {
        // unreadable model files are reported by loopback-boot itself
      }
    }
  }
  return undefined;
}
