/**
 * Interceptor chains, composed once per route. Each interceptor receives the
 * invocation context and a `next()` running the rest of the chain; what it
 * returns becomes the result seen by the interceptor outside it.
 */
import type { InvocationContext, Interceptor } from './types';

/** The innermost step of a chain: the route's target. */
export type ChainTarget = (ctx: InvocationContext) => unknown;

/** A composed chain: always returns a promise, never throws synchronously. */
export type InvocationChain = (ctx: InvocationContext) => Promise<unknown>;

/**
 * Compose `interceptors` (outermost first) around `target`. The composition
 * happens here, once; per call only the `next` closures are allocated.
 * `ctx.result` is set to each level's result as it unwinds, so an outer
 * interceptor can read what the inner ones produced.
 */
export function buildInterceptorChain(interceptors: readonly Interceptor[], target: ChainTarget): InvocationChain {
  let chain: InvocationChain = async (ctx) => {
    const result = await target(ctx);
    ctx.result = result;
    return result;
  };
  for (let i = interceptors.length - 1; i >= 0; i--) {
    const interceptor = interceptors[i];
    const inner = chain;
    chain = async (ctx) => {
      const result = await interceptor(ctx, () => inner(ctx));
      ctx.result = result;
      return result;
    };
  }
  return chain;
}
