/**
 * A model module: everything one model of an app is made of on the core —
 * its definition, its repository, its controller, its access rules and its
 * interceptors — as one exported value. Apps list their model modules in one
 * index (`migrated/index.ts` for an app migrating from LB3, see
 * docs/migration.md); the core knows nothing of where the model came from.
 */
import debugFactory from 'debug';
import type { Application } from './application';
import type { ControllerClass } from './controllers/metadata';
import { defineModel, type ModelDefinition } from './repository/model-definition';
import type { Interceptor } from './rest/types';
import type { AccessRule } from './auth/access-rule';

const debug = debugFactory('lb3-shim:model-module');

/** A juggler mixin: called with the model class and the options given in `settings.mixins`. */
export type MixinFunction = (modelClass: any, options: Record<string, unknown>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A repository class over a juggler model class (e.g. `class BookRepository extends JugglerCrudRepository<Book>`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RepositoryClass = new (modelClass: any) => object;

/** One model of an app, as the core serves it. */
export interface ModelModule {
  /** Model name, e.g. `Book` (also the repository binding: `repositories.Book`). */
  name: string;
  /** Properties, settings (hidden, validations, mixins) and relations. */
  definition: ModelDefinition;
  /** The repository class, constructed with the juggler model class. */
  repository: RepositoryClass;
  /** The REST controller; its constructor receives the container cradle (`repositories.<name>`). */
  controller: ControllerClass;
  /** Access rules of the model's routes (evaluated in order of specificity, as LB3 does; see lib/auth). */
  acls?: AccessRule[];
  /** Interceptors around every route of the controller, outermost first. */
  interceptors?: Interceptor[];
  /**
   * True when the model's own before/after hooks of the framework it comes from are
   * implemented by its interceptors (`interceptors` and the controller's `@intercept`):
   * a host serving the model next to that framework then stops running the old hooks
   * for requests the native controller answers (lb3-shim: `Model.beforeRemote`/`afterRemote`).
   */
  hooksAsInterceptors?: boolean;
  /** Mixins named in `definition.settings.mixins`, by name (registered on the datasource's model builder). */
  mixins?: Record<string, MixinFunction>;
}

/**
 * Serve model modules on a core application, with no other framework: each
 * definition becomes a juggler model on the datasource bound as
 * `datasources.<dataSource>` (its mixins registered first, relations between
 * the modules' models resolved by juggler), its repository is bound as
 * `repositories.<name>` and its controller is registered. Returns the model
 * classes by name. Access rules (`acls`) need an authorizer the app registers.
 */
export function applyModelModules(app: Application, modules: readonly ModelModule[], opts: { dataSource: string }): Record<string, unknown> {
  const ds = app.resolve<any>(`datasources.${opts.dataSource}`); // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const m of modules) {
    for (const [name, fn] of Object.entries(m.mixins ?? {})) ds.modelBuilder.mixins.define(name, fn);
  }
  const classes: Record<string, unknown> = {};
  for (const m of modules) {
    const Model = defineModel(ds, m.definition);
    classes[m.name] = Model;
    app.repository(m.name, { value: new m.repository(Model) });
    app.controller(m.controller);
    debug('model module %s on datasource %s', m.name, opts.dataSource);
  }
  return classes;
}

/** Check the shape of a value an app exported as a model module; the message names the model and the field. */
export function assertModelModule(value: unknown, where: string): asserts value is ModelModule {
  const m = value as Partial<ModelModule> | undefined;
  const fail = (what: string): never => {
    throw new TypeError(`${where}: ${what}`);
  };
  if (!m || typeof m !== 'object') fail('a model module must be an object { name, definition, repository, controller }');
  if (typeof m!.name !== 'string' || !m!.name) fail('model module without a "name"');
  const name = m!.name as string;
  if (!m!.definition || typeof m!.definition !== 'object') fail(`model module "${name}" has no "definition"`);
  if (typeof m!.repository !== 'function') fail(`model module "${name}" has no "repository" class`);
  if (typeof m!.controller !== 'function') fail(`model module "${name}" has no "controller" class`);
  if (m!.acls !== undefined && !Array.isArray(m!.acls)) fail(`model module "${name}": "acls" must be an array`);
}
