/**
 * The error raised when a container key cannot be resolved. It wraps awilix's
 * own error and keeps what a reader needs to fix the wiring: the key that was
 * missing and the chain of keys that led to it ("a -> b -> c").
 */
import { AwilixResolutionError } from 'awilix';

export class ResolutionError extends Error {
  /** The key that could not be resolved (the last element of `path`). */
  readonly key: string;
  /** The resolution path, outermost key first, e.g. `['controllers.Todo', 'repositories.Todo', 'datasources.db']`. */
  readonly path: string[];
  constructor(opts: { key: string; path: string[]; reason: string; cause?: unknown }) {
    // `cause` (ES2022) keeps awilix's original error.
    super(`Cannot resolve "${opts.key}": ${opts.reason} (resolution path: ${opts.path.join(' -> ')}).`, { cause: opts.cause });
    this.name = 'ResolutionError';
    this.key = opts.key;
    this.path = opts.path;
    this.cause = opts.cause;
  }

  /**
   * Builds a ResolutionError from awilix's error. awilix resets its resolution
   * stack when it throws and only keeps the path in the message, so the path
   * is read back from there ("Resolution path: a -> b -> c"); when the text
   * does not match, the requested key alone is used.
   */
  static fromAwilix(err: AwilixResolutionError, requestedKey: string): ResolutionError {
    const message = err.message;
    const pathMatch = /Resolution path: (.*)\s*$/.exec(message);
    const path = pathMatch ? pathMatch[1].trim().split(' -> ') : [requestedKey];
    const key = path[path.length - 1];
    // awilix appends an optional reason after "Could not resolve 'x'." (cycles, lifetime leaks).
    const extra = /^Could not resolve '[^']*'\.[ \t]*([^\r\n]*)/.exec(message)?.[1]?.trim();
    const reason = !extra ? 'no binding is registered under that key' : /cyclic/i.test(extra) ? 'cyclic dependency' : extra;
    return new ResolutionError({ key, path, reason, cause: err });
  }
}
