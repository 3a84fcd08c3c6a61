import debugFactory from 'debug';
import { errors, HttpError } from '../errors/http-error';
import type { Count, CrudRepository, Filter, RelationAccessor, Where } from './crud-repository';
import { createRelationAccessor } from './relation-accessor';

const debug = debugFactory('lb3-shim:repository:juggler');

/**
 * `CrudRepository` over a juggler model class (one made by `defineModel`, or an
 * LB3 model attached to a datasource).
 *
 * Results are juggler model instances, not plain objects: they serialize with
 * `toJSON()` (hidden properties removed, included relations inlined), so
 * `res.json(result)` gives LB3's wire shape. Call `toJSON()` to get plain data.
 *
 * Filters use LB3 syntax and go to juggler unchanged; `options` go to juggler
 * unchanged too, so operation hooks see the same object as `ctx.options`.
 * Juggler errors (e.g. 422 `ValidationError`) pass through untouched; only
 * "no such id" conditions become `errors.entityNotFound` (404).
 */
export class JugglerCrudRepository<T = any, ID = any> implements CrudRepository<T, ID> {
  readonly modelClass: any;
  /** The model name used in error messages. */
  readonly modelName: string;

  constructor(modelClass: any) {
    if (typeof modelClass !== 'function' || typeof modelClass.find !== 'function') {
      const name = (modelClass as { modelName?: string } | undefined)?.modelName ?? String(modelClass);
      throw new TypeError(`JugglerCrudRepository needs a model class attached to a datasource; "${name}" has no find()`);
    }
    this.modelClass = modelClass;
    this.modelName = modelClass.modelName;
  }

  find(filter?: Filter<T>, options?: object): Promise<T[]> {
    return this.modelClass.find(filter, options);
  }

  async findOne(filter?: Filter<T>, options?: object): Promise<T | null> {
    return (await this.modelClass.findOne(filter, options)) ?? null;
  }

  async findById(id: ID, filter?: Filter<T>, options?: object): Promise<T> {
    const found = await this.modelClass.findById(id, filter, options);
    if (found == null) throw errors.entityNotFound(this.modelName, id);
    return found;
  }

  create(data: Partial<T> | Record<string, unknown>, options?: object): Promise<T> {
    return this.modelClass.create(data, options);
  }

  async createAll(data: Array<Partial<T> | Record<string, unknown>>, options?: object): Promise<T[]> {
    if (!Array.isArray(data)) throw new TypeError(`${this.modelName} createAll() needs an array of data objects`);
    // Juggler creates array items one by one, each with its own hooks and validation.
    if (data.length === 0) return [];
    return this.modelClass.create(data, options);
  }

  /**
   * Loads the instance and applies `data` with `updateAttributes`, as LB3's
   * `PATCH /:id` does: validation runs and hooks see `ctx.instance`.
   */
  async updateById(id: ID, data: Partial<T> | Record<string, unknown>, options?: object): Promise<void> {
    const instance = await this.findById(id, undefined, options);
    await (instance as any).updateAttributes(data, options);
  }

  async replaceById(id: ID, data: Partial<T> | Record<string, unknown>, options?: object): Promise<void> {
    try {
      await this.modelClass.replaceById(id, data, options);
    } catch (err) {
      throw this.#notFoundOr(err, id);
    }
  }

  async deleteById(id: ID, options?: object): Promise<void> {
    let info: Count | undefined;
    try {
      info = await this.modelClass.deleteById(id, options);
    } catch (err) {
      // Models with `strictDelete` report the miss themselves.
      throw this.#notFoundOr(err, id);
    }
    if (!info || info.count === 0) throw errors.entityNotFound(this.modelName, id);
  }

  async updateAll(data: Partial<T> | Record<string, unknown>, where?: Where<T>, options?: object): Promise<Count> {
    const info = await this.modelClass.updateAll(where ?? {}, data, options);
    return { count: info?.count ?? 0 };
  }

  async deleteAll(where?: Where<T>, options?: object): Promise<Count> {
    const info = await this.modelClass.deleteAll(where ?? {}, options);
    return { count: info?.count ?? 0 };
  }

  async count(where?: Where<T>, options?: object): Promise<Count> {
    return { count: await this.modelClass.count(where ?? {}, options) };
  }

  async exists(id: ID, options?: object): Promise<boolean> {
    return Boolean(await this.modelClass.exists(id, options));
  }

  relation<R = any>(name: string, id: ID): RelationAccessor<R> {
    const definition = this.modelClass.relations?.[name];
    if (!definition) {
      const known = Object.keys(this.modelClass.relations ?? {});
      throw new Error(`Relation "${name}" is not defined on model "${this.modelName}"` + ` (known relations: ${known.length ? known.join(', ') : 'none'})`);
    }
    return createRelationAccessor<R>({
      name,
      definition,
      loadSource: (options) => this.findById(id, undefined, options),
    });
  }

  /** Juggler's own "does not exist" errors (statusCode 404) become our 404; anything else passes through. */
  #notFoundOr(err: unknown, id: ID): unknown {
    if (!(err instanceof HttpError) && (err as { statusCode?: number } | null)?.statusCode === 404) {
      debug('%s id %j not found: %s', this.modelName, id, (err as Error).message);
      return errors.entityNotFound(this.modelName, id);
    }
    return err;
  }
}
