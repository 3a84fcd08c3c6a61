import type { ParityRequest } from './parity';

/**
 * Add a HEAD request right after every GET (same path and headers), so each
 * GET route is also checked for LB3's HEAD behaviour (express serves HEAD from
 * the GET route unless an explicit HEAD route, such as exists, comes first).
 * Streaming endpoints and conditional GETs are skipped.
 */
export function withHeadVariants(requests: readonly ParityRequest[]): ParityRequest[] {
  const out: ParityRequest[] = [];
  for (const r of requests) {
    out.push(r);
    if (r.method.toUpperCase() !== 'GET' || r.headersOnly || r.ifNoneMatchPrevious) continue;
    if (/change-stream/i.test(r.path)) continue;
    out.push({ method: 'HEAD', path: r.path, headers: r.headers, headOfPrevious: true, note: `HEAD of ${r.note ?? 'the GET above'}` });
  }
  return out;
}
