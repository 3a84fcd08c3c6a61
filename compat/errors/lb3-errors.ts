/**
 * The LB3 error catalogue: every error compat raises itself, one factory per
 * condition. On the wire each one is exactly what stock LB3 sends (same
 * message, `statusCode`, `code` or no code, same enumerable properties in the
 * same order, `name` "Error"); the internal `id` is for our code, docs and
 * tests only and never reaches a response (a private field, invisible to the
 * error writers' `for…in`). A unit test checks that ids are unique and listed in
 * docs/errors.md.
 *
 * Errors raised by the app's own loopback (e.g. `INVALID_TOKEN` for an
 * expired token, `MODEL_NOT_FOUND` from `findById` of a prototype method) are
 * passed through untouched and are not in this catalogue.
 */

/** Internal ids of the LB3 errors compat raises; a unit test checks they are unique and documented. */
export const LB3_ERROR_IDS = {
  /** ACL denial of an anonymous caller (or a token-less `currentUserLiteral` URL): 401 AUTHORIZATION_REQUIRED. */
  AUTHORIZATION_REQUIRED: 'LB3_AUTHORIZATION_REQUIRED',
  /** ACL denial of a caller with a token: 403 ACCESS_DENIED (or the `aclErrorStatus`). */
  ACCESS_DENIED: 'LB3_ACCESS_DENIED',
  /** ACL denial with `aclErrorStatus: 404`: 404 MODEL_NOT_FOUND. */
  MODEL_NOT_FOUND: 'LB3_MODEL_NOT_FOUND',
  /** No LB3 route matched under restApiRoot: 404, no code. */
  NO_METHOD: 'LB3_NO_METHOD',
  /** An argument failed strong-remoting's coercion or validation: 400, no code. */
  INVALID_ARGUMENT: 'LB3_INVALID_ARGUMENT',
  /** A method returned a value its `returns` type cannot carry: 500, no code. */
  INVALID_RETURN: 'LB3_INVALID_RETURN',
  /** `loopback.token()` found no AccessToken model at request time: 500. */
  TOKEN_MODEL_REQUIRED: 'LB3_TOKEN_MODEL_REQUIRED',
  /** Boot: a native route's `lb3Acl` names a model the LB3 app does not have. */
  UNKNOWN_ACL_MODEL: 'LB3_UNKNOWN_ACL_MODEL',
  /** Boot: `enableAuth()` is on but the app has no usable AccessToken model. */
  UNKNOWN_TOKEN_MODEL: 'LB3_UNKNOWN_TOKEN_MODEL',
  /** Hardening: a body, query or filter holds `__proto__` or `constructor.prototype`: 400 FORBIDDEN_KEY. */
  FORBIDDEN_KEY: 'LB3_HARDENED_FORBIDDEN_KEY',
  /** Hardening: a filter/where is nested too deep or an `inq`/`nin` list is too long: 400 FILTER_TOO_COMPLEX. */
  FILTER_TOO_COMPLEX: 'LB3_HARDENED_FILTER_TOO_COMPLEX',
  /** Hardening: a `regexp`/`like` operator is refused (or too long / nested quantifiers): 400 REGEXP_REFUSED. */
  REGEXP_REFUSED: 'LB3_HARDENED_REGEXP_REFUSED',
  /** Hardening, boot: a datasource could not connect while booting. */
  DATASOURCE_UNAVAILABLE: 'LB3_HARDENED_DATASOURCE_UNAVAILABLE',
} as const;

export type Lb3ErrorId = (typeof LB3_ERROR_IDS)[keyof typeof LB3_ERROR_IDS];

/** The wire codes stock LB3 sends for the catalogue's errors (undefined: LB3 sends none). */
export const LB3_WIRE_CODES = {
  AUTHORIZATION_REQUIRED: 'AUTHORIZATION_REQUIRED',
  ACCESS_DENIED: 'ACCESS_DENIED',
  MODEL_NOT_FOUND: 'MODEL_NOT_FOUND',
} as const;

/** An error compat raises. Own enumerable properties are only the wire ones, in LB3's order. */
export class Lb3Error extends Error {
  declare status?: number;
  declare statusCode?: number;
  declare code?: string;
  readonly #id: Lb3ErrorId;

  /** `wire` is assigned in its own key order, which is the order LB3 creates them in (debug bodies list them so). */
  constructor(id: Lb3ErrorId, message: string, wire: { status?: number; statusCode?: number; code?: string } = {}) {
    super(message);
    this.#id = id;
    Object.assign(this, wire);
  }

  /** The catalogue id (a prototype getter: not enumerable, never written, named so no `safeFields` entry picks it up). */
  get lb3ErrorId(): Lb3ErrorId {
    return this.#id;
  }
}

/** A configuration error found while building the shim (createShim rejects with it, or route registration throws). */
export class Lb3ConfigError extends Error {
  readonly #id: Lb3ErrorId;

  constructor(id: Lb3ErrorId, message: string) {
    super(message);
    this.name = 'Lb3ConfigError';
    this.#id = id;
  }

  get lb3ErrorId(): Lb3ErrorId {
    return this.#id;
  }
}

/** One factory per condition. */
export const lb3Errors = {
  /** The 401 of an anonymous ACL denial, as loopback's `remotes.authorization`. */
  authorizationRequired: (): Lb3Error =>
    new Lb3Error(LB3_ERROR_IDS.AUTHORIZATION_REQUIRED, 'Authorization Required', { statusCode: 401, code: LB3_WIRE_CODES.AUTHORIZATION_REQUIRED }),

  /** The 401 of `loopback.token({ currentUserLiteral })` for a token-less `/me/` URL (sets `status` after `statusCode`, as loopback's `e.status = e.statusCode = 401`). */
  currentUserRequired: (): Lb3Error =>
    new Lb3Error(LB3_ERROR_IDS.AUTHORIZATION_REQUIRED, 'Authorization Required', {
      statusCode: 401,
      status: 401,
      code: LB3_WIRE_CODES.AUTHORIZATION_REQUIRED,
    }),

  /**
   * An ACL denial with the status LB3 picked (see `lb3AclErrorStatus`): 401 AUTHORIZATION_REQUIRED,
   * 404 MODEL_NOT_FOUND naming the model and id, anything else ACCESS_DENIED with that status.
   */
  aclDenied(status: number, modelName: string, modelId: unknown): Lb3Error {
    if (status === 401) return lb3Errors.authorizationRequired();
    if (status === 404) {
      return new Lb3Error(LB3_ERROR_IDS.MODEL_NOT_FOUND, `could not find ${modelName} with id ${modelId}`, {
        statusCode: 404,
        code: LB3_WIRE_CODES.MODEL_NOT_FOUND,
      });
    }
    return new Lb3Error(LB3_ERROR_IDS.ACCESS_DENIED, 'Access Denied', { statusCode: status, code: LB3_WIRE_CODES.ACCESS_DENIED });
  },

  /** strong-remoting's 404 for a request no LB3 route answered; the message names the method and path. */
  noMethod: (message: string): Lb3Error => new Lb3Error(LB3_ERROR_IDS.NO_METHOD, message, { statusCode: 404 }),

  /** strong-remoting's 400 argument error (name "Error", no code); the message names the argument. */
  invalidArgument: (message: string): Lb3Error => new Lb3Error(LB3_ERROR_IDS.INVALID_ARGUMENT, message, { statusCode: 400 }),

  /** strong-remoting's 500 `internalServerError` for a bad return value (no code). */
  invalidReturn: (message: string): Lb3Error => new Lb3Error(LB3_ERROR_IDS.INVALID_RETURN, message, { statusCode: 500 }),

  /** `loopback.token()` without an AccessToken model (loopback's assertion message; no status, so 500). */
  tokenModelRequired: (): Lb3Error => new Lb3Error(LB3_ERROR_IDS.TOKEN_MODEL_REQUIRED, 'loopback.token() middleware requires a AccessToken model'),

  /** A native route's `lb3Acl` names a model the LB3 app does not have. */
  unknownAclModel: (routeId: string, modelName: string): Lb3ConfigError =>
    new Lb3ConfigError(LB3_ERROR_IDS.UNKNOWN_ACL_MODEL, `Route ${routeId} declares meta.lb3Acl for model "${modelName}", which the LB3 app does not have.`),

  /** Hardening: a forbidden key (prototype pollution) anywhere in the input; the message names where. */
  forbiddenKey: (key: string, where: string): Lb3Error =>
    new Lb3Error(LB3_ERROR_IDS.FORBIDDEN_KEY, `The key "${key}" is not allowed in ${where}.`, { statusCode: 400, code: 'FORBIDDEN_KEY' }),

  /** Hardening: a filter over the complexity limit; the message names the argument and the limit. */
  filterTooComplex: (arg: string, reason: string): Lb3Error =>
    new Lb3Error(LB3_ERROR_IDS.FILTER_TOO_COMPLEX, `The \`${arg}\` argument is too complex: ${reason}.`, { statusCode: 400, code: 'FILTER_TOO_COMPLEX' }),

  /** Hardening: a regular-expression operator refused; the message names the operator and why. */
  regexpRefused: (operator: string, reason: string): Lb3Error =>
    new Lb3Error(LB3_ERROR_IDS.REGEXP_REFUSED, `The \`${operator}\` operator is not allowed here: ${reason}.`, { statusCode: 400, code: 'REGEXP_REFUSED' }),

  /** Hardening, boot: a datasource failed to connect while booting. */
  datasourceUnavailable: (name: string, reason: string): Lb3ConfigError =>
    new Lb3ConfigError(LB3_ERROR_IDS.DATASOURCE_UNAVAILABLE, `Datasource "${name}" could not connect while booting: ${reason}`),

  /** `enableAuth()` is on but the token model cannot serve `loopback#token`. */
  unknownTokenModel: (modelName: string, reason: string): Lb3ConfigError =>
    new Lb3ConfigError(LB3_ERROR_IDS.UNKNOWN_TOKEN_MODEL, `The LB3 app enables auth, but its access token model "${modelName}" ${reason}.`),
};
