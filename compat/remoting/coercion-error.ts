/**
 * strong-remoting's argument and return-value errors, from the LB3 error
 * catalogue (compat/errors/lb3-errors.ts): a plain `Error` with a statusCode
 * and no `code`, so strong-error-handler prints `name: "Error"`.
 */
import { lb3Errors } from '../errors/lb3-errors';

/** A 400 argument error exactly as strong-remoting builds it (name 'Error', no code). */
export const coercionError = lb3Errors.invalidArgument;

/** A 500 error without code (strong-remoting's `internalServerError`). */
export const internalError = lb3Errors.invalidReturn;
