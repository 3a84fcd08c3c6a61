/**
 * How things are registered in the container: a `BindingSource` (value,
 * class or factory) plus a lifetime is turned into an awilix resolver.
 */
import { asClass, asFunction, asValue, Lifetime as AwilixLifetime } from 'awilix';
import type { AwilixContainer, LifetimeType, Resolver } from 'awilix';

/**
 * How long a resolved instance lives:
 * - `singleton`: one instance for the container it is bound in;
 * - `transient`: a new instance per resolution;
 * - `scoped`: one instance per scope, i.e. per request.
 */
export type Lifetime = 'singleton' | 'transient' | 'scoped';

/**
 * What a key is bound to. Classes are constructed with the container cradle
 * (awilix PROXY mode: `new Cls(cradle)`), factories are called with it.
 */
export type BindingSource =
  | { value: unknown }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | { class: new (cradle: any) => unknown; lifetime?: Lifetime }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | { factory: (cradle: any) => unknown; lifetime?: Lifetime };

const AWILIX_LIFETIME: Record<Lifetime, LifetimeType> = {
  singleton: AwilixLifetime.SINGLETON,
  transient: AwilixLifetime.TRANSIENT,
  scoped: AwilixLifetime.SCOPED,
};

/** Is `x` a well-formed BindingSource? */
export function isBindingSource(x: unknown): x is BindingSource {
  if (x === null || typeof x !== 'object') return false;
  const s = x as Record<string, unknown>;
  return 'value' in s || typeof s.class === 'function' || typeof s.factory === 'function';
}

/**
 * Turns a BindingSource into an awilix resolver bound to `owner`.
 *
 * Singletons are always built against `owner` (normally the root container),
 * never against the request scope that happened to ask first: otherwise a
 * singleton could capture the first request's `request`/`principal` forever.
 */
export function toResolver(owner: AwilixContainer, key: string, source: BindingSource, defaultLifetime: Lifetime = 'transient'): Resolver<unknown> {
  if (!isBindingSource(source)) {
    throw new TypeError(`Invalid binding source for "${key}": expected { value }, { class } or { factory }.`);
  }
  if ('value' in source) return asValue(source.value);
  const lifetime = source.lifetime ?? defaultLifetime;
  const awilixLifetime = AWILIX_LIFETIME[lifetime];
  if (awilixLifetime === undefined) {
    throw new TypeError(`Invalid lifetime "${String(lifetime)}" for "${key}": expected singleton, transient or scoped.`);
  }
  const resolver =
    'class' in source
      ? asClass(source.class as new (cradle: unknown) => unknown, { lifetime: awilixLifetime })
      : asFunction(source.factory, { lifetime: awilixLifetime });
  if (lifetime !== 'singleton') return resolver;
  return { lifetime: awilixLifetime, resolve: () => resolver.resolve(owner) };
}

/**
 * Registers `source` under `key` in `container` (replacing any previous binding).
 * @param defaultLifetime lifetime used when a class/factory source gives none (default `transient`).
 */
export function bindSource(container: AwilixContainer, key: string, source: BindingSource, defaultLifetime: Lifetime = 'transient'): void {
  container.register(key, toResolver(container, key, source, defaultLifetime));
}
