/**
 * The default response writer: JSON through express `res.json` (so the weak
 * ETag and conditional GET behave as in LB3), 204 for no result.
 */
import { writeJson } from './json-sender';
import type { OperationObject, RequestContext } from './types';

/** Writes a route's result to the response. */
export type ResultSender = (ctx: RequestContext, result: unknown) => void;

/** The first numeric 2xx key of `operation.responses`, else 200. */
export function successStatus(operation: OperationObject): number {
  for (const key of Object.keys(operation.responses ?? {})) {
    const status = Number(key);
    if (Number.isInteger(status) && status >= 200 && status < 300) return status;
  }
  return 200;
}

/**
 * Build the default sender for an operation (its success status is computed
 * here, once): `undefined` → 204 with no body, anything else → JSON.
 */
export function buildDefaultSender(operation: OperationObject): ResultSender {
  const status = successStatus(operation);
  return (ctx, result) => {
    const res = ctx.response;
    if (result === undefined) {
      res.status(204).end();
      return;
    }
    res.status(status);
    writeJson(ctx.request, res, result);
  };
}
