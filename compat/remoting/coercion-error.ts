/**
 * strong-remoting's argument errors: a plain `Error` with `statusCode: 400`
 * and no `code`, so strong-error-handler prints `name: "Error"`.
 */
import { HttpError } from '../../lib/errors/http-error';

function bare(err: HttpError): HttpError {
  // HttpError declares optional fields as class fields (own `undefined` props); LB3's errors have none.
  const e = err as unknown as Record<string, unknown>;
  for (const key of ['code', 'details', 'expose']) if (e[key] === undefined) delete e[key];
  return err;
}

/** A 400 argument error exactly as strong-remoting builds it (name 'Error', no code). */
export function coercionError(message: string): HttpError {
  return bare(new HttpError(400, message));
}

/** A 500 error without code (strong-remoting's `internalServerError`). */
export function internalError(message: string): HttpError {
  return bare(new HttpError(500, message));
}
