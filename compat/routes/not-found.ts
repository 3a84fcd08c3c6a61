/**
 * LB3's 404 messages for requests under restApiRoot that no route answered:
 *
 * - inside a shared class mount: `Shared class "Customer" has no method handling DELETE /?x=1`
 *   (path relative to the class mount, query included);
 * - elsewhere: `There is no method to handle GET /Nopes?x=1` (relative to restApiRoot).
 *
 * The error itself is `lb3Errors.noMethod` (compat/errors/lb3-errors.ts); the
 * middleware adapter answers it right after the REST middleware, under
 * restApiRoot (so `req.url` is relative to it, as in strong-remoting's router).
 */

/** Which LB3 message a URL (relative to restApiRoot) gets. */
export function lb3NotFoundMessage(method: string, url: string, mounts: ReadonlyArray<{ name: string; path: string }>): string {
  const qIx = url.indexOf('?');
  const pathname = (qIx >= 0 ? url.slice(0, qIx) : url).replace(/\/{2,}/g, '/');
  const lower = pathname.toLowerCase();
  for (const m of mounts) {
    const mount = m.path.replace(/\/+$/, '').toLowerCase();
    if (lower === mount || lower.startsWith(mount + '/')) {
      let rest = pathname.slice(mount.length) + (qIx >= 0 ? url.slice(qIx) : '');
      if (rest === '' || rest[0] !== '/') rest = '/' + rest;
      return `Shared class "${m.name}" has no method handling ${method} ${rest}`;
    }
  }
  return `There is no method to handle ${method} ${url || '/'}`;
}
