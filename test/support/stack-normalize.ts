/**
 * Debug-mode error bodies carry `stack`, whose frames name the code that
 * raised the error: they can never be equal between stock LB3 and another
 * implementation. Keep only the first line ("Error: message"), which must
 * still match, and drop the frames, in JSON bodies and HTML error pages.
 */
import { CapturedResponse } from './parity';

const FRAME_LINE = /^\s+at /;

/** A stack (or a text containing one) without its `    at ...` frame lines; `<frames>` marks where they were. */
export function stackHead(stack: string): string {
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    if (!FRAME_LINE.test(line)) out.push(line);
    else if (out[out.length - 1] !== '<frames>') out.push('<frames>');
  }
  return out.join('\n');
}

/** Replace stack frames in `error.stack` (JSON, also nested in `details`) and in text/HTML bodies. */
export function normalizeStacks(res: CapturedResponse): CapturedResponse {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        out[k] = k === 'stack' && typeof child === 'string' ? stackHead(child) : walk(child);
      }
      return out;
    }
    if (typeof v === 'string' && /\n\s+at /.test(v)) return stackHead(v);
    return v;
  };
  const headers = { ...res.headers };
  // the body length changes with the frames, so content-length and ETag cannot be compared either
  if (typeof res.body === 'string' ? /\n\s+at /.test(res.body) : JSON.stringify(res.body ?? null).includes('"stack"')) {
    if (headers['content-length']) headers['content-length'] = '<depends on stack>';
  }
  return { ...res, headers, body: walk(res.body) };
}
