/**
 * LB3 datasources → core bindings `datasources.<name>` (the app's own juggler
 * DataSource objects, so repositories and LB3 models share connections).
 * loopback registers each datasource under its name and its
 * classified/camelized aliases; each alias is bound too.
 */
import { dataSourceKey } from '../../lib/keys';
import type { BindingSource } from '../../lib/application';
import type { Lb3Adapter } from '../adapter';

/** The part of the core Application the model adapters use. */
export interface BindingTarget {
  bind(key: string, source: BindingSource): unknown;
}

/** One datasource binding: the LB3 name and the core key. */
export interface DataSourceBinding {
  name: string;
  key: string;
}

/** load: `lb3App.dataSources`; compile: one binding per name; apply: bind the app's DataSource objects. */
export const dataSourcesAdapter: Lb3Adapter<Record<string, unknown>, DataSourceBinding[]> = {
  kind: 'datasources',
  load: ({ lb3App }) => (lb3App.dataSources ?? {}) as Record<string, unknown>,
  compile: (all) => Object.keys(all).map((name) => ({ name, key: dataSourceKey(name) })),
  apply(plan, { lb3App, app }) {
    for (const { name, key } of plan) app.bind(key, { value: lb3App.dataSources[name] });
  },
};
