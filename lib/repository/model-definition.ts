import debugFactory from 'debug';

const debug = debugFactory('lb3-shim:repository:model');

/** A model in LB3 JSON form (the contents of `common/models/<name>.json`, split up). */
export interface ModelDefinition {
  name: string;
  /** `{ id: { type: 'number', id: true, generated: true }, name: { type: 'string', required: true } }` */
  properties: object;
  /** Model settings: `hidden`, `strict`, `idInjection`, `base`, `strictDelete`, ... */
  settings?: object;
  /** `{ orders: { type: 'hasMany', model: 'Order', foreignKey: 'customerId' } }`; overrides `settings.relations`. */
  relations?: object;
}

/**
 * Defines a juggler model on a datasource and returns its class (with the DAO
 * methods: find, create, observe, ...). Relations to models not defined yet are
 * set up by juggler once the target model is defined.
 */
export function defineModel(ds: any, def: ModelDefinition): any {
  if (!ds || typeof ds.createModel !== 'function') {
    throw new TypeError(`defineModel("${def?.name}") needs a juggler DataSource`);
  }
  if (!def || typeof def.name !== 'string' || !def.name) throw new TypeError('defineModel() needs a model name');
  const settings: Record<string, unknown> = { ...(def.settings as Record<string, unknown> | undefined) };
  if (def.relations) settings.relations = def.relations;
  const modelClass = ds.createModel(def.name, def.properties ?? {}, settings);
  debug('defined model %s on datasource %s', def.name, ds.name);
  return modelClass;
}
