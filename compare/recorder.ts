/**
 * Recording real traffic as a scenario: a small proxy in front of a running
 * app forwards every request unchanged, streams the answer back, and appends
 * the request as a scenario step. Values the app handed out earlier (a login
 * token id) and that later requests send back are turned into variables:
 * the answering step gets `save`, the later ones `as` / `${var}`, so the
 * recording replays against fresh servers.
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import debugFactory from 'debug';
import type { Scenario, ScenarioStep } from './types';

const debug = debugFactory('lb3-shim:compare:recorder');

/** Request headers not worth replaying (transport, per-client). */
const DROPPED_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'user-agent',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'if-none-match',
  'if-modified-since',
  'cache-control',
  'pragma',
]);
/** Shortest handed-out value considered for correlation (shorter ones, like ids "1", would match by chance). */
const MIN_CORRELATED_LENGTH = 16;
/** Response bodies kept for correlation at most this size. */
const MAX_CAPTURE_BYTES = 1 << 20;

export interface RecorderOptions {
  /** Where to forward, e.g. `http://127.0.0.1:3000`. */
  target: string;
  /** JSON file the scenario is written to after every request. */
  out?: string;
  /** Called after each recorded step. */
  onStep?: (step: ScenarioStep, count: number) => void;
}

/** Records the requests it forwards as scenario steps. */
export class ScenarioRecorder {
  readonly scenario: Scenario = { steps: [] };
  readonly #target: URL;
  readonly #out: string | undefined;
  readonly #onStep: RecorderOptions['onStep'];
  /** value handed out by a response → where it came from */
  readonly #handedOut = new Map<string, { step: ScenarioStep; path: string; varName?: string }>();
  #varCount = 0;

  constructor(opts: RecorderOptions) {
    this.#target = new URL(opts.target);
    this.#out = opts.out;
    this.#onStep = opts.onStep;
  }

  /** Node request listener: forward, stream back, record. */
  readonly handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.#forward(req, Buffer.concat(chunks), res));
  };

  #forward(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const step = this.#record(req, body);
    const headers = { ...req.headers, host: this.#target.host };
    const upstream = http.request(
      { hostname: this.#target.hostname, port: this.#target.port || undefined, method: req.method, path: req.url, headers, agent: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        const kept: Buffer[] = [];
        let size = 0;
        up.on('data', (c: Buffer) => {
          if (size < MAX_CAPTURE_BYTES) kept.push(c);
          size += c.length;
          res.write(c);
        });
        up.on('end', () => {
          res.end();
          if (/\bjson\b/i.test(String(up.headers['content-type'] ?? '')) && size <= MAX_CAPTURE_BYTES)
            this.#remember(step, Buffer.concat(kept).toString('utf8'));
        });
        up.on('error', () => res.destroy());
      },
    );
    res.on('close', () => upstream.destroy());
    upstream.on('error', (err) => {
      debug('forwarding %s %s failed: %s', req.method, req.url, err.message);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`lb3-shim record: cannot reach ${this.#target.origin}: ${err.message}`);
    });
    upstream.end(body);
  }

  #record(req: http.IncomingMessage, body: Buffer): ScenarioStep {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const step: ScenarioStep = { name: `${method} ${url.split('?')[0]}`, method, path: this.#correlate(url) };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (DROPPED_HEADERS.has(name) || value === undefined) continue;
      headers[name] = this.#correlate(Array.isArray(value) ? value.join(', ') : value);
    }
    const auth = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(headers.authorization ?? '');
    if (auth) {
      step.as = auth[1];
      delete headers.authorization;
    }
    if (body.length > 0) {
      const text = body.toString('utf8');
      let parsed: unknown;
      let isJson = false;
      if (/\bjson\b/i.test(headers['content-type'] ?? '')) {
        try {
          parsed = JSON.parse(this.#correlate(text));
          isJson = true;
        } catch {
          // malformed JSON is replayed verbatim
        }
      }
      if (isJson) {
        step.body = parsed;
        if (/^application\/json$/i.test(headers['content-type'] ?? '')) delete headers['content-type'];
      } else step.rawBody = this.#correlate(text);
    }
    if (Object.keys(headers).length > 0) step.headers = headers;
    this.scenario.steps.push(step);
    this.flush();
    this.#onStep?.(step, this.scenario.steps.length);
    return step;
  }

  /** Replace values handed out by earlier responses with `${var}`, adding `save` to the step that handed them out. */
  #correlate(text: string): string {
    let out = text;
    for (const [value, origin] of this.#handedOut) {
      if (!out.includes(value)) continue;
      if (origin.varName === undefined) {
        origin.varName = `value${++this.#varCount}`;
        origin.step.save = { ...origin.step.save, [origin.varName]: origin.path };
      }
      out = out.split(value).join('${' + origin.varName + '}');
    }
    return out;
  }

  /** Remember long string values of a JSON response (a few levels deep) for correlation. */
  #remember(step: ScenarioStep, rawBody: string): void {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return;
    }
    const walk = (v: unknown, p: string[], depth: number) => {
      if (typeof v === 'string') {
        if (v.length >= MIN_CORRELATED_LENGTH && !this.#handedOut.has(v)) this.#handedOut.set(v, { step, path: p.join('.') });
        return;
      }
      if (depth > 3 || v === null || typeof v !== 'object') return;
      const entries = Array.isArray(v) ? v.slice(0, 20).map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
      for (const [k, child] of entries) walk(child, [...p, k], depth + 1);
    };
    walk(json, [], 0);
  }

  /** Write the scenario file now (atomically: a reader never sees half a file). */
  flush(): void {
    if (this.#out === undefined) return;
    const tmp = `${this.#out}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(path.resolve(this.#out)), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify({ steps: this.scenario.steps }, null, 2) + '\n');
    fs.renameSync(tmp, this.#out);
  }
}

/** A listening recording proxy. */
export interface RecordingProxy {
  readonly url: string;
  readonly recorder: ScenarioRecorder;
  /** Write the file a last time and stop listening. */
  stop(): Promise<void>;
}

/** Listen on `port`/`host` (port 0 = a free port) and record what goes through to `opts.target`. */
export async function startRecordingProxy(opts: RecorderOptions & { port?: number; host?: string }): Promise<RecordingProxy> {
  const recorder = new ScenarioRecorder(opts);
  const server = http.createServer(recorder.handler);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  recorder.flush();
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    recorder,
    stop: () =>
      new Promise<void>((resolve) => {
        recorder.flush();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
