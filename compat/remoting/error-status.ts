/**
 * LB3's `http.errorStatus`: strong-remoting sets the response status for a
 * failed call and strong-error-handler then copies it onto errors that carry
 * no `statusCode`/`status` of their own.
 */

/**
 * Apply `http.errorStatus` to an error without a status (LB3 rule); returns
 * the (possibly updated, same object) error. Non-objects pass through, and a
 * status below 400 is ignored (strong-error-handler only copies error statuses).
 */
export function applyErrorStatus(err: unknown, errorStatus?: number): unknown {
  if (!errorStatus || errorStatus < 400) return err;
  if (err === null || (typeof err !== 'object' && typeof err !== 'function')) return err;
  const e = err as { status?: unknown; statusCode?: unknown };
  if (!e.status && !e.statusCode) e.statusCode = errorStatus;
  return err;
}
