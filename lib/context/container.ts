/**
 * The root container and the few operations the core needs on top of awilix:
 * resolving with readable errors and enumerating a family of keys.
 */
import { AwilixResolutionError, createContainer, InjectionMode } from 'awilix';
import type { AwilixContainer } from 'awilix';
import debugFactory from 'debug';
import { ResolutionError } from './resolution.error';

const debug = debugFactory('lb3-shim:context');

/**
 * Creates a root container in PROXY injection mode (classes receive the
 * cradle; no parsing of `Function.toString()`).
 */
export function createRootContainer(): AwilixContainer {
  return createContainer({ injectionMode: InjectionMode.PROXY, strict: false });
}

/**
 * Resolves `key` from `container`. A missing binding or a cycle is rethrown
 * as a {@link ResolutionError} naming the key and the resolution path; errors
 * thrown by the bound class/factory itself pass through unchanged.
 */
export function resolveKey<T = unknown>(container: AwilixContainer, key: string): T {
  try {
    return container.resolve<T>(key);
  } catch (err) {
    if (err instanceof AwilixResolutionError) {
      const wrapped = ResolutionError.fromAwilix(err, key);
      debug('%s', wrapped.message);
      throw wrapped;
    }
    throw err;
  }
}

/**
 * Keys registered in `container` (or its ancestors) that start with `prefix`,
 * in registration order, e.g. `bindingKeys(c, KEY_PREFIX.REPOSITORY)`.
 * Rolls up the whole registration table: meant for boot time, not per request.
 */
export function bindingKeys(container: AwilixContainer, prefix: string): string[] {
  return Object.keys(container.registrations).filter((k) => k.startsWith(prefix));
}
