/**
 * One load run: autocannon (programmatic API) against one target and cell,
 * after a warmup run whose numbers are thrown away.
 */
import autocannon from 'autocannon';
import type { BenchRequest } from './cells';

export interface LoadOptions {
  connections: number;
  /** Measured seconds. */
  duration: number;
  /** Warmup seconds (0 = none). */
  warmup: number;
}

/** The numbers kept of one run. */
export interface LoadSample {
  /** Mean of autocannon's per-second request counts. */
  reqPerSec: number;
  /** 99th percentile latency, ms. */
  p99: number;
  /** Responses that were not 2xx, plus connection errors and timeouts. */
  failures: number;
  total: number;
  /** Server CPU time (user + system) per response, µs; undefined when the target's CPU time is unknown. */
  cpuUsPerReq?: number;
}

function fire(url: string, req: BenchRequest, connections: number, duration: number): Promise<autocannon.Result> {
  const headers: Record<string, string> = { ...req.headers };
  let body: string | undefined;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['content-type'] = 'application/json';
  }
  return autocannon({ url: url + req.path, method: req.method, headers, body, connections, duration });
}

/** Warm up, then measure; `cpuMs` reads the server's CPU time (for CPU per request). */
export async function runLoad(url: string, req: BenchRequest, opts: LoadOptions, cpuMs?: () => number | undefined): Promise<LoadSample> {
  if (opts.warmup > 0) await fire(url, req, opts.connections, opts.warmup);
  const cpuBefore = cpuMs?.();
  const r = await fire(url, req, opts.connections, opts.duration);
  const cpuAfter = cpuMs?.();
  const total = r.requests.total;
  return {
    reqPerSec: r.requests.average,
    p99: r.latency.p99,
    failures: r.non2xx + r.errors + r.timeouts,
    total,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && total > 0 ? { cpuUsPerReq: ((cpuAfter - cpuBefore) * 1000) / total } : {}),
  };
}

/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
