/**
 * Database faults must not kill the process. Stock LB3 dies when its database
 * restarts: node-postgres' Pool emits `error` for a pooled connection the
 * server terminated, and a checked-out pg Client emits `error` when its socket
 * dies; loopback-connector-postgresql listens to neither (unless the app sets
 * `onError`), and juggler's DataSource emits `error` when a (re)connect fails —
 * an `error` event nobody listens to is an uncaught exception. The shim
 * listens to all three, logs each outage once, and lets the failing requests
 * answer the driver's error (strong-error-handler 500) until the database is
 * back: the pool opens new connections on the next request, so serving resumes
 * without a restart.
 *
 * It also bounds the wait for a connection (`connectionTimeoutMillis`, default
 * {@link DEFAULT_CONNECT_TIMEOUT_MS}, when the app set none), so a database that
 * does not answer at all fails requests instead of hanging them.
 */
import type { EventEmitter } from 'events';
import debugFactory from 'debug';
import { Lb3BootError } from '../boot/boot-errors';
import { lb3Errors } from '../errors/lb3-errors';

const debug = debugFactory('lb3-shim:compat:datasource-faults');

/** Bound for acquiring a database connection when the datasource sets none (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

export interface DataSourceFaultOptions {
  /** Where outage messages go (default console.warn); called at most once per datasource per quiet period. */
  log?: (message: string) => void;
  /** Minimum time between two logged errors of one datasource (ms, default 10000). */
  quietMs?: number;
  /** Connection acquisition bound set on pools that have none (ms, default {@link DEFAULT_CONNECT_TIMEOUT_MS}). */
  connectTimeoutMs?: number;
}

interface PoolLike extends EventEmitter {
  options?: { connectionTimeoutMillis?: number };
  _clients?: EventEmitter[];
}

const GUARDED = Symbol.for('lb3-shim.faultGuard');

/**
 * Listen to the connection errors of every datasource of `lb3App` (and of its
 * driver pool and pooled clients), so none is an uncaught exception. Returns
 * the names of the datasources guarded.
 */
export function guardDataSourceFaults(lb3App: any, opts: DataSourceFaultOptions = {}): string[] {
  const log = opts.log ?? ((m: string) => console.warn(m));
  const quietMs = opts.quietMs ?? 10000;
  const seen = new Set<unknown>();
  const names: string[] = [];
  for (const [name, ds] of Object.entries<any>(lb3App.dataSources ?? {})) {
    if (!ds || seen.has(ds) || typeof ds.on !== 'function') continue;
    seen.add(ds);
    if (ds[GUARDED]) continue;
    ds[GUARDED] = true;
    const dsName: string = ds.settings?.name || name;
    let lastLogged = 0;
    const report = (source: string) => (err: unknown) => {
      const now = Date.now();
      debug('datasource %s: %s error %o', dsName, source, err);
      if (now - lastLogged < quietMs) return;
      lastLogged = now;
      log(`lb3-shim: datasource "${dsName}" ${source} error (requests fail until it recovers): ${(err as Error)?.message ?? err}`);
    };
    ds.on('error', report('connection'));
    const pool = driverPool(ds.connector);
    if (pool) guardPool(pool, report('pool'), opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    names.push(dsName);
  }
  debug('guarding datasources %j', names);
  return names;
}

/** The connector's node-postgres Pool (loopback-connector-postgresql keeps it as `connector.pg`). */
function driverPool(connector: any): PoolLike | undefined {
  const pool = connector?.pg;
  return pool && typeof pool.on === 'function' && typeof pool.connect === 'function' ? pool : undefined;
}

function guardPool(pool: PoolLike, onError: (err: unknown) => void, connectTimeoutMs: number): void {
  pool.on('error', onError);
  const guardClient = (client: EventEmitter) => {
    if (typeof client?.on === 'function') client.on('error', onError);
  };
  // clients opened later, and those already open
  pool.on('connect', guardClient);
  for (const client of pool._clients ?? []) guardClient(client);
  if (pool.options && !pool.options.connectionTimeoutMillis) pool.options.connectionTimeoutMillis = connectTimeoutMs;
}

/**
 * Boot hardening: every datasource with a connector that connects must connect now (within
 * its connection bound); the first that cannot fails the boot with an `Lb3BootError`.
 */
export async function assertDataSourcesConnect(lb3App: any, appDir?: string, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<void> {
  const seen = new Set<unknown>();
  for (const [name, ds] of Object.entries<any>(lb3App.dataSources ?? {})) {
    if (!ds || seen.has(ds) || ds.connected || typeof ds.connect !== 'function' || typeof ds.connector?.connect !== 'function') continue;
    seen.add(ds);
    const dsName: string = ds.settings?.name || name;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ds.connect(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs))),
      ]);
    } catch (err) {
      const cause = lb3Errors.datasourceUnavailable(dsName, (err as Error)?.message ?? String(err));
      throw new Lb3BootError({ appDir, reason: cause.message, cause });
    } finally {
      clearTimeout(timer);
    }
  }
}
