/**
 * The core's error catalogue: one base class carrying statusCode/code, and one
 * factory per condition. Messages name the offending argument, path or key.
 * The wire shape is strong-error-handler's, written by the ErrorWriter.
 */
export class HttpError extends Error {
  statusCode: number;
  code?: string;
  details?: unknown;
  /** When true a 5xx message is shown in production mode (strong-error-handler's `expose`). */
  expose?: boolean;

  constructor(statusCode: number, message: string, opts: { code?: string; details?: unknown; name?: string; expose?: boolean } = {}) {
    super(message);
    this.statusCode = statusCode;
    if (opts.code !== undefined) this.code = opts.code;
    if (opts.details !== undefined) this.details = opts.details;
    if (opts.expose !== undefined) this.expose = opts.expose;
    this.name = opts.name ?? 'Error';
  }
}

/** Error codes used by the core; a unit test checks they are unique and listed in docs/errors.md. */
export const ERROR_CODES = {
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  MISSING_REQUIRED_ARGUMENT: 'MISSING_REQUIRED_ARGUMENT',
  INVALID_BODY: 'INVALID_BODY',
  AUTHENTICATION_REQUIRED: 'AUTHENTICATION_REQUIRED',
  ACCESS_DENIED: 'ACCESS_DENIED',
  ENTITY_NOT_FOUND: 'ENTITY_NOT_FOUND',
  BODY_TOO_DEEP: 'BODY_TOO_DEEP',
  AUTHORIZATION_REQUIRED: 'AUTHORIZATION_REQUIRED',
  MODEL_NOT_FOUND: 'MODEL_NOT_FOUND',
  INVALID_TOKEN: 'INVALID_TOKEN',
} as const;

export const errors = {
  routeNotFound: (verb: string, path: string) =>
    new HttpError(404, `Endpoint "${verb.toUpperCase()} ${path}" not found.`, { code: ERROR_CODES.ROUTE_NOT_FOUND, name: 'NotFoundError' }),
  invalidArgument: (arg: string, reason: string, details?: unknown) =>
    new HttpError(400, `Invalid argument "${arg}": ${reason}`, { code: ERROR_CODES.INVALID_ARGUMENT, name: 'BadRequestError', details }),
  missingRequired: (arg: string) =>
    new HttpError(400, `Required argument "${arg}" is missing.`, { code: ERROR_CODES.MISSING_REQUIRED_ARGUMENT, name: 'BadRequestError' }),
  invalidBody: (reason: string, details?: unknown) =>
    new HttpError(422, `The request body is invalid: ${reason}`, { code: ERROR_CODES.INVALID_BODY, name: 'UnprocessableEntityError', details }),
  authenticationRequired: () => new HttpError(401, 'Authentication is required.', { code: ERROR_CODES.AUTHENTICATION_REQUIRED, name: 'UnauthorizedError' }),
  accessDenied: () => new HttpError(403, 'Access denied.', { code: ERROR_CODES.ACCESS_DENIED, name: 'ForbiddenError' }),
  bodyTooDeep: (maxDepth: number) =>
    new HttpError(400, `The request body is nested deeper than ${maxDepth} levels.`, { code: ERROR_CODES.BODY_TOO_DEEP, name: 'BadRequestError' }),
  /** An access rule denied an anonymous caller (LB3's wording and code). */
  authorizationRequired: () => new HttpError(401, 'Authorization Required', { code: ERROR_CODES.AUTHORIZATION_REQUIRED }),
  /** An access rule denied a caller with a token (status: the model's `aclErrorStatus`, default 403 here; LB3's wording). */
  aclAccessDenied: (status = 403) => new HttpError(status, 'Access Denied', { code: ERROR_CODES.ACCESS_DENIED }),
  /** An access rule denied a caller of a model whose `aclErrorStatus` is 404 (LB3's wording). */
  aclModelNotFound: (model: string, id: unknown) => new HttpError(404, `could not find ${model} with id ${id}`, { code: ERROR_CODES.MODEL_NOT_FOUND }),
  /** The request's access token has expired (or is otherwise invalid), as LB3's token middleware answers. */
  invalidToken: () => new HttpError(401, 'Invalid Access Token', { code: ERROR_CODES.INVALID_TOKEN }),
  entityNotFound: (model: string, id: unknown) =>
    new HttpError(404, `Entity not found: ${model} with id ${JSON.stringify(id)}`, { code: ERROR_CODES.ENTITY_NOT_FOUND, name: 'EntityNotFoundError' }),
};
