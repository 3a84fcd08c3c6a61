/**
 * LB3 remote-method metadata as strong-remoting 3 reads it, and the call
 * context LB3 user code sees as `ctx` (an HttpContext look-alike).
 */

/** One entry of a remote method's `accepts`. */
export interface Lb3Accept {
  arg: string;
  /** Type name ('number', 'Customer'...), `['type']` array form, 'array', or an inline object definition. */
  type?: string | string[] | unknown;
  http?:
    | { source?: 'path' | 'query' | 'body' | 'form' | 'formData' | 'header' | 'req' | 'res' | 'context' | string }
    | ((ctx: any) => unknown)
    | string /* 'optionsFromRequest' */;
  required?: boolean;
  root?: boolean;
  /** Allow an array of objects for an `object` argument (PersistedModel bulk create). */
  allowArray?: boolean;
  [k: string]: unknown;
}

/** One entry of a remote method's `returns`. */
export interface Lb3Return {
  arg?: string;
  type?: unknown;
  root?: boolean;
  http?: { target?: 'header' | 'status' | string; header?: string };
  [k: string]: unknown;
}

/** The object LB3 user code sees as `ctx` (HttpContext look-alike); built by the compat shared-method route. */
export interface RemotingCallContext {
  req: any;
  res: any;
  args: Record<string, unknown>;
  result?: unknown;
  method: any;
  methodString: string;
  options?: unknown;
  instance?: unknown;
  error?: unknown;
  [k: string]: unknown;
}

/**
 * How one remoting type turns request values into argument values (backed by
 * the app's strong-remoting type registry, see type-conversion.ts). Each
 * function throws the LB3 400 error instead of returning `{error}`; `ctx` is
 * the call's HttpContext look-alike, handed to the registry's converter.
 */
export interface TypeConverter {
  /** Values from JSON bodies and custom `http` functions: no string coercion. */
  fromTyped(value: unknown, ctx?: unknown): unknown;
  /** Values from query, path, headers and urlencoded bodies. */
  fromSloppy(value: unknown, ctx?: unknown): unknown;
  /** Check at invoke time (after before-hooks may have changed `ctx.args`); returns the error, if any. */
  validate(value: unknown, ctx?: unknown): Error | undefined;
}

/** What the response writer needs to send and the header/status targets need to be set. */
export interface ResponseLike {
  status(code: number): unknown;
  set(field: string, value: unknown): unknown;
}
