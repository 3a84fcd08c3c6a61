/**
 * Writes an error to the HTTP response. The core's own writer answers in JSON
 * only, in the shape LB3 clients parse (strong-error-handler's JSON body:
 * `{error: {statusCode, name, message, code, details}}`, 5xx masked in
 * production mode). An LB3 app served by compat binds a writer backed by the
 * app's own strong-error-handler instead (HTML and XML included).
 */
import type { Request, Response } from 'express';
import { format } from 'util';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:errors:writer');

/** Turns a thrown value into a response. Replaceable through `KEYS.ERROR_WRITER`. */
export interface ErrorWriter {
  write(err: unknown, req: Request, res: Response): void;
}

/** Options of {@link JsonErrorWriter}; the names and meanings are strong-error-handler's. */
export interface JsonErrorWriterOptions {
  /** Send every enumerable property and the stack; never mask 5xx. */
  debug?: boolean;
  /** Print each error to stderr (default true, as strong-error-handler). */
  log?: boolean;
  /** Extra error properties sent in production mode. */
  safeFields?: string[] | string;
  /** Name of the envelope property (default 'error'); false = no envelope. */
  rootProperty?: string | false;
}

/** The serialized error: a null-prototype object, so key order and `in` checks match strong-error-handler. */
export type ErrorData = Record<string, unknown>;

const MULTIPLE_ERRORS = 'Failed with multiple errors, see `details` for more information.';

/** Reason phrases of the `http-status@1` table strong-error-handler uses (they differ from Node's for 408, 413, 414, 416, 418, 504, 505). */
const REASONS: Record<string, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Time-out',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  415: 'Unsupported Media Type',
  416: 'Requested Range not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Time-out',
  505: 'HTTP Version not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function isObjectLike(value: unknown): value is Loose {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function reasonPhrase(status: unknown): string {
  return Object.prototype.hasOwnProperty.call(REASONS, String(status)) ? REASONS[String(status)] : 'Unknown Error';
}

/**
 * The response status strong-error-handler derives: `statusCode`, then `status`;
 * missing or below 400 means 500. Non-objects are always 500.
 */
export function errorStatus(err: unknown): number {
  const e = (typeof err === 'object' && err !== null ? err : undefined) as Loose | undefined;
  const status = e !== undefined ? e.statusCode || e.status : undefined;
  return !status || status < 400 ? 500 : status;
}

/** Build the error body (before the `{error: ...}` envelope) as strong-error-handler's data builder does. */
export function buildErrorData(err: unknown, options: JsonErrorWriterOptions = {}): ErrorData {
  if (Array.isArray(err)) {
    return { statusCode: 500, message: MULTIPLE_ERRORS, details: err.map((e) => buildErrorData(e, options)) };
  }
  const data: ErrorData = Object.create(null);
  data.statusCode = errorStatus(err);
  const source: Loose = typeof err === 'object' && err !== null ? err : { statusCode: 500, message: String(err) };

  if (options.debug) {
    data.name = source.name;
    data.message = source.message;
    for (const key in source) {
      if (!(key in data)) data[key] = source[key];
    }
    data.stack = source.stack; // last, so the order is stable
    return data;
  }

  const status = data.statusCode as number;
  if (status >= 400 && status <= 499) {
    data.name = source.name;
    data.message = source.message;
    data.code = source.code;
    data.details = source.details;
  } else if (source.expose) {
    data.name = reasonPhrase(status);
    data.message = source.message;
  } else {
    data.message = reasonPhrase(status);
  }
  const safeFields = options.safeFields === undefined ? [] : ([] as string[]).concat(options.safeFields);
  for (const field of safeFields) {
    if (source[field] !== undefined) data[field] = source[field];
  }
  return data;
}

/**
 * The core's error writer: strong-error-handler's status, JSON body and
 * headers (`X-Content-Type-Options: nosniff`, no ETag) and stderr log, always
 * as JSON whatever the Accept header says.
 */
export class JsonErrorWriter implements ErrorWriter {
  readonly #options: JsonErrorWriterOptions;

  constructor(options: JsonErrorWriterOptions = {}) {
    this.#options = { ...options };
  }

  write(err: unknown, req: Request, res: Response): void {
    if (this.#options.log !== false) logError(req, err);
    if (res.headersSent) {
      // Half a response is on the wire: the only honest signal left is to cut the connection.
      debug('response already sent, destroying the socket of %s %s', req.method, req.url);
      req.socket.destroy();
      return;
    }
    // As strong-error-handler: a status already put on the response becomes the error's.
    if (isObjectLike(err) && !err.status && !err.statusCode && res.statusCode >= 400) err.statusCode = res.statusCode;

    const data = buildErrorData(err, this.#options);
    debug('%s %s -> %s', req.method, req.url, data.statusCode);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.statusCode = data.statusCode as number;
    const root = this.#options.rootProperty;
    const body = root === false ? data : { [root || 'error']: data };
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(safeStringify(body), 'utf-8');
  }
}

function logError(req: Request, err: unknown): void {
  const url = req.originalUrl || req.url;
  if (!Array.isArray(err)) {
    console.error(format('Request %s %s failed: %s', req.method, url, stackOrValue(err)));
    return;
  }
  const errors = err.map((e) => format('%s', stackOrValue(e))).join('\n');
  console.error(format('Request %s %s failed with multiple errors:\n', req.method, url), errors);
}

function stackOrValue(err: unknown): unknown {
  return (isObjectLike(err) && err.stack) || err;
}

/** JSON.stringify that prints '[Circular]' for a reference to an ancestor (fast-safe-stringify's rule). */
function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof TypeError) || !/circular/i.test(e.message)) throw e;
  }
  const ancestors: unknown[] = [];
  return JSON.stringify(value, function (this: unknown, _key, val: unknown) {
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (typeof val !== 'object' || val === null) return val;
    if (ancestors.includes(val)) return '[Circular]';
    ancestors.push(val);
    return val;
  });
}
