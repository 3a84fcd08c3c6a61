/**
 * LB3 models → core repositories: every model attached to a datasource is
 * bound as `repositories.<ModelName>`, a JugglerCrudRepository over the LB3
 * model class itself (same hooks, same validations, same connector).
 */
import { repositoryKey } from '../../lib/keys';
import { JugglerCrudRepository } from '../../lib/repository';
import type { Lb3Adapter } from '../adapter';
import type { BindingTarget } from './datasource.adapter';

/** Bind the repository of one LB3 model class (no-op for models without a datasource). */
export function bindLb3Model(Model: any, target: BindingTarget): boolean {
  if (!Model || !Model.modelName || !Model.dataSource) return false;
  target.bind(repositoryKey(Model.modelName), {
    factory: () => new JugglerCrudRepository(Model),
    lifetime: 'singleton',
  });
  return true;
}

/** load: `lb3App.models()`; compile: the names of those attached to a datasource; apply: bind their repositories. */
export const modelsAdapter: Lb3Adapter<any[], string[]> = {
  kind: 'models',
  load: ({ lb3App }) => (typeof lb3App.models === 'function' ? lb3App.models() : []),
  compile: (models) => models.filter((Model) => Model && Model.modelName && Model.dataSource).map((Model) => Model.modelName as string),
  apply(plan, build) {
    const byName = new Map<string, any>(modelsAdapter.load(build).map((Model) => [Model?.modelName, Model]));
    for (const name of plan) bindLb3Model(byName.get(name), build.app);
  },
};
