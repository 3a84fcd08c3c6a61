/**
 * LB3 models → core repositories: every model attached to a datasource is
 * bound as `repositories.<ModelName>`, a JugglerCrudRepository over the LB3
 * model class itself (same hooks, same validations, same connector).
 */
import debugFactory from 'debug';
import { repositoryKey } from '../../lib/keys';
import { JugglerCrudRepository } from '../../lib/repository';
import type { BindingTarget } from './datasource.adapter';

const debug = debugFactory('lb3-shim:compat:model');

/** Bind the repository of one LB3 model class (no-op for models without a datasource). */
export function bindLb3Model(Model: any, target: BindingTarget): boolean {
  if (!Model || !Model.modelName || !Model.dataSource) return false;
  target.bind(repositoryKey(Model.modelName), {
    factory: () => new JugglerCrudRepository(Model),
    lifetime: 'singleton',
  });
  return true;
}

/** Bind repositories for every model of the app attached to a datasource; returns their names. */
export function bindLb3Models(lb3App: any, target: BindingTarget): string[] {
  const bound: string[] = [];
  const models: any[] = typeof lb3App.models === 'function' ? lb3App.models() : [];
  for (const Model of models) if (bindLb3Model(Model, target)) bound.push(Model.modelName);
  debug('bound repositories %j', bound);
  return bound;
}
