/**
 * Dot paths into a response: `status`, `headers.<name>`, `body`,
 * `body.items.0.id`. Ignore patterns use the same syntax where a segment
 * `*` matches any one key or index and `**` any number of segments.
 */

/** A compiled ignore pattern. */
export type PathPattern = readonly string[];

const ROOTS = new Set(['status', 'headers', 'body', 'data']);

/** Split a dot path; header names are lower-cased. */
export function splitPath(path: string): string[] {
  const segs = path.split('.');
  if (segs[0] === 'headers' && segs.length > 1) segs[1] = segs[1].toLowerCase();
  return segs;
}

/**
 * Compile ignore patterns; throws naming the bad entry when it does not start
 * with `status`, `headers.` or `body`.
 */
export function compilePatterns(patterns: readonly string[], where = 'ignore'): PathPattern[] {
  return patterns.map((p, i) => {
    if (typeof p !== 'string' || p.trim() === '') throw new Error(`${where}[${i}] must be a non-empty path string`);
    const segs = splitPath(p.trim());
    if (!ROOTS.has(segs[0]) || (segs[0] === 'status' && segs.length > 1) || (segs[0] === 'headers' && segs.length !== 2)) {
      throw new Error(`${where}[${i}] "${p}" must be "status", "headers.<name>", "body", "body.<path>" or "data.<Model>.<path>"`);
    }
    return segs;
  });
}

/** True when `path` (segments) or one of its ancestors matches a pattern. */
export function isIgnored(path: readonly string[], patterns: readonly PathPattern[]): boolean {
  for (const pattern of patterns) if (matchPrefix(pattern, 0, path, 0)) return true;
  return false;
}

/** Does `pattern` match `path` or a prefix of it (so a pattern covers a whole subtree)? */
function matchPrefix(pattern: PathPattern, pi: number, path: readonly string[], si: number): boolean {
  if (pi === pattern.length) return true;
  const seg = pattern[pi];
  if (seg === '**') {
    for (let k = si; k <= path.length; k++) if (matchPrefix(pattern, pi + 1, path, k)) return true;
    return false;
  }
  if (si === path.length) return false;
  if (seg !== '*' && seg !== path[si]) return false;
  return matchPrefix(pattern, pi + 1, path, si + 1);
}

/** Value at a dot path of a parsed JSON value (`id`, `user.id`, `items.0.id`); undefined when absent. */
export function getPath(value: unknown, dotPath: string): unknown {
  if (dotPath === '' || dotPath === '.') return value;
  let cur: unknown = value;
  for (const seg of dotPath.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}
