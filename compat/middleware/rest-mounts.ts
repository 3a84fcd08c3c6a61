/**
 * Where an LB3 app serves REST: the mount paths of its `loopback.rest()`
 * layers (`app.use(loopback.rest())` at `/`, `app.use('/v1', loopback.rest())`,
 * middleware.json `loopback#rest` with `paths`, any number of them), read
 * from the app's own express router stack at boot.
 *
 * Routing never needs these strings: each layer's own matcher trims the mount
 * off `req.url` (middleware.adapter.ts). They name the REST root in the
 * OpenAPI document, the CLI banner and `shim.restApiRoot`.
 */
import debugFactory from 'debug';
import type { ExpressLayer } from './express-layer';

const debug = debugFactory('lb3-shim:compat:rest-mounts');

/** Is this layer the handler `loopback.rest()` returns? */
export function isLoopbackRestLayer(layer: ExpressLayer): boolean {
  return !!layer.handle && layer.handle.name === 'restApiHandler';
}

/** One literal alternative of path-to-regexp 0.1's `end: false` output, e.g. `^\/api\/?(?=\/|$)`. */
const LITERAL_ALTERNATIVE = /^\^((?:\\\/|\\\.|[\w\-~%])+?)\\\/\?\(\?=\\\/\|\$\)$/;

/**
 * The literal mount paths of one `use()` layer ('/' for a root mount), checked
 * against the layer's own matcher; a pattern mount (`/:tenant`, a RegExp) gives none.
 */
export function layerMountPaths(layer: ExpressLayer & { regexp?: RegExp & { fast_slash?: boolean } }): string[] {
  const re = layer.regexp;
  if (!re) return [];
  if (re.fast_slash) return ['/'];
  const out: string[] = [];
  for (const alt of re.source.split(/\|(?=\^)/)) {
    const m = LITERAL_ALTERNATIVE.exec(alt);
    if (!m) continue;
    const candidate = m[1].replace(/\\(.)/g, '$1');
    if (re.test(candidate)) out.push(candidate);
  }
  return out;
}

/** The REST mount paths of the app, in router order (empty when it has no `loopback.rest()` layer). */
export function findRestMounts(lb3App: any): string[] {
  if (!lb3App._router && typeof lb3App.lazyrouter === 'function') lb3App.lazyrouter();
  const stack: ExpressLayer[] = (lb3App._router && lb3App._router.stack) || [];
  const mounts: string[] = [];
  for (const layer of stack) {
    if (!isLoopbackRestLayer(layer)) continue;
    for (const p of layerMountPaths(layer)) if (!mounts.includes(p)) mounts.push(p);
  }
  debug('REST mounts: %j', mounts);
  return mounts;
}
