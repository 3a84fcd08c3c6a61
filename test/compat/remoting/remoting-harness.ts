/**
 * In-process side-by-side harness for the remoting unit tests: the same
 * remote methods are served by stock LB3 (loopback + strong-remoting, the
 * oracle) and by a tiny express app driving our extractor/shaper/writer.
 */
import express from 'express';
import * as http from 'http';
import { AddressInfo } from 'net';
import bodyParser from 'body-parser';
import {
  applyErrorStatus,
  buildArgsExtractor,
  buildResultShaper,
  buildResultWriter,
  type ArgsExtractorOptions,
  type Lb3Accept,
  type Lb3Return,
  type RemotingCallContext,
} from '../../../compat/remoting';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const strongErrorHandler = require('strong-error-handler');

export interface MethodDef {
  name: string;
  accepts?: Lb3Accept[];
  returns?: Lb3Return[];
  http?: { verb?: string; path?: string; status?: number; errorStatus?: number };
  fn: (...args: any[]) => unknown;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

function listen(handler: http.RequestListener): Promise<Served> {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 1;
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

const errorHandler = () => strongErrorHandler({ debug: false, log: false });

/** Extra models (for `type: 'Customer'` args), shared by both sides. */
export interface ModelDef {
  name: string;
  properties: Record<string, unknown>;
  hidden?: string[];
}

/** Stock LB3: a `Widget` model without datasource carrying the methods. */
export async function serveStock(methods: MethodDef[], models: ModelDef[] = []): Promise<Served & { app: any }> {
  const app = loopback({ localRegistry: true, loadBuiltinModels: true });
  app.set('remoting', {
    types: { warnOnUnknownType: false },
    rest: { handleErrors: false, normalizeHttpPath: false },
    json: { strict: false, limit: '100kb' },
  });
  for (const m of models) {
    const M = app.registry.createModel({ name: m.name, base: 'Model', properties: m.properties, hidden: m.hidden });
    app.model(M, { dataSource: null, public: true });
  }
  const Widget = app.registry.createModel({ name: 'Widget', base: 'Model' });
  app.model(Widget, { dataSource: null, public: true });
  for (const m of methods) {
    Widget[m.name] = m.fn;
    Widget.remoteMethod(m.name, { accepts: clone(m.accepts), returns: clone(m.returns), http: { ...m.http } });
  }
  app.use('/api', loopback.rest());
  app.use(errorHandler());
  const s = await listen(app);
  return { ...s, app };
}

function clone<T extends object[] | undefined>(list: T): T {
  // LB3 mutates descriptors ('array' -> ['any']); keep the shared definitions pristine.
  return (list === undefined ? list : list.map((d) => ({ ...d }))) as T;
}

/** Our side: the same body parsers as strong-remoting, then one express route per method. */
export async function serveShim(
  methods: MethodDef[],
  typeRegistry?: ArgsExtractorOptions['typeRegistry'],
  extra: Partial<ArgsExtractorOptions> = {},
): Promise<Served> {
  const app = express();
  app.use((req, _res, next) => {
    if (req.is('application/json') && req.get('Content-Length') === '0') {
      (req as any)._body = true;
      req.body = {};
    }
    next();
  });
  app.use(bodyParser.urlencoded({ extended: true }));
  app.use(bodyParser.json({ strict: false }));
  for (const m of methods) {
    const extractor = buildArgsExtractor(m.accepts ?? [], { typeRegistry, ...extra });
    const shape = buildResultShaper(m.returns ?? []);
    const write = buildResultWriter({ returns: m.returns ?? [], http: m.http });
    const verb = (m.http?.verb ?? 'post').toLowerCase() as 'get' | 'post';
    const path = '/api/Widgets' + (m.http?.path ?? '/' + m.name);
    const errorStatus = m.http?.errorStatus;
    app[verb === ('all' as string) ? 'post' : verb](path, (req, res, next) => {
      const ctx: any = { request: req, response: res, params: req.params, state: {} };
      const rctx: RemotingCallContext = { req, res, args: {}, method: { name: m.name }, methodString: 'Widget.' + m.name, result: {} };
      try {
        rctx.args = extractor.extract(ctx, rctx);
      } catch (e) {
        return next(e);
      }
      const fail = (err: unknown) => next(applyErrorStatus(err, errorStatus));
      let positional: unknown[];
      try {
        positional = extractor.prepareInvoke(rctx.args);
      } catch (e) {
        return fail(e);
      }
      const finish = (values: unknown, fromPromise: boolean, shaped = true) => {
        try {
          const result = shaped ? shape(values, fromPromise, res) : values;
          write(ctx, result);
        } catch (e) {
          fail(e);
        }
      };
      const cb = (err: unknown, ...values: unknown[]) => (err ? fail(err) : finish(values, false));
      try {
        const ret: any = m.fn.apply(null, [...positional, cb]);
        if (ret && typeof ret.then === 'function')
          ret.then(
            (v: unknown) => finish(v, true),
            (e: unknown) => (e ? fail(e) : finish(undefined, true, false)),
          );
      } catch (e) {
        fail(e);
      }
    });
  }
  app.use(errorHandler());
  return listen(app);
}

export interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: string;
  raw?: string;
}

export interface Captured {
  status: number;
  type?: string;
  body: string;
  headers: Record<string, string | undefined>;
}

/** Send one request with node's http client (no client-side normalisation). */
export function send(base: string, r: Req): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(r.headers ?? {}) };
    let body: string | undefined;
    if (r.json !== undefined) {
      body = JSON.stringify(r.json);
      headers['content-type'] ??= 'application/json';
    }
    if (r.form !== undefined) {
      body = r.form;
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    if (r.raw !== undefined) body = r.raw;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const req = http.request(base + r.path, { method: r.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          type: res.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
          headers: {
            etag: res.headers.etag as string | undefined,
            'content-length': res.headers['content-length'] as string | undefined,
            'x-content-type-options': res.headers['x-content-type-options'] as string | undefined,
            'x-powered-by': res.headers['x-powered-by'] as string | undefined,
            'x-custom': res.headers['x-custom'] as string | undefined,
          },
        }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Describe a value's runtime kind so Date vs string etc. survive JSON. */
export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Buffer.isBuffer(v)) return 'Buffer';
  if (typeof v === 'object') return (v as object).constructor ? (v as object).constructor.name : 'Object(null)';
  if (typeof v === 'number' && isNaN(v)) return 'NaN';
  return typeof v;
}
