/**
 * strong-remoting 3.17's choice of response format for a successful call:
 * `req.accepts(supportedTypes)`, overridden by `?_format=`, mapped to a
 * content type and a body sender (JSON, JSONP, XML or 406).
 */

/** strong-remoting's default supported types (XML ones are dropped unless `xml: true`). */
export const DEFAULT_SUPPORTED_TYPES = [
  'application/json',
  'application/javascript',
  'application/xml',
  'text/javascript',
  'text/xml',
  'json',
  'xml',
  '*/*',
] as const;

export type BodyKind = 'json' | 'jsonp' | 'xml' | 'not-acceptable';

export interface ResponseFormat {
  kind: BodyKind;
  /** Content-Type with the charset express would add (`res.set` rules). */
  contentType: string;
}

/** express `res.set('Content-Type')`: text/*, application/javascript|json get utf-8. */
function withCharset(type: string): string {
  return /^text\/|^application\/(javascript|json)/.test(type) ? type + '; charset=utf-8' : type;
}

const JSON_FORMAT: ResponseFormat = { kind: 'json', contentType: withCharset('application/json') };
const FORMATS: Record<string, ResponseFormat> = {
  '*/*': JSON_FORMAT,
  'application/json': JSON_FORMAT,
  json: JSON_FORMAT,
  'application/vnd.api+json': { kind: 'json', contentType: withCharset('application/vnd.api+json') },
  'application/javascript': { kind: 'jsonp', contentType: JSON_FORMAT.contentType },
  'text/javascript': { kind: 'jsonp', contentType: JSON_FORMAT.contentType },
  'application/xml': { kind: 'xml', contentType: withCharset('application/xml') },
  'text/xml': { kind: 'xml', contentType: withCharset('text/xml') },
  xml: { kind: 'xml', contentType: withCharset('text/xml') },
};
const NOT_ACCEPTABLE: ResponseFormat = { kind: 'not-acceptable', contentType: withCharset('text/plain') };

/** Map a negotiated type (or `_format` value) to the format strong-remoting uses. */
export function resolveFormat(accepted: string | false): ResponseFormat {
  return (accepted && Object.prototype.hasOwnProperty.call(FORMATS, accepted) && FORMATS[accepted]) || NOT_ACCEPTABLE;
}

export interface NegotiatorOptions {
  /** remoting `rest.xml`: keep the XML types in the Accept negotiation. */
  xml?: boolean;
  /** remoting `rest.supportedTypes`: replaces the default list. */
  supportedTypes?: string[];
}

/**
 * Compile the negotiation once: returns a function giving the response
 * format for a request. Common Accept values skip the negotiator.
 */
export function buildNegotiator(options: NegotiatorOptions = {}): (req: any) => ResponseFormat {
  const types: string[] = options.supportedTypes ?? (options.xml ? [...DEFAULT_SUPPORTED_TYPES] : DEFAULT_SUPPORTED_TYPES.filter((t) => !/\bxml\b/i.test(t)));
  // Without an Accept header the negotiator picks the first supported type.
  const noAccept = resolveFormat(types[0] ?? false);
  const fastJson = types[0] === 'application/json' ? JSON_FORMAT : undefined;
  return function negotiate(req: any): ResponseFormat {
    const format = req.query && req.query._format;
    if (format) return resolveFormat(typeof format === 'string' ? format.toLowerCase() : 'invalid');
    const accept = req.headers.accept;
    if (accept === undefined) return noAccept;
    if (fastJson && (accept === 'application/json' || accept === '*/*')) return fastJson;
    return resolveFormat(req.accepts(types));
  };
}
