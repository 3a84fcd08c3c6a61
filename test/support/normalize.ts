/**
 * Normalisation of per-run values before two HTTP responses are compared:
 * timestamps taken "now" (defaultFn, login `created`, ...) and random 64-char
 * token ids differ between two runs of the same app, everything else must not.
 */
import * as crypto from 'crypto';

/** How far from the current time an ISO timestamp may be to count as "now" (both directions). */
export const NOW_WINDOW_MS = 24 * 60 * 60 * 1000;

const ISO_RE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z/g;
const TOKEN_RE = /\b[A-Za-z0-9]{64}\b/g;
const ISO_EXACT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const TOKEN_EXACT = /^[A-Za-z0-9]{64}$/;

export const NOW_PLACEHOLDER = '<now:iso>';
export const TOKEN_PLACEHOLDER = '<token:64>';
export const ETAG_PLACEHOLDER = '<etag:matches-body>';

/** True when `s` is an ISO-8601 UTC timestamp within NOW_WINDOW_MS of the current time. */
export function isRecentIso(s: string, now: number = Date.now()): boolean {
  const t = Date.parse(s);
  return !Number.isNaN(t) && Math.abs(t - now) <= NOW_WINDOW_MS;
}

/** Replace recent ISO timestamps and 64-char token ids inside free text (HTML, XML, JSONP...). */
export function normalizeText(text: string): string {
  const now = Date.now();
  return text
    .replace(ISO_RE, (m) => (isRecentIso(m, now) ? NOW_PLACEHOLDER : m))
    .replace(TOKEN_RE, TOKEN_PLACEHOLDER);
}

/** Deep copy of a parsed JSON value with per-run strings replaced; key order is preserved. */
export function normalizeJson(value: unknown): unknown {
  const now = Date.now();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (ISO_EXACT.test(v) && isRecentIso(v, now)) return NOW_PLACEHOLDER;
      if (TOKEN_EXACT.test(v)) return TOKEN_PLACEHOLDER;
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) out[k] = walk(child);
      return out;
    }
    return v;
  };
  return walk(value);
}

/** Express' default weak ETag of a body (the `etag` package algorithm). */
export function weakEtagOf(body: Buffer): string {
  const hash = crypto.createHash('sha1').update(body).digest('base64').substring(0, 27);
  return `W/"${body.length.toString(16)}-${hash}"`;
}

/**
 * An ETag that is exactly Express' weak ETag of the body sent becomes a
 * placeholder (so per-run bodies still compare equal); any other value is kept
 * verbatim, so a wrong/strong/missing ETag still shows up as a difference.
 */
export function normalizeEtag(etag: string, body: Buffer): string {
  return etag === weakEtagOf(body) ? ETAG_PLACEHOLDER : normalizeText(etag);
}
