/**
 * Sending one request with exact control over method, path, headers and
 * body, and keeping a normalised copy of the response.
 */
import * as http from 'http';
import * as https from 'https';
import { BASIC_RULES, normalizeEtag, normalizeJson, normalizeText, type NormalizeRule } from './normalize';
import type { CapturedResponse } from './types';

/** A request as sent by the library. */
export interface HttpRequestSpec {
  method: string;
  /** Path + query string exactly as sent. */
  path: string;
  headers?: Record<string, string>;
  /** A JSON body: serialised with JSON.stringify, `Content-Type: application/json` unless set in headers. */
  json?: unknown;
  /** A raw body sent verbatim. */
  body?: string | Buffer;
  /** Keep status and headers only and abort after the headers (endless streams such as change-stream). */
  headersOnly?: boolean;
}

export interface SendOptions {
  /** Normalisation rules (default BASIC_RULES). */
  rules?: readonly NormalizeRule[];
  /** Default 15000. */
  timeoutMs?: number;
}

/** Headers that differ per connection or per second and are never compared. */
export const IGNORED_HEADERS: ReadonlySet<string> = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** Where requests go: a port on 127.0.0.1 or a base URL (`http://host:3000`, optionally with a path prefix). */
export type Destination = number | string;

/** Send one request; never rejects (a failure is status 0 with the reason as body). */
export function sendRequest(
  dest: Destination,
  req: HttpRequestSpec,
  opts: SendOptions = {},
): Promise<CapturedResponse & { raw: Buffer; setCookies: string[] }> {
  const timeoutMs = opts.timeoutMs ?? 15000;
  const rules = opts.rules ?? BASIC_RULES;
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
    let payload: Buffer | undefined;
    if (req.json !== undefined) {
      payload = Buffer.from(JSON.stringify(req.json));
      if (!has('content-type')) headers['Content-Type'] = 'application/json';
    } else if (req.body !== undefined) {
      payload = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    }
    if (payload && !has('content-length')) headers['Content-Length'] = String(payload.length);

    let done = false;
    const finish = (r: CapturedResponse & { raw: Buffer; setCookies: string[] }) => {
      if (done) return;
      done = true;
      resolve(r);
    };
    const failure = (msg: string) => finish({ status: 0, headers: {}, body: `<request failed: ${msg}>`, rawBody: '', raw: Buffer.alloc(0), setCookies: [] });

    let target: http.RequestOptions;
    let client: typeof http | typeof https = http;
    if (typeof dest === 'number') {
      target = { host: '127.0.0.1', port: dest, path: req.path };
    } else {
      const base = new URL(dest);
      client = base.protocol === 'https:' ? https : http;
      target = { protocol: base.protocol, hostname: base.hostname, port: base.port || undefined, path: base.pathname.replace(/\/+$/, '') + req.path };
    }
    let httpReq: http.ClientRequest;
    try {
      httpReq = client.request({ ...target, method: req.method, headers, agent: false }, (res) => {
        // the raw Set-Cookie lines (the capture joins them into one normalised header)
        const setCookies = res.headers['set-cookie'] ?? [];
        const captured = (raw: Buffer) => finish({ ...captureResponse(res, raw, { headersOnly: !!req.headersOnly, rules }), raw, setCookies });
        if (req.headersOnly) {
          captured(Buffer.alloc(0));
          res.on('error', () => undefined);
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => captured(Buffer.concat(chunks)));
        res.on('error', (err) => failure(err.message));
      });
    } catch (err) {
      failure((err as Error).message);
      return;
    }
    httpReq.setTimeout(timeoutMs, () => {
      failure(`timeout after ${timeoutMs}ms`);
      httpReq.destroy();
    });
    httpReq.on('error', (err) => failure(err.message));
    httpReq.end(payload);
  });
}

/** Build the normalised capture of a received response. */
export function captureResponse(
  res: http.IncomingMessage,
  raw: Buffer,
  opts: { headersOnly?: boolean; rules?: readonly NormalizeRule[] } = {},
): CapturedResponse {
  const rules = opts.rules ?? BASIC_RULES;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (IGNORED_HEADERS.has(name) || value === undefined) continue;
    const v = Array.isArray(value) ? value.join(', ') : value;
    headers[name] = name === 'etag' ? normalizeEtag(v, raw, rules) : normalizeText(v, rules);
  }
  const rawBody = raw.toString('utf8');
  let body: unknown = normalizeText(rawBody, rules);
  const type = headers['content-type'] ?? '';
  if (!opts.headersOnly && /\bjson\b/i.test(type) && rawBody.length > 0) {
    try {
      body = normalizeJson(JSON.parse(rawBody), rules);
    } catch {
      // not JSON after all (e.g. the change-stream NDJSON): compare as text
    }
  }
  const etag = res.headers.etag;
  const headerOrder = res.rawHeaders
    .filter((_, i) => i % 2 === 0)
    .map((h) => h.toLowerCase())
    .filter((h) => !IGNORED_HEADERS.has(h));
  return { status: res.statusCode ?? 0, headers, body, rawBody, rawEtag: typeof etag === 'string' ? etag : undefined, headerOrder };
}
