/**
 * LB3 datasources → core bindings `datasources.<name>` (the app's own juggler
 * DataSource objects, so repositories and LB3 models share connections).
 */
import debugFactory from 'debug';
import { dataSourceKey } from '../../lib/keys';
import type { BindingSource } from '../../lib/application';

const debug = debugFactory('lb3-shim:compat:datasource');

/** The part of the core Application this adapter uses. */
export interface BindingTarget {
  bind(key: string, source: BindingSource): unknown;
}

/**
 * Bind every entry of `lb3App.dataSources` (loopback registers each datasource
 * under its name and its classified/camelized aliases; each alias is bound too).
 * Returns the names bound.
 */
export function bindLb3DataSources(lb3App: any, target: BindingTarget): string[] {
  const names: string[] = [];
  const all = (lb3App.dataSources ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(all)) {
    target.bind(dataSourceKey(name), { value: all[name] });
    names.push(name);
  }
  debug('bound datasources %j', names);
  return names;
}
