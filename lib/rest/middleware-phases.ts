/**
 * Middleware phases: the express stack is a fixed sequence of named phases
 * (loopback-boot's `middleware.json` names), so middleware registered late
 * still lands where it belongs.
 *
 *   initial → session → auth → parse → routes → files → final
 *   (each with :before and :after sub-phases)
 *
 * The REST sequence is mounted in `routes`, the 404 in `final`, the error
 * writer in `final:after`.
 */
import type express from 'express';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:rest:middleware');

export const MIDDLEWARE_PHASES = [
  'initial:before',
  'initial',
  'initial:after',
  'session:before',
  'session',
  'session:after',
  'auth:before',
  'auth',
  'auth:after',
  'parse:before',
  'parse',
  'parse:after',
  'routes:before',
  'routes',
  'routes:after',
  'files:before',
  'files',
  'files:after',
  'final:before',
  'final',
  'final:after',
] as const;

export type MiddlewarePhase = (typeof MIDDLEWARE_PHASES)[number];

/** One registration of {@link PhasedMiddlewareStack.add}. */
export interface MiddlewareEntry {
  handler: RequestHandler | ErrorRequestHandler;
  phase: MiddlewarePhase;
  /** Mount path (express semantics: the handler sees `req.url` relative to it). */
  path?: string;
  /** For debug output only. */
  name?: string;
}

/** Position of a phase in {@link MIDDLEWARE_PHASES}; throws naming the phase when it is unknown. */
export function phaseIndex(phase: string): number {
  const index = (MIDDLEWARE_PHASES as readonly string[]).indexOf(phase);
  if (index < 0) {
    throw new Error(`Unknown middleware phase "${phase}"; expected one of: ${MIDDLEWARE_PHASES.join(', ')}.`);
  }
  return index;
}

/** The slice of express's internal router we rely on (stable across express 4.x; LoopBack 3 sorts it the same way). */
interface ExpressRouterInternals {
  stack: object[];
}

const ROUTES_PHASE = phaseIndex('routes');
/** Express's own `query` and `expressInit` layers always stay first. */
const BUILTIN_RANK = -1;

/**
 * Keeps an express app's layer stack ordered by phase, then by registration
 * order. Layers added with plain `app.use()/get()` count as phase `routes`,
 * as in LoopBack 3.
 */
export class PhasedMiddlewareStack {
  readonly #app: express.Express;
  readonly #rank = new WeakMap<object, { phase: number; seq: number }>();
  #seq = 0;

  constructor(app: express.Express) {
    this.#app = app;
    for (const layer of this.#stack()) this.#rank.set(layer, { phase: BUILTIN_RANK, seq: this.#seq++ });
  }

  /** Mount `entry.handler` in its phase (after the entries already there). */
  add(entry: MiddlewareEntry): void {
    const phase = phaseIndex(entry.phase);
    const stack = this.#stack();
    const before = stack.length;
    if (entry.path !== undefined && entry.path !== '' && entry.path !== '/') this.#app.use(entry.path, entry.handler);
    else this.#app.use(entry.handler);
    for (let i = before; i < stack.length; i++) this.#rank.set(stack[i], { phase, seq: this.#seq++ });
    this.#sort(stack);
    debug('added %s in phase %s%s', entry.name ?? (entry.handler.name || '<anonymous>'), entry.phase, entry.path ? ` at ${entry.path}` : '');
  }

  #stack(): object[] {
    const app = this.#app as unknown as { lazyrouter(): void; _router: ExpressRouterInternals };
    app.lazyrouter();
    return app._router.stack;
  }

  #sort(stack: object[]): void {
    // Untagged layers (added straight on the express app) are ranked lazily, in the routes phase.
    for (const layer of stack) {
      if (!this.#rank.has(layer)) this.#rank.set(layer, { phase: ROUTES_PHASE, seq: this.#seq++ });
    }
    stack.sort((a, b) => {
      const ra = this.#rank.get(a)!;
      const rb = this.#rank.get(b)!;
      return ra.phase - rb.phase || ra.seq - rb.seq;
    });
  }
}
