/**
 * The repository contracts: LB3/juggler filter syntax and the CRUD surface the
 * core offers to controllers and services. Implementations live next to this
 * file (`JugglerCrudRepository`); nothing here depends on juggler.
 */

/**
 * A where clause in LB3 syntax: `{ name: 'a' }`, `{ price: { gt: 10 } }`,
 * `{ or: [{...}, {...}] }`, `{ and: [...] }`. Passed to the connector as is.
 */
export interface Where<T = any> {
  and?: Where<T>[];
  or?: Where<T>[];
  [property: string]: unknown;
}

/** Property selection: `{ name: true }`, `{ secret: false }` or `['id', 'name']`. */
export type Fields<T = any> = { [P in keyof T]?: boolean } | Record<string, boolean> | string[];

/**
 * Related models to include: `'orders'`, `['orders', 'profile']`,
 * `{ orders: 'items' }` or `{ relation: 'orders', scope: { where, fields, ... } }`.
 */
export type Inclusion = string | { relation: string; scope?: Filter } | { [relation: string]: Inclusion | Inclusion[] } | Inclusion[];

/** An LB3 query filter; `skip` and `offset` are synonyms. */
export interface Filter<T = any> {
  where?: Where<T>;
  fields?: Fields<T>;
  include?: Inclusion | Inclusion[];
  /** `'name ASC'`, `'price DESC'` or a list of those. */
  order?: string | string[];
  limit?: number;
  skip?: number;
  offset?: number;
}

/** Result of bulk writes and counts. */
export interface Count {
  count: number;
}

/**
 * Operations on one relation of one source instance, e.g. the orders of
 * customer 1. Every call first loads the source and rejects with 404
 * (`ENTITY_NOT_FOUND`) when it does not exist.
 */
export interface RelationAccessor<T = any, TargetID = any> {
  /** The relation name, e.g. `orders`. */
  readonly name: string;
  /** The juggler relation type: `hasMany`, `belongsTo`, `hasOne`, `hasAndBelongsToMany`, ... */
  readonly type: string;
  /** True when the relation goes through a link model (hasMany through, hasAndBelongsToMany). */
  readonly through: boolean;
  /** Related instances matching the filter; to-one relations give zero or one element. */
  find(filter?: Filter<T>, options?: object): Promise<T[]>;
  /** Create a related instance (hasMany/hasOne: the FK is set; belongsTo: the source is re-pointed to it; through: the link is created too). */
  create(data: Partial<T> | Record<string, unknown>, options?: object): Promise<T>;
  /**
   * Delete related instances matching `where`; hasOne deletes its target (no `where`). Not supported for belongsTo.
   * Through relations (juggler/LB3 behaviour): deletes the link rows, and `where` applies to the link model.
   */
  delete(where?: Where<T>, options?: object): Promise<Count>;
  /** Count related instances matching `where`. Through relations count link rows (`where` on the link model), as LB3 does. */
  count(where?: Where<T>, options?: object): Promise<Count>;
  /** belongsTo/hasOne only: the related instance, or null when there is none. */
  get(options?: object): Promise<T | null>;
  /** Through relations only: link an existing target (idempotent); resolves to the link instance. */
  link(targetId: TargetID, data?: object, options?: object): Promise<unknown>;
  /** Through relations only: remove the link to a target (no error when no link exists). */
  unlink(targetId: TargetID, options?: object): Promise<void>;
}

/**
 * CRUD over one model. Methods taking `options` hand them to the data layer
 * unchanged, so operation hooks see them as `ctx.options`.
 */
export interface CrudRepository<T = any, ID = any> {
  /** The underlying model class (a juggler model for `JugglerCrudRepository`). */
  readonly modelClass: any;
  find(filter?: Filter<T>, options?: object): Promise<T[]>;
  /** The first match, or null when there is none. */
  findOne(filter?: Filter<T>, options?: object): Promise<T | null>;
  /** Rejects with 404 `errors.entityNotFound` when no instance has this id. */
  findById(id: ID, filter?: Filter<T>, options?: object): Promise<T>;
  create(data: Partial<T> | Record<string, unknown>, options?: object): Promise<T>;
  createAll(data: Array<Partial<T> | Record<string, unknown>>, options?: object): Promise<T[]>;
  /** Partial update; 404 when missing. */
  updateById(id: ID, data: Partial<T> | Record<string, unknown>, options?: object): Promise<void>;
  /** Full replace (properties not given are cleared); 404 when missing. */
  replaceById(id: ID, data: Partial<T> | Record<string, unknown>, options?: object): Promise<void>;
  /** 404 when missing. */
  deleteById(id: ID, options?: object): Promise<void>;
  updateAll(data: Partial<T> | Record<string, unknown>, where?: Where<T>, options?: object): Promise<Count>;
  deleteAll(where?: Where<T>, options?: object): Promise<Count>;
  count(where?: Where<T>, options?: object): Promise<Count>;
  exists(id: ID, options?: object): Promise<boolean>;
  /** Accessor for relation `name` of the instance with this id; throws at once for an unknown relation. */
  relation<R = any>(name: string, id: ID): RelationAccessor<R>;
}
