/**
 * The per-request child container. It is created lazily (only when a route
 * actually touches `RequestContext.scope`), so it must stay cheap: four
 * registrations, no awilix builder objects. Routes that need no per-request
 * bindings (e.g. singleton controllers) never create one.
 */
import { Lifetime } from 'awilix';
import type { AwilixContainer, Resolver } from 'awilix';
import { KEYS } from '../keys';

/** A resolver that returns a fixed value (what `asValue` does, minus the factory call). */
class ValueResolver implements Resolver<unknown> {
  readonly isLeakSafe = true;
  constructor(private readonly value: unknown) {}
  resolve(): unknown {
    return this.value;
  }
}

/**
 * Reads the principal at resolution time: authentication runs after the scope
 * may already exist, so a value captured at creation could be stale.
 */
class PrincipalResolver implements Resolver<unknown> {
  readonly lifetime = Lifetime.TRANSIENT;
  readonly isLeakSafe = true;
  constructor(
    private readonly requestContext: unknown,
    private readonly fallback: unknown,
  ) {}
  resolve(): unknown {
    const ctx = this.requestContext as { principal?: unknown } | null | undefined;
    const principal = ctx != null ? ctx.principal : undefined;
    return principal !== undefined ? principal : this.fallback;
  }
}

/**
 * Creates the scope for one request from the root container, binding
 * {@link KEYS.REQUEST}, {@link KEYS.RESPONSE} and {@link KEYS.REQUEST_CONTEXT}
 * as values and {@link KEYS.PRINCIPAL} as `requestContext.principal` read at
 * resolution time (`values.principal` when the context has none).
 */
export function createRequestScope(
  root: AwilixContainer,
  values: { request: unknown; response: unknown; requestContext: unknown; principal?: unknown },
): AwilixContainer {
  // awilix's createScope() dominates the cost (a Proxy and ~15 closures, a few µs);
  // one register() call for the four keys is cheaper than four.
  const scope = root.createScope();
  scope.register({
    [KEYS.REQUEST]: new ValueResolver(values.request),
    [KEYS.RESPONSE]: new ValueResolver(values.response),
    [KEYS.REQUEST_CONTEXT]: new ValueResolver(values.requestContext),
    [KEYS.PRINCIPAL]: new PrincipalResolver(values.requestContext, values.principal),
  });
  return scope;
}
