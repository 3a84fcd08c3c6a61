/**
 * Streaming returns, as strong-remoting 3.17's `HttpContext` sends them
 * (LB3's `createChangeStream`: `returns: {arg: 'changes', type: 'ReadableStream', json: true}`).
 *
 * Two wire formats, chosen per request:
 * - Server-Sent Events (no Accept, any Accept taking `text/event-stream`, or
 *   `?_format=event-stream`): `:ok`, then `event: data` per chunk, `event: error`
 *   on a stream error, `event: end` when the stream ends.
 * - otherwise newline-delimited mux-demux frames (`application/json; boundary=NL`):
 *   `[id,"new",{opts}]`, `[id,"data",chunk]`, `[id,"error",err]`, `[id,"end"]`, `[id,"close"]`.
 *
 * Like stock, the response is never ended by the server (a finished stream
 * only gets an `end` event/frame); closing the client connection destroys the
 * stream. The framing is our own: strong-remoting's `sse` and `mux-demux`
 * packages are not used at runtime.
 */
import debugFactory from 'debug';
import type { RequestContext } from '../../lib/rest/types';
import type { Lb3Return } from './types';

const debug = debugFactory('lb3-shim:compat:remoting:stream-writer');

/** Return types strong-remoting treats as streams (exact, case-sensitive names). */
export const STREAM_RETURN_TYPES: readonly string[] = ['ReadableStream', 'WriteableStream', 'DuplexStream'];

/** strong-remoting: only the first `returns` entry can make a method a streaming one. */
export function streamReturnOf(returns: Lb3Return[] | Lb3Return | undefined): Lb3Return | undefined {
  const first = Array.isArray(returns) ? returns[0] : returns;
  return first && typeof first.type === 'string' && STREAM_RETURN_TYPES.includes(first.type) ? first : undefined;
}

/** Headers of the SSE answer; Node adds Date and `Transfer-Encoding: chunked` after them. */
const SSE_HEAD = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' };
const SSE_PRELUDE = ':ok\n\n';
const SSE_END = 'event: end\ndata: null\n\n';
const MUX_CONTENT_TYPE = 'application/json; boundary=NL';

/** `?_format=event-stream` or an Accept taking `text/event-stream` (a missing Accept does). */
export function wantsEventStream(req: any): boolean {
  if (req.query && req.query._format === 'event-stream') return true;
  if (req.headers.accept === undefined) return true;
  return !!req.accepts('text/event-stream');
}

/** Error body of the `error` event/frame: `message`, then every enumerable key (inherited too). */
function errorPayload(err: any): Record<string, unknown> {
  const out: Record<string, unknown> = { message: err && err.message };
  for (const key in err) out[key] = err[key];
  return out;
}

/** mux-demux stream ids: two random hex strings. */
function muxStreamId(): string {
  return Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
}

/** How one wire format renders a stream's chunks, its error and its end. */
interface Framing {
  data(chunk: unknown): string;
  error(err: unknown): void;
  end(): void;
}

/**
 * Pump `stream` into `res` with backpressure; when the client goes away,
 * stop listening and destroy the stream (LB3's change stream then drops its
 * model observers).
 */
function pump(stream: any, res: any, framing: Framing): void {
  let open = true;
  const canPause = typeof stream.pause === 'function' && typeof stream.resume === 'function';
  const resume = () => {
    if (open) stream.resume();
  };
  const onData = (chunk: unknown) => {
    if (!open) return;
    if (!res.write(framing.data(chunk)) && canPause) {
      stream.pause();
      res.once('drain', resume);
    }
  };
  const onStreamError = (err: unknown) => {
    if (open) framing.error(err);
  };
  const onStreamEnd = () => {
    if (open) framing.end();
  };
  const onClose = () => {
    open = false;
    stream.removeListener('data', onData);
    stream.removeListener('end', onStreamEnd);
    res.removeListener('drain', resume);
    // keep an error listener: a late error must not crash the process
    stream.removeListener('error', onStreamError);
    stream.on('error', (err: unknown) => debug('stream error after the client left: %s', (err as Error)?.message ?? err));
    debug('client closed the connection: destroying the stream');
    if (typeof stream.destroy === 'function') stream.destroy();
  };
  res.once('close', onClose);
  stream.on('error', onStreamError);
  stream.on('end', onStreamEnd);
  stream.on('data', onData);
}

function sendEventStream(req: any, res: any, stream: any): void {
  res.setHeader('Content-Encoding', 'x-no-compression');
  if (req.socket && typeof req.socket.setNoDelay === 'function') req.socket.setNoDelay(true);
  res.writeHead(200, SSE_HEAD);
  res.write(SSE_PRELUDE);
  pump(stream, res, {
    data: (chunk) => `event: data\ndata: ${JSON.stringify(chunk)}\n\n`,
    error: (err) => res.write(`event: error\ndata: ${JSON.stringify(errorPayload(err))}\n\n`),
    end: () => res.write(SSE_END),
  });
}

/** The mux channel already opened on a response (see {@link buildStreamEarlyStart}). */
const MUX_STARTED = Symbol('lb3-shim:mux-started');

/** Send the mux headers and the channel's `new` frame; returns the channel id. */
function startMux(res: any, contentType: string): string {
  const id = muxStreamId();
  res.setHeader('Content-Type', contentType);
  res.setHeader('Transfer-Encoding', 'chunked');
  res.write(`[${JSON.stringify(id)},"new",{"opts":{"writable":false,"readable":true}}]\n`);
  res[MUX_STARTED] = id;
  return id;
}

function sendMuxStream(res: any, stream: any, contentType: string): void {
  const id: string = res[MUX_STARTED] ?? startMux(res, contentType);
  const prefix = JSON.stringify(id) + ',';
  const endFrames = `[${prefix}"end"]\n[${prefix}"close"]\n`;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    res.write(endFrames);
    // stock destroys the source once its mux channel closes
    if (typeof stream.destroy === 'function') stream.destroy();
  };
  pump(stream, res, {
    data: (chunk) => `[${prefix}"data",${JSON.stringify(chunk === undefined ? null : chunk)}]\n`,
    error: (err) => {
      if (ended) return;
      res.write(`[${prefix}"error",${JSON.stringify(errorPayload(err))}]\n`);
      end();
    },
    end,
  });
}

/**
 * Compile the writer of a streaming method (`desc` from {@link streamReturnOf}).
 * The writer throws (→ error writer, 500) for descriptors strong-remoting
 * rejects and when the result holds no stream; `http.status` is ignored, as stock does.
 */
export function buildStreamWriter(desc: Lb3Return): (ctx: RequestContext, result: unknown) => void {
  const arg = (desc.arg ?? desc.name) as string;
  const contentType = typeof desc.contentType === 'string' ? desc.contentType : MUX_CONTENT_TYPE;
  if (!desc.json || desc.type !== 'ReadableStream') debug('%s stream return "%s" is not supported: 500 per request, as stock', desc.type, arg);
  if (!desc.json) {
    return () => {
      throw new Error('Unsupported stream descriptor, only descriptors with property "json:true" are supported');
    };
  }
  if (desc.type !== 'ReadableStream') {
    const message = `unsupported stream type: ${String(desc.type)}`;
    return () => {
      throw new Error(message);
    };
  }
  return function writeStream(ctx: RequestContext, result: unknown): void {
    const stream: any = result == null ? undefined : (result as any)[arg];
    if (!stream || typeof stream.on !== 'function') {
      // stock crashes after sending the headers here; we answer 500 before writing anything
      throw new TypeError(`The result of a streaming method has no stream in "${arg}" (got ${stream === null ? 'null' : typeof stream})`);
    }
    const req: any = ctx.request;
    if (wantsEventStream(req)) sendEventStream(req, ctx.response, stream);
    else sendMuxStream(ctx.response, stream, contentType);
  };
}

/**
 * What strong-remoting does when it creates the call context, before any
 * hook or ACL check: an SSE request gets `Content-Encoding: x-no-compression`
 * right away, so headers set by before/after hooks, and error answers, come
 * after it. Returns undefined for non-streaming methods. To be called by the
 * route right after the remoting context is created (optional: the writer
 * sets the header too, only its position differs).
 */
export function buildStreamPrelude(returns: Lb3Return[] | Lb3Return | undefined): ((ctx: RequestContext) => void) | undefined {
  const desc = streamReturnOf(returns);
  if (!desc || !desc.json || desc.type !== 'ReadableStream') return undefined;
  return (ctx) => {
    if (wantsEventStream(ctx.request)) (ctx.response as any).setHeader('Content-Encoding', 'x-no-compression');
  };
}

/**
 * The other half of strong-remoting's call-context creation: for a mux
 * (non-SSE) request it pipes its mux-demux stream into the response at once,
 * so the headers and the channel's `new` frame are sent before ACL and hooks
 * (a later ACL denial then only closes the connection; hooks cannot set
 * headers). Returns undefined for non-streaming methods; the stream writer
 * continues the channel opened here.
 */
export function buildStreamEarlyStart(returns: Lb3Return[] | Lb3Return | undefined): ((ctx: RequestContext) => void) | undefined {
  const desc = streamReturnOf(returns);
  if (!desc || !desc.json || desc.type !== 'ReadableStream') return undefined;
  const contentType = typeof desc.contentType === 'string' ? desc.contentType : MUX_CONTENT_TYPE;
  return (ctx) => {
    if (!wantsEventStream(ctx.request)) startMux(ctx.response, contentType);
  };
}
