/**
 * A throwaway PostgreSQL cluster owned by the test run.
 *
 * The first suite that needs it calls {@link testPostgres}: `initdb` into a temp
 * directory, `postgres` on 127.0.0.1 and a free port (socket in the same
 * directory, fsync off), trust authentication for the superuser `postgres`.
 * The root hook in `pg-root-hooks.ts` stops it after the last test; a process
 * `exit` hook stops it too when the run dies early, so postgres never outlives
 * the test run.
 *
 * initdb refuses to run as root: when the tests run as root (CI does), initdb
 * and postgres run as the unprivileged `postgres` user that Debian's package
 * creates (or `nobody`), through node's spawn `uid`/`gid` options — no sudo,
 * runuser or setpriv involved. The binaries come from `PG_BIN`, else the newest
 * `/usr/lib/postgresql/<version>/bin`, else `pg_config --bindir`; they are
 * installed by `scripts/install-postgresql.sh` (npm test's pretest).
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import debugFactory from 'debug';
import { Client } from 'pg';

const debug = debugFactory('lb3-shim:test:postgres');

/** A running test cluster. */
export interface TestPostgres {
  readonly port: number;
  readonly dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database: string): string;
  /** Drop (disconnecting its sessions) and create `database`, empty. */
  freshDatabase(database: string): Promise<void>;
  /** Run one SQL statement on `database` and return its rows. */
  query<T = Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** Stop the server (fast shutdown: sessions are terminated), keeping the data. */
  stopServer(): Promise<void>;
  /** Start the server again on the same port and data directory. */
  startServer(): Promise<void>;
}

/** Why PostgreSQL is not available, or the cluster. */
export type PostgresAvailability = { ok: true; pg: TestPostgres } | { ok: false; reason: string };

let starting: Promise<PostgresAvailability> | undefined;
let cluster: Cluster | undefined;

/** The test run's cluster, started on first call. Never rejects: `{ ok: false, reason }` when PostgreSQL cannot run here. */
export function testPostgres(): Promise<PostgresAvailability> {
  starting ??= startCluster().then(
    (c): PostgresAvailability => ({ ok: true, pg: c }),
    (err): PostgresAvailability => ({ ok: false, reason: (err as Error).message }),
  );
  return starting;
}

/** Stop the cluster and delete its data directory (no-op when none was started). */
export async function stopTestPostgres(): Promise<void> {
  const c = cluster;
  cluster = undefined;
  starting = undefined;
  if (c) await c.destroy();
}

/**
 * In a suite's `before`: the cluster, or — when PostgreSQL cannot run here — a loud
 * message and the suite skipped; with CI=true a missing PostgreSQL fails instead.
 */
export async function requirePostgres(ctx: Mocha.Context): Promise<TestPostgres> {
  const av = await testPostgres();
  if (av.ok) return av.pg;
  const line = '!'.repeat(78);
  const msg = `PostgreSQL is not available (${av.reason}): "${ctx.test?.parent?.fullTitle() ?? 'PostgreSQL suite'}" is SKIPPED. Install it with scripts/install-postgresql.sh (root).`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI=true requires PostgreSQL: ${msg}`);
  console.warn(`\n${line}\n${msg}\n${line}\n`);
  ctx.skip();
  throw new Error('unreachable');
}

function pgBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(base, versions[0], 'bin');
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('no PostgreSQL server binaries (no /usr/lib/postgresql/*/bin/initdb, no pg_config); run scripts/install-postgresql.sh');
  }
}

/** uid/gid to run the server as: ourselves unless root, then `postgres` (or `nobody`). */
function serverUser(): { uid?: number; gid?: number } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const passwd = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((l) => l.split(':'));
  const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
  if (!entry) throw new Error('running as root and neither a "postgres" nor a "nobody" user exists to run initdb as');
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startCluster(): Promise<Cluster> {
  const bin = pgBinDir();
  const user = serverUser();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-pg-'));
  if (user.uid !== undefined) fs.chownSync(dataDir, user.uid, user.gid!);
  const c = new Cluster(bin, dataDir, user, await freePort());
  cluster = c;
  try {
    c.initdb();
    await c.startServer();
  } catch (err) {
    await stopTestPostgres();
    throw err;
  }
  return c;
}

class Cluster implements TestPostgres {
  #child: ChildProcess | undefined;
  #log = '';

  constructor(
    private readonly bin: string,
    readonly dataDir: string,
    private readonly user: { uid?: number; gid?: number },
    readonly port: number,
  ) {
    process.once('exit', this.#onExit);
    // a terminated test run must not leave postgres behind either (Ctrl-C reaches postgres itself: same process group)
    process.once('SIGTERM', this.#onSignal);
    process.once('SIGHUP', this.#onSignal);
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  initdb(): void {
    const t0 = Date.now();
    // C locale: the same collation and messages everywhere
    execFileSync(path.join(this.bin, 'initdb'), ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], {
      ...this.user,
      stdio: 'pipe',
      env: { ...process.env, LC_ALL: 'C' },
    });
    debug('initdb %s in %dms', this.dataDir, Date.now() - t0);
  }

  async startServer(): Promise<void> {
    if (this.#child) return;
    this.#log = '';
    const args = ['-D', this.dataDir, '-k', this.dataDir, '-h', '127.0.0.1', '-p', String(this.port)];
    for (const setting of ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200', 'lc_messages=C']) args.push('-c', setting);
    const child = spawn(path.join(this.bin, 'postgres'), args, { ...this.user, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    this.#child = child;
    const keep = (b: Buffer) => {
      this.#log = (this.#log + b).slice(-8000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      debug('postgres exited (code %s, signal %s)', code, signal);
      if (this.#child === child) this.#child = undefined;
    });
    const deadline = Date.now() + 30000;
    for (;;) {
      if (!this.#child) throw new Error(`postgres exited while starting:\n${this.#log}`);
      try {
        await this.query('postgres', 'SELECT 1');
        debug('postgres listening on 127.0.0.1:%d', this.port);
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30s (${(err as Error).message}):\n${this.#log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  stopServer(): Promise<void> {
    const child = this.#child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGQUIT'), 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGINT'); // fast shutdown: active sessions are terminated, as in a real restart
    });
  }

  async freshDatabase(database: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid test database name "${database}"`);
    await this.query('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await this.query('postgres', `CREATE DATABASE ${database}`);
  }

  async query<T>(database: string, sql: string, params?: unknown[]): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(sql, params as any[])).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async destroy(): Promise<void> {
    process.removeListener('exit', this.#onExit);
    process.removeListener('SIGTERM', this.#onSignal);
    process.removeListener('SIGHUP', this.#onSignal);
    await this.stopServer();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }

  #onSignal = (signal: NodeJS.Signals) => {
    this.#onExit();
    process.exit(signal === 'SIGTERM' ? 143 : 129);
  };

  /** Last resort when the test process exits without the root hook: immediate shutdown, synchronously signalled. */
  #onExit = () => {
    if (this.#child && this.#child.exitCode === null) this.#child.kill('SIGQUIT');
    try {
      fs.rmSync(this.dataDir, { recursive: true, force: true });
    } catch {
      // the server may still hold files for a moment; the OS temp dir cleans up
    }
  };
}
