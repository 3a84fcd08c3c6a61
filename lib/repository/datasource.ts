import debugFactory from 'debug';
import type { DataSource as JugglerDataSource } from 'loopback-datasource-juggler';

const debug = debugFactory('lb3-shim:repository:datasource');

/**
 * juggler is loaded on first use, not when lib/ is imported: juggler's index
 * calls strong-globalize's SetRootDir, and the first caller fixes the message
 * loading mode for the process. Loaded before loopback, it makes every LB3
 * `g.f()` miss its messages and go through globalize's error path (a
 * 200-model LB3 app then boots 3-4x slower through the shim).
 */
let jugglerDataSource: typeof JugglerDataSource | undefined;
function DataSourceClass(): typeof JugglerDataSource {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (jugglerDataSource ??= (require('loopback-datasource-juggler') as typeof import('loopback-datasource-juggler')).DataSource);
}

/** Datasource settings as in LB3's `datasources.json`; everything besides `connector` goes to the connector. */
export interface DataSourceConfig {
  /** A connector name (`'memory'`, `'mysql'` → `loopback-connector-mysql`, ...) or a connector module. Default `'memory'`. */
  connector?: string | object;
  name?: string;
  [setting: string]: unknown;
}

/**
 * Creates a juggler DataSource (typed `any`, as juggler's typings lag behind its
 * runtime API). Connector names resolve like LB3: `./connectors/<name>` inside
 * juggler, then `loopback-connector-<name>`, then `<name>`. An unknown connector
 * fails here, naming the datasource and the connector.
 */
export function createDataSource(name: string, config: object = {}): any {
  const settings: DataSourceConfig = { ...(config as DataSourceConfig) };
  settings.connector ??= 'memory';
  if (typeof settings.connector === 'string') assertConnectorInstalled(name, settings.connector);
  let ds: any;
  try {
    ds = new (DataSourceClass())(name, settings as any);
  } catch (err) {
    throw new Error(`Cannot create datasource "${name}" (connector "${connectorLabel(settings.connector)}"): ${(err as Error)?.message ?? err}`, {
      cause: err,
    });
  }
  debug('created datasource %s with connector %s', name, connectorLabel(settings.connector));
  return ds;
}

/** Disconnects a datasource (no-op when it never connected). */
export async function disconnectDataSource(ds: any): Promise<void> {
  if (!ds || typeof ds.disconnect !== 'function') return;
  await ds.disconnect();
  debug('disconnected datasource %s', ds.name);
}

/**
 * Resolves the connector module up front with juggler's own resolver, so a
 * missing module gives one clear error instead of juggler's console warning
 * followed by a generic throw.
 */
function assertConnectorInstalled(dsName: string, connector: string): void {
  const resolver = (DataSourceClass() as unknown as { _resolveConnector?: (n: string) => { connector?: unknown } })._resolveConnector;
  if (typeof resolver !== 'function') return; // juggler changed; let its constructor report.
  let resolved: { connector?: unknown };
  try {
    resolved = resolver(connector);
  } catch (err) {
    throw new Error(`Cannot create datasource "${dsName}": connector "${connector}" failed to load: ${(err as Error)?.message ?? err}`, { cause: err });
  }
  if (!resolved.connector) {
    const modules = connector.startsWith('loopback-connector-') ? connector : `loopback-connector-${connector} or ${connector}`;
    throw new Error(
      `Cannot create datasource "${dsName}": connector "${connector}" is not installed ` +
        `(not a built-in juggler connector, and no module ${modules} found). Run: npm install loopback-connector-${connector.replace(/^loopback-connector-/, '')}`,
    );
  }
}

function connectorLabel(connector: unknown): string {
  if (typeof connector === 'string') return connector;
  return (connector as { name?: string } | null)?.name ?? 'custom module';
}
