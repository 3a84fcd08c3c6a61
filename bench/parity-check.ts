/**
 * Pre-flight check: before any load, every target must answer each cell's
 * request with the same status as stock LB3 (so we never benchmark an error
 * path). Full-parity targets (the shim) must also match the cell's checked
 * headers (set by remote hooks) and the statuses of its guard requests (ACL
 * denials), so the shim is not measured doing less work than LB3.
 */
import * as http from 'http';
import type { BenchCell, BenchRequest } from './cells';

/** What the check keeps of one response. */
export interface ProbeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/** The verdict for one target × cell. */
export interface CellCheck {
  ok: boolean;
  /** Why not, e.g. "status 200, stock 401" (empty when ok). */
  reasons: string[];
}

/** Send one request and read the whole response. */
export function probe(baseUrl: string, req: BenchRequest): Promise<ProbeResponse> {
  const body = req.json === undefined ? undefined : Buffer.from(JSON.stringify(req.json));
  const headers: Record<string, string | number> = { ...req.headers };
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = body.length;
  }
  return new Promise((resolve, reject) => {
    const r = http.request(baseUrl + req.path, { method: req.method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      res.on('error', reject);
    });
    r.setTimeout(10000, () => r.destroy(new Error(`${req.method} ${req.path} timed out`)));
    r.on('error', reject);
    r.end(body);
  });
}

/** `GET /api/Products/7`, for messages. */
export const describeRequest = (req: BenchRequest) => `${req.method} ${req.path}`;

/**
 * Compare a candidate with stock LB3 on one cell. `full` adds the checked
 * headers and guard requests; otherwise only the benchmarked status counts.
 * A request that fails outright (connection error) is a mismatch too.
 */
export async function checkCell(cell: BenchCell, stockUrl: string, candidateUrl: string, full: boolean): Promise<CellCheck> {
  const reasons: string[] = [];
  try {
    const [ref, got] = [await probe(stockUrl, cell.request), await probe(candidateUrl, cell.request)];
    if (ref.status !== got.status) reasons.push(`${describeRequest(cell.request)}: status ${got.status}, stock ${ref.status}`);
    if (full) {
      for (const name of cell.headers) {
        if (ref.headers[name] !== got.headers[name]) {
          reasons.push(`${describeRequest(cell.request)}: header ${name}=${got.headers[name] ?? '(absent)'}, stock ${ref.headers[name] ?? '(absent)'}`);
        }
      }
      for (const guard of cell.guards) {
        const [gRef, gGot] = [await probe(stockUrl, guard), await probe(candidateUrl, guard)];
        if (gRef.status !== gGot.status) reasons.push(`guard ${describeRequest(guard)}: status ${gGot.status}, stock ${gRef.status} (${guard.why})`);
      }
    }
  } catch (err) {
    reasons.push(`request failed: ${(err as Error).message}`);
  }
  return { ok: reasons.length === 0, reasons };
}
