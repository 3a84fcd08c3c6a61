/**
 * Shadow mode (GitHub Scientist style): the primary implementation answers
 * the request as usual; for GET and HEAD requests that `match`, the request
 * is replayed against a secondary implementation AFTER the response has been
 * sent (on res 'finish'), the two answers are compared and mismatches are
 * counted and reported. The client never waits for, nor sees, the secondary.
 * Writes (POST/PUT/PATCH/DELETE...) are never shadowed: running them twice
 * would change data twice.
 *
 *   request ─► shadow middleware ─► primary ─► response sent ─► 'finish'
 *                                               └─► setImmediate: secondary(req) → compare → stats / onMismatch
 */
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import type { IncomingHttpHeaders, IncomingMessage, RequestListener } from 'http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:rest:shadow');

/** The part of a request the secondary gets (a snapshot; the live request is gone by then). */
export interface ShadowRequest {
  method: 'GET' | 'HEAD';
  /** Full original URL (path + query), e.g. `/api/Products/1?filter=...`. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** One answer, primary or secondary. `body` is parsed JSON for JSON content types, else text. */
export interface ShadowResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: unknown;
}

export interface ShadowMismatch {
  request: ShadowRequest;
  primary: ShadowResponse;
  secondary: ShadowResponse;
  differences: string[];
}

export interface ShadowStats {
  /** GET/HEAD requests that matched and were replayed. */
  shadowed: number;
  matched: number;
  mismatched: number;
  /** The secondary threw or the comparison failed. */
  failed: number;
  /** Matched but not compared (primary body larger than maxBodyBytes). */
  skipped: number;
}

export interface ShadowOptions {
  /** Name in logs. */
  name?: string;
  /** Which GET/HEAD requests to shadow (default: all). Called with the request as the middleware sees it. */
  match?: (req: IncomingMessage) => boolean;
  /** The second implementation. */
  secondary: (req: ShadowRequest) => Promise<ShadowResponse>;
  /** Differences between two answers, empty when they agree (default: status, content type, body). */
  compare?: (primary: ShadowResponse, secondary: ShadowResponse, req: ShadowRequest) => string[];
  /** Called for every mismatch (default: a debug log line). */
  onMismatch?: (mismatch: ShadowMismatch) => void;
  /** Called when the secondary or the comparison fails. */
  onError?: (err: unknown, req: ShadowRequest) => void;
  /** Primary bodies larger than this are not buffered nor compared (default 1 MiB). */
  maxBodyBytes?: number;
}

/** An installed shadow: its express middleware and its counters. */
export interface Shadow {
  readonly middleware: RequestHandler;
  readonly stats: Readonly<ShadowStats>;
  /** Resolves when every secondary started so far has been compared (tests, graceful stops). */
  idle(): Promise<void>;
}

/** Build a shadow middleware; mount it before the routes it should observe. */
export function createShadow(opts: ShadowOptions): Shadow {
  const name = opts.name ?? 'shadow';
  const match = opts.match;
  const compare = opts.compare ?? defaultCompare;
  const maxBytes = opts.maxBodyBytes ?? 1 << 20;
  const onMismatch =
    opts.onMismatch ?? ((m: ShadowMismatch) => debug('%s: %s %s differs: %s', name, m.request.method, m.request.url, m.differences.join('; ')));
  const stats: ShadowStats = { shadowed: 0, matched: 0, mismatched: 0, failed: 0, skipped: 0 };
  const pending = new Set<Promise<void>>();

  const runSecondary = async (request: ShadowRequest, primary: ShadowResponse): Promise<void> => {
    try {
      const secondary = await opts.secondary(request);
      const differences = compare(primary, secondary, request);
      if (differences.length === 0) stats.matched++;
      else {
        stats.mismatched++;
        onMismatch({ request, primary, secondary, differences });
      }
    } catch (err) {
      stats.failed++;
      debug('%s: secondary for %s %s failed: %O', name, request.method, request.url, err);
      opts.onError?.(err, request);
    }
  };

  const middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const method = req.method;
    // Only reads are ever shadowed, whatever `match` says.
    if ((method !== 'GET' && method !== 'HEAD') || (match !== undefined && !match(req))) {
      next();
      return;
    }
    const request: ShadowRequest = { method, url: req.originalUrl ?? req.url ?? '/', headers: { ...req.headers } };
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > maxBytes) return;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      size += buf.length;
      if (size <= maxBytes) chunks.push(buf);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Response['write'];
    res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => Response).call(this, chunk, ...rest);
    } as Response['end'];
    res.once('finish', () => {
      if (size > maxBytes) {
        stats.skipped++;
        return;
      }
      stats.shadowed++;
      const primary = toShadowResponse(res.statusCode, res.getHeaders(), Buffer.concat(chunks));
      // After the response is on its way: the client never waits for the secondary.
      const job = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runSecondary(request, primary));
      pending.add(job);
      void job.finally(() => pending.delete(job));
    });
    next();
  };

  return {
    middleware,
    stats,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/** Build a ShadowResponse from raw parts: JSON content types are parsed (text is kept when parsing fails). */
export function toShadowResponse(status: number, headers: ShadowResponse['headers'], raw: Buffer): ShadowResponse {
  const text = raw.toString('utf8');
  let body: unknown = text;
  if (/\bjson\b/i.test(String(headers['content-type'] ?? '')) && text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
  }
  return { status, headers: { ...headers }, body };
}

/** Status, content type and body (JSON compared structurally, key order included). */
export function defaultCompare(a: ShadowResponse, b: ShadowResponse): string[] {
  const out: string[] = [];
  if (a.status !== b.status) out.push(`status: primary=${a.status} secondary=${b.status}`);
  const ta = String(a.headers['content-type'] ?? '');
  const tb = String(b.headers['content-type'] ?? '');
  if (ta !== tb) out.push(`content-type: primary=${JSON.stringify(ta)} secondary=${JSON.stringify(tb)}`);
  const ba = JSON.stringify(a.body);
  const bb = JSON.stringify(b.body);
  if (ba !== bb) out.push(`body: primary=${clip(ba)} secondary=${clip(bb)}`);
  return out;
}

const clip = (s: string | undefined) => (s === undefined ? '(none)' : s.length > 300 ? s.slice(0, 300) + '…' : s);

/** A secondary that replays the request against another server (e.g. the legacy deployment) at `baseUrl`. */
export function httpSecondary(baseUrl: string, opts: { timeoutMs?: number } = {}): (req: ShadowRequest) => Promise<ShadowResponse> {
  const base = new URL(baseUrl);
  const client = base.protocol === 'https:' ? https : http;
  const prefix = base.pathname.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10000;
  return (req) =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: base.host };
      delete headers['accept-encoding']; // compare plain bodies
      delete headers.connection;
      const r = client.request(
        { protocol: base.protocol, hostname: base.hostname, port: base.port || undefined, method: req.method, path: prefix + req.url, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(toShadowResponse(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
          res.on('error', reject);
        },
      );
      r.setTimeout(timeoutMs, () => r.destroy(new Error(`secondary ${base.origin} did not answer within ${timeoutMs}ms`)));
      r.on('error', reject);
      r.end();
    });
}

/**
 * A secondary served by a Node request listener in this process (e.g. a core
 * Application with native controllers): it listens lazily on a free port on
 * 127.0.0.1 at the first shadowed request. Call `close()` when done.
 */
export function handlerSecondary(handler: RequestListener): { fetch: (req: ShadowRequest) => Promise<ShadowResponse>; close(): Promise<void> } {
  let server: http.Server | undefined;
  let forward: Promise<(req: ShadowRequest) => Promise<ShadowResponse>> | undefined;
  const listen = () =>
    (forward ??= new Promise((resolve, reject) => {
      server = http.createServer(handler);
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(httpSecondary(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
    }));
  return {
    fetch: async (req) => (await listen())(req),
    close: () =>
      new Promise<void>((resolve) => {
        if (server === undefined || !server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
