/**
 * Writes an error to the HTTP response. The default implementation reproduces
 * strong-error-handler 6.0.2 byte for byte (JSON, HTML and XML bodies, status
 * mapping, production masking), because LB3 clients parse that shape.
 */
import type { Request, Response } from 'express';
import { format } from 'util';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:errors:writer');

/** Turns a thrown value into a response. Replaceable through `KEYS.ERROR_WRITER`. */
export interface ErrorWriter {
  write(err: unknown, req: Request, res: Response): void;
}

/** Options of {@link StrongErrorWriter}; the names and meanings are strong-error-handler's. */
export interface StrongErrorWriterOptions {
  /** Send every enumerable property and the stack; never mask 5xx. */
  debug?: boolean;
  /** Print each error to stderr (default true, as strong-error-handler). */
  log?: boolean;
  /** Extra error properties sent in production mode. */
  safeFields?: string[] | string;
  /** 'json' (default), 'html' or 'xml' (or their media types) when the Accept header decides nothing. */
  defaultType?: string;
  /** false: always answer with `defaultType`, ignoring Accept (`?_format` still wins). */
  negotiateContentType?: boolean;
  /** Name of the JSON/XML envelope property (default 'error'); false = no JSON envelope. */
  rootProperty?: string | false;
}

/** The serialized error: a null-prototype object, so key order and `in` checks match strong-error-handler. */
export type ErrorData = Record<string, unknown>;

const SUPPORTED_TYPES = ['application/json', 'json', 'text/html', 'html', 'text/xml', 'xml'];
const MULTIPLE_ERRORS = 'Failed with multiple errors, see `details` for more information.';

/** Reason phrases of the `http-status@1` table strong-error-handler uses (they differ from Node's for 408, 413, 414, 416, 418, 504, 505). */
const REASONS: Record<string, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Time-out',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Request Entity Too Large',
  414: 'Request-URI Too Large', 415: 'Unsupported Media Type', 416: 'Requested Range not Satisfiable',
  417: 'Expectation Failed', 418: "I'm a teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Time-out', 505: 'HTTP Version not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 510: 'Not Extended', 511: 'Network Authentication Required',
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

/** Build the error body (before the `{error: ...}` envelope) exactly as strong-error-handler's data builder. */
export function buildErrorData(err: unknown, options: StrongErrorWriterOptions = {}): ErrorData {
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
 * strong-error-handler as an {@link ErrorWriter}: same status, same bodies,
 * same headers (`X-Content-Type-Options: nosniff`, no ETag), same stderr log.
 */
export class StrongErrorWriter implements ErrorWriter {
  readonly #options: StrongErrorWriterOptions;

  constructor(options: StrongErrorWriterOptions = {}) {
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

    switch (this.#negotiate(req, res)) {
      case 'text/html':
      case 'html':
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(renderHtml(data));
        return;
      case 'text/xml':
      case 'xml':
        res.setHeader('Content-Type', 'text/xml; charset=utf-8');
        res.end(renderXml(this.#options.rootProperty || 'error', data), 'utf-8');
        return;
      default: {
        const root = this.#options.rootProperty;
        const body = root === false ? data : { [root || 'error']: data };
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(safeStringify(body), 'utf-8');
      }
    }
  }

  /** Accept header, then `negotiateContentType: false`, then `?_format`, as strong-error-handler orders them. */
  #negotiate(req: Request, res: Response): string {
    const opts = this.#options;
    const defaultType = opts.defaultType && SUPPORTED_TYPES.includes(opts.defaultType) ? opts.defaultType : 'json';
    const accepted = typeof req.accepts === 'function' ? req.accepts(SUPPORTED_TYPES) : false;
    let type = accepted || defaultType;
    if (opts.negotiateContentType === false && opts.defaultType && SUPPORTED_TYPES.includes(opts.defaultType)) {
      type = opts.defaultType;
    }
    const requested = (req.query as Loose | undefined)?._format;
    if (requested) {
      if (SUPPORTED_TYPES.indexOf(requested) > -1) type = requested;
      // The missing space and the stray quote are strong-error-handler's; clients may match on them.
      else res.set('X-Warning', format('Response _format "%s" is not supportedused "%s" instead"', requested, defaultType));
    }
    return type;
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

// ---------------------------------------------------------------- HTML page
// The page strong-error-handler renders with its handlebars template, reproduced
// as a string so the runtime needs no template engine.

const STYLE =
  '* {\n  margin: 0;\n  padding: 0;\n  outline: 0;\n}\nbody {\n  padding: 80px 100px;\n' +
  '  font: 13px "Helvetica Neue", "Lucida Grande", "Arial";\n' +
  '  background: #ECE9E9 -webkit-gradient(linear, 0% 0%, 0% 100%, from(#fff), to(#ECE9E9));\n' +
  '  background: #ECE9E9 -moz-linear-gradient(top, #fff, #ECE9E9);\n  background-repeat: no-repeat;\n' +
  '  color: #555;\n  -webkit-font-smoothing: antialiased;\n}\nh1, h2 {\n  font-size: 22px;\n  color: #343434;\n}\n' +
  'h1 em, h2 em {\n  padding: 0 5px;\n  font-weight: normal;\n}\nh1 {\n  font-size: 60px;\n}\nh2 {\n  margin: 10px 0;\n}\n' +
  'ul li {\n  list-style: none;\n}\n';
const STANDARD_PROPS = ['name', 'statusCode', 'message', 'stack'];
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;',
};

/** handlebars' `{{value}}`: null/undefined print nothing, everything else via String() and HTML-escaped. */
function esc(value: unknown): string {
  if (value == null) return '';
  let text: string;
  try {
    text = String(value);
  } catch {
    text = Object.prototype.toString.call(value); // null-prototype objects cannot be stringified
  }
  return text.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]);
}

/** handlebars' `{{#if}}` truthiness: 0 is true, an empty array is false. */
function hbTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value || value === 0;
}

function renderHtml(data: ErrorData): string {
  // strong-error-handler drops falsy non-standard properties before rendering.
  const shown = Object.keys(data).filter((key) => !!data[key] || STANDARD_PROPS.includes(key));
  let props = '';
  for (const key of shown) {
    if (!STANDARD_PROPS.includes(key)) props += `          <div><b>${esc(key)}</b>: ${esc(data[key])}</div>\n`;
  }
  const has = (key: string) => shown.includes(key);
  const name = has('name') ? data.name : undefined;
  const stack = has('stack') ? data.stack : undefined;
  return (
    '<html>\n  <head>\n    <meta charset="utf-8" />\n' +
    `    <title>${esc(name)}${hbTruthy(name) ? '' : esc(has('message') ? data.message : undefined)}</title>\n` +
    `    <style>\n      ${esc(STYLE)}\n    </style>\n  </head>\n  <body>\n    <div id="wrapper">\n` +
    `      <h1>${esc(name)}</h1>\n      <h2>\n` +
    `        <em>${esc(has('statusCode') ? data.statusCode : undefined)}</em> ${esc(has('message') ? data.message : undefined)}\n` +
    '      </h2>\n' +
    props +
    (hbTruthy(stack) ? `        <pre id="stacktrace">${stack == null ? '' : String(stack)}</pre>\n` : '') +
    '    </div>\n  </body>\n</html>\n'
  );
}

// ----------------------------------------------------------------- XML body
// js2xmlparser 5's default output: one element per key, arrays repeat the
// element, everything else printed with toString(), 4-space indentation.

interface XmlElement { name: string; children: Array<XmlElement | string> }

function tagOf(value: unknown): string {
  return Object.prototype.toString.call(value);
}

function toXmlText(value: unknown): string {
  if (value != null && typeof (value as Loose).toString === 'function') return String((value as Loose).toString());
  return String(value);
}

function appendValue(key: string, value: unknown, parent: XmlElement, ancestors: unknown[]): void {
  const tag = tagOf(value);
  const isMap = tag === '[object Map]';
  const isList = tag === '[object Array]' || tag === '[object Set]';
  if ((isMap || isList || tag === '[object Object]') && ancestors.includes(value)) {
    // js2xmlparser would recurse forever; print what the JSON body prints instead.
    parent.children.push('[Circular]');
    return;
  }
  ancestors.push(value);
  if (isMap) {
    for (const [k, v] of value as Map<unknown, unknown>) appendEntry(toXmlText(k), v, parent, ancestors);
  } else if (isList) {
    for (const item of value as Iterable<unknown>) appendEntry(key, item, parent, ancestors);
  } else if (tag === '[object Object]') {
    for (const k of Object.keys(value as Loose)) appendEntry(k, (value as Loose)[k], parent, ancestors);
  } else {
    parent.children.push(toXmlText(value));
  }
  ancestors.pop();
}

function appendEntry(key: string, value: unknown, parent: XmlElement, ancestors: unknown[]): void {
  const tag = tagOf(value);
  // A nested array repeats its items under the same name instead of wrapping them.
  let target = parent;
  if (tag !== '[object Array]' && tag !== '[object Set]') {
    target = { name: key, children: [] };
    parent.children.push(target);
  }
  appendValue(key, value, target, ancestors);
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/]]>/g, ']]&gt;');
}

function xmlElementToString(el: XmlElement, indent: string): string {
  const inner = indent + '    ';
  const allText = el.children.every((c) => typeof c === 'string');
  let body = '';
  el.children.forEach((child, i) => {
    let str = typeof child === 'string' ? escapeXmlText(child) : xmlElementToString(child, inner);
    if (typeof child === 'string' && str === '') return;
    const sameLineAsPrevious = i > 0 && typeof child === 'string' && typeof el.children[i - 1] === 'string';
    if (!allText && !sameLineAsPrevious) str = '\n' + inner + str;
    body += str;
  });
  if (el.children.length > 0 && !allText) body += '\n' + indent;
  return body.length === 0 ? `<${el.name}/>` : `<${el.name}>${body}</${el.name}>`;
}

function renderXml(rootName: string, data: ErrorData): string {
  const root: XmlElement = { name: rootName, children: [] };
  appendValue(rootName, data, root, []);
  return "<?xml version='1.0'?>\n" + xmlElementToString(root, '');
}
