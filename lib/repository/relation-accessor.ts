import debugFactory from 'debug';
import type { Count, Filter, RelationAccessor, Where } from './crud-repository';

const debug = debugFactory('lb3-shim:repository:relation');

/** What the repository hands over to build an accessor. */
export interface RelationAccessorSource {
  /** Relation name on the source model. */
  name: string;
  /** Juggler's RelationDefinition (`Model.relations[name]`). */
  definition: JugglerRelationDefinition;
  /** Loads the source instance; rejects with 404 when it does not exist. */
  loadSource(options: object): Promise<unknown>;
}

/** The parts of juggler's RelationDefinition we read. */
export interface JugglerRelationDefinition {
  type: string;
  multiple?: boolean;
  modelTo?: any;
  modelThrough?: any;
  modelFrom?: any;
}

type Callback = (err: unknown, value?: unknown) => void;

/**
 * Builds the accessor for one relation of one source instance, over juggler's
 * relation API on the loaded instance (`customer.orders(...)`,
 * `order.customer.get()`, `physician.patients.add()`), so relation scopes,
 * polymorphism, hooks and options behave as in LB3.
 */
export function createRelationAccessor<T = any>(source: RelationAccessorSource): RelationAccessor<T> {
  return source.definition.multiple ? new ToManyAccessor<T>(source) : new ToOneAccessor<T>(source);
}

abstract class BaseAccessor {
  readonly name: string;
  readonly type: string;
  readonly through: boolean;
  protected readonly source: RelationAccessorSource;

  constructor(source: RelationAccessorSource) {
    this.source = source;
    this.name = source.name;
    this.type = source.definition.type;
    this.through = Boolean(source.definition.modelThrough);
  }

  /** `Customer.orders (hasMany)`: used in error messages. */
  protected get label(): string {
    const from = this.source.definition.modelFrom?.modelName ?? '?';
    return `${from}.${this.name} (${this.type}${this.through ? ' through' : ''})`;
  }

  /** The juggler relation function on the freshly loaded source instance. */
  protected async relationFn(options: object): Promise<any> {
    const instance = (await this.source.loadSource(options)) as Record<string, any>;
    return instance[this.name];
  }

  protected unsupported(op: string, hint: string): Promise<never> {
    return Promise.reject(new Error(`${op}() is not supported for relation ${this.label}: ${hint}`));
  }
}

/** hasMany (with or without through), hasAndBelongsToMany, referencesMany, embedsMany. */
class ToManyAccessor<T> extends BaseAccessor implements RelationAccessor<T> {
  async find(filter?: Filter<T>, options: object = {}): Promise<T[]> {
    const fn = await this.relationFn(options);
    // An object (even empty) forces a query instead of juggler's per-instance cache.
    return fn(filter ?? {}, options);
  }

  async create(data: Partial<T> | Record<string, unknown>, options: object = {}): Promise<T> {
    const fn = await this.relationFn(options);
    return fn.create(data, options);
  }

  async delete(where?: Where<T>, options: object = {}): Promise<Count> {
    const fn = await this.relationFn(options);
    const info = await fn.destroyAll(where ?? {}, options);
    return { count: info?.count ?? 0 };
  }

  async count(where?: Where<T>, options: object = {}): Promise<Count> {
    const fn = await this.relationFn(options);
    return { count: await fn.count(where ?? {}, options) };
  }

  get(): Promise<T | null> {
    return this.unsupported('get', 'use find() for to-many relations');
  }

  async link(targetId: unknown, data?: object, options: object = {}): Promise<unknown> {
    if (!this.through) return this.unsupported('link', 'only relations with a through model can link');
    const fn = await this.relationFn(options);
    debug('link %s -> %j', this.label, targetId);
    return fn.add(targetId, data ?? {}, options);
  }

  async unlink(targetId: unknown, options: object = {}): Promise<void> {
    if (!this.through) return this.unsupported('unlink', 'only relations with a through model can unlink');
    const fn = await this.relationFn(options);
    debug('unlink %s -> %j', this.label, targetId);
    await fn.remove(targetId, options);
  }
}

/** belongsTo, hasOne, embedsOne. */
class ToOneAccessor<T> extends BaseAccessor implements RelationAccessor<T> {
  async get(options: object = {}): Promise<T | null> {
    const fn = await this.relationFn(options);
    return this.#fetch(fn, options);
  }

  /** Zero or one element. A filter's where/fields/include are applied by re-reading the target by id. */
  async find(filter?: Filter<T>, options: object = {}): Promise<T[]> {
    const target = await this.get(options);
    if (target == null) return [];
    if (!filter || Object.keys(filter).length === 0) return [target];
    const modelTo = (target as { constructor: any }).constructor;
    const idName: string = modelTo.definition.idName();
    const idWhere = { [idName]: (target as Record<string, unknown>)[idName] };
    const where = filter.where ? { and: [idWhere, filter.where] } : idWhere;
    // The target is already chosen by the relation: paging does not apply.
    const query: Filter<T> = { ...filter, where };
    delete query.skip;
    delete query.offset;
    const match = await modelTo.findOne(query, options);
    return match ? [match] : [];
  }

  async create(data: Partial<T> | Record<string, unknown>, options: object = {}): Promise<T> {
    const fn = await this.relationFn(options);
    if (typeof fn.create !== 'function') return this.unsupported('create', 'juggler has no create for this relation');
    return fn.create(data, options);
  }

  /** hasOne/embedsOne: deletes the target when there is one. `where` is not supported for to-one relations. */
  async delete(where?: Where<T>, options: object = {}): Promise<Count> {
    if (this.type === 'belongsTo') return this.unsupported('delete', 'a belongsTo target is not owned by the source');
    if (where && Object.keys(where).length > 0) return this.unsupported('delete', 'to-one relations take no where');
    const fn = await this.relationFn(options);
    const target = await this.#fetch(fn, options);
    if (target == null) return { count: 0 };
    await fn.destroy(options);
    return { count: 1 };
  }

  async count(where?: Where<T>, options: object = {}): Promise<Count> {
    const found = await this.find(where && Object.keys(where).length > 0 ? { where } : undefined, options);
    return { count: found.length };
  }

  link(): Promise<unknown> {
    return this.unsupported('link', 'only relations with a through model can link');
  }

  unlink(): Promise<void> {
    return this.unsupported('unlink', 'only relations with a through model can unlink');
  }

  /** `fn(true, options, cb)` is juggler's refreshing async getter; a null/undefined FK yields undefined. */
  #fetch(fn: (refresh: boolean, options: object, cb: Callback) => unknown, options: object): Promise<T | null> {
    return new Promise((resolve, reject) => {
      fn(true, options, (err, value) => (err ? reject(err) : resolve((value as T | undefined) ?? null)));
    });
  }
}
