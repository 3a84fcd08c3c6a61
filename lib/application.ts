/**
 * The Application: one root container, one RestServer, the extension lists
 * the REST layer compiles routes from, and the life cycle
 * (init → start → stop) of everything registered.
 */
import { asValue, type AwilixContainer } from 'awilix';
import debugFactory from 'debug';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'http';
import { applyComponent, type Component, type ComponentSource } from './component';
import { bindSource, createRootContainer, resolveKey, type BindingSource, type Lifetime } from './context';
import { controllerRoutes, type ControllerClass } from './controllers';
import { controllerKey, dataSourceKey, KEY_PREFIX, KEYS, repositoryKey, serviceKey } from './keys';
import { LifeCycleRegistry, type LifeCycleObserver } from './lifecycle';
import { createDataSource } from './repository';
import type { MiddlewarePhase } from './rest/middleware-phases';
import { RestServer, type RestServerDeps, type RestServerOptions } from './rest/rest.server';
import type { AuthenticationStrategy, Authorizer, Interceptor, RequestContext, Route, RouteSpec } from './rest/types';

export type { BindingSource, Lifetime } from './context';
export type { Component, ComponentSource } from './component';
export type { LifeCycleObserver } from './lifecycle';

const debug = debugFactory('lb3-shim:application');

export interface ApplicationOptions {
  name?: string;
  rest?: RestServerOptions;
  /**
   * @internal Test seam: builds the RestServer instead of `new RestServer(deps)`
   * (unit tests pass a fake to observe start/stop ordering).
   */
  restServerFactory?: (deps: RestServerDeps) => RestServer;
}

export type ApplicationState = 'created' | 'initialized' | 'started' | 'stopping' | 'stopped';

/** The part of a juggler DataSource the Application uses. */
interface DataSourceLike {
  disconnect(): Promise<unknown> | unknown;
}

function isDataSource(x: object): x is DataSourceLike {
  const ds = x as Record<string, unknown>;
  return typeof ds.disconnect === 'function' && typeof ds.define === 'function';
}

export class Application {
  /** Root container (awilix PROXY mode); per-request scopes are created from it. */
  readonly container: AwilixContainer;
  /** The HTTP side: express app, router, sequence. Also bound as `KEYS.REST_SERVER`. */
  readonly restServer: RestServer;
  readonly name: string;

  #state: ApplicationState = 'created';
  // Transitions are serialized so concurrent start()/stop() calls cannot interleave.
  #transition: Promise<unknown> = Promise.resolve();
  // The REST layer reads these arrays when it compiles routes (no container lookups).
  readonly #interceptors: Interceptor[] = [];
  readonly #strategies: AuthenticationStrategy[] = [];
  readonly #authorizers: Authorizer[] = [];
  readonly #observers = new LifeCycleRegistry();
  readonly #dataSources: Array<{ name: string; ds: DataSourceLike }> = [];
  /** Resolves singleton controllers at init, so missing dependencies fail at boot. */
  readonly #warmups: Array<() => unknown> = [];
  #observerSeq = 0;

  constructor(options: ApplicationOptions = {}) {
    this.name = options.name ?? 'application';
    this.container = createRootContainer();
    const deps: RestServerDeps = {
      container: this.container,
      options: options.rest,
      globalInterceptors: () => this.#interceptors,
      strategies: () => this.#strategies,
      authorizers: () => this.#authorizers,
    };
    this.restServer = options.restServerFactory ? options.restServerFactory(deps) : new RestServer(deps);
    this.container.register({
      [KEYS.APPLICATION]: asValue(this),
      [KEYS.REST_SERVER]: asValue(this.restServer),
      [KEYS.REST_OPTIONS]: asValue(options.rest ?? {}),
    });
  }

  /** Where the application is in its life cycle. */
  get state(): ApplicationState {
    return this.#state;
  }

  /** Node `http` request listener (= `restServer.handler`), for servers the app does not own. */
  get handler(): (req: IncomingMessage, res: ServerResponse) => void {
    return this.restServer.handler;
  }

  /** A node `http.Server` running {@link handler}, faster than `http.createServer(app.handler)` (RestServer.createServer). */
  createServer(): import('http').Server {
    return this.restServer.createServer();
  }

  /**
   * Binds `key` to a value, class or factory. Class/factory sources without a
   * lifetime are `transient`. Replaces an earlier binding of the same key.
   */
  bind(key: string, source: BindingSource): this {
    bindSource(this.container, key, source, 'transient');
    return this;
  }

  /** Resolves `key` from the root container; a missing binding throws a ResolutionError naming the key and its resolution path. */
  resolve<T = unknown>(key: string): T {
    return resolveKey<T>(this.container, key);
  }

  /** Applies every contribution of a component (instance or class). */
  component(c: Component | (new () => Component)): this {
    applyComponent(this, c as ComponentSource);
    return this;
  }

  /**
   * Registers a controller class as `controllers.<name>` and adds its routes.
   * `transient` (default) and `scoped` controllers are resolved from the
   * request scope; a `singleton` is resolved once from the root container
   * (at init, or on first use) and reused without creating a request scope.
   */
  controller(ctor: ControllerClass, opts: { name?: string; lifetime?: Lifetime } = {}): this {
    const name = opts.name ?? ctor.name;
    if (!name) throw new TypeError('Cannot register an anonymous controller class: pass opts.name.');
    const key = controllerKey(name);
    if (this.container.hasRegistration(key)) throw new Error(`Controller "${name}" is already registered (key "${key}").`);
    const lifetime = opts.lifetime ?? 'transient';
    bindSource(this.container, key, { class: ctor, lifetime });

    let resolveInstance: (ctx: RequestContext) => object;
    if (lifetime === 'singleton') {
      let instance: object | undefined;
      const getInstance = () => (instance ??= resolveKey<object>(this.container, key));
      resolveInstance = getInstance;
      this.#warmups.push(getInstance);
    } else {
      resolveInstance = (ctx) => resolveKey<object>(ctx.scope, key);
    }
    const specs = controllerRoutes(ctor, resolveInstance);
    debug('controller %s (%s): %d routes', name, lifetime, specs.length);
    for (const spec of specs) this.restServer.route(spec);
    return this;
  }

  /** Adds one route (see RestServer.route). */
  route<A = unknown[]>(spec: RouteSpec<A>): Route<A> {
    return this.restServer.route(spec);
  }

  /** Binds a repository as `repositories.<name>`; class/factory sources default to `singleton`. */
  repository(name: string, source: BindingSource): this {
    bindSource(this.container, repositoryKey(name), source, 'singleton');
    return this;
  }

  /**
   * Binds a juggler DataSource as `datasources.<name>`, building it with
   * `createDataSource` when given a config. Disconnected last on stop.
   */
  dataSource(name: string, configOrDataSource: object): this {
    const key = dataSourceKey(name);
    if (this.container.hasRegistration(key)) throw new Error(`DataSource "${name}" is already registered (key "${key}").`);
    const ds: DataSourceLike = isDataSource(configOrDataSource) ? configOrDataSource : createDataSource(name, configOrDataSource);
    this.#dataSources.push({ name, ds });
    bindSource(this.container, key, { value: ds });
    return this;
  }

  /** Binds a service as `services.<name>`; class/factory sources default to `singleton`. */
  service(name: string, source: BindingSource): this {
    bindSource(this.container, serviceKey(name), source, 'singleton');
    return this;
  }

  /**
   * Adds a global interceptor (runs around every route, in registration
   * order, before route interceptors). Bound as `interceptors.<name>`
   * (`opts.name`, else the function name).
   */
  interceptor(fn: Interceptor, opts: { name?: string } = {}): this {
    if (typeof fn !== 'function') throw new TypeError(`Invalid interceptor "${opts.name ?? String(fn)}": expected a function.`);
    const key = this.#extensionKey(KEY_PREFIX.INTERCEPTOR, opts.name, fn.name || 'interceptor');
    this.#interceptors.push(fn);
    this.#extensionsChanged();
    bindSource(this.container, key, { value: fn });
    return this;
  }

  /** Adds an authentication strategy, bound as `authentication.strategies.<name>`; names must be unique. */
  authenticationStrategy(s: AuthenticationStrategy): this {
    if (!s || typeof s.authenticate !== 'function') throw new TypeError(`Invalid authentication strategy "${s?.name}": expected an authenticate() method.`);
    const key = this.#extensionKey(KEY_PREFIX.AUTH_STRATEGY, s.name, s.name);
    this.#strategies.push(s);
    this.#extensionsChanged();
    bindSource(this.container, key, { value: s });
    return this;
  }

  /** Adds an authorizer, bound as `authorizers.<name>`; names must be unique. */
  authorizer(a: Authorizer): this {
    if (!a || typeof a.authorize !== 'function') throw new TypeError(`Invalid authorizer "${a?.name}": expected an authorize() method.`);
    const key = this.#extensionKey(KEY_PREFIX.AUTHORIZER, a.name, a.name);
    this.#authorizers.push(a);
    this.#extensionsChanged();
    bindSource(this.container, key, { value: a });
    return this;
  }

  /** Adds a life cycle observer to a group (default `'default'`), bound as `lifeCycleObservers.<group>.<n>`. */
  lifeCycleObserver(o: LifeCycleObserver, opts: { group?: string } = {}): this {
    const group = opts.group ?? 'default';
    this.#observers.add(o, group);
    bindSource(this.container, `${KEY_PREFIX.LIFECYCLE_OBSERVER}${group}.${++this.#observerSeq}`, { value: o });
    return this;
  }

  /** Fixes the order observer groups run in; unlisted groups follow in registration order. */
  lifeCycleGroupOrder(groups: string[]): this {
    this.#observers.setGroupOrder(groups);
    return this;
  }

  /** Adds express middleware in a phase (see RestServer.middleware). */
  middleware(handler: RequestHandler | ErrorRequestHandler, opts: { phase: MiddlewarePhase; path?: string; name?: string }): this {
    this.restServer.middleware(handler, opts);
    return this;
  }

  /** Runs observers' `init()` (group order) and resolves singleton controllers. Idempotent. */
  init(): Promise<void> {
    return this.#serialize(() => this.#init());
  }

  /**
   * init (if needed) → observers' `start()` → `restServer.start()` (listen, on `address`
   * when given, else the rest options' port/host). No-op when started.
   */
  start(address?: { port?: number; host?: string }): Promise<void> {
    return this.#serialize(async () => {
      if (this.#state === 'started') return;
      if (this.#state === 'created') await this.#init();
      await this.#observers.start();
      await this.restServer.start(address);
      this.#state = 'started';
      debug('%s started', this.name);
    });
  }

  /**
   * `restServer.stop()` (drains in-flight requests) → observers' `stop()` in
   * reverse group order → datasources disconnect. Every step runs even if an
   * earlier one failed; the first error is rethrown. No-op when stopped.
   */
  stop(): Promise<void> {
    return this.#serialize(async () => {
      if (this.#state === 'stopped') return;
      const previous = this.#state;
      this.#state = 'stopping';
      let firstError: unknown;
      const attempt = async (step: () => unknown) => {
        try {
          await step();
        } catch (err) {
          firstError ??= err;
        }
      };
      if (previous === 'started') await attempt(() => this.restServer.stop());
      if (previous !== 'created') await attempt(() => this.#observers.stop());
      for (const { ds } of [...this.#dataSources].reverse()) await attempt(() => ds.disconnect());
      this.#state = 'stopped';
      debug('%s stopped', this.name);
      if (firstError !== undefined) throw firstError;
    });
  }

  /** Routes compile the extension lists at start and on route changes; after start, recompile now. */
  #extensionsChanged(): void {
    if (this.#state === 'started') this.restServer.refresh();
  }

  async #init(): Promise<void> {
    if (this.#state !== 'created') return;
    await this.#observers.init();
    for (const warm of this.#warmups) warm();
    this.#state = 'initialized';
  }

  #serialize(step: () => Promise<void>): Promise<void> {
    const run = this.#transition.then(step);
    this.#transition = run.catch(() => undefined);
    return run;
  }

  /**
   * Key for an extension binding. An explicit name must be unique; a derived
   * one (function name) gets a `#n` suffix on collision.
   */
  #extensionKey(prefix: string, explicit: string | undefined, derived: string): string {
    if (explicit !== undefined) {
      const key = prefix + explicit;
      if (this.container.hasRegistration(key)) throw new Error(`An extension named "${explicit}" is already registered (key "${key}").`);
      return key;
    }
    let key = prefix + derived;
    for (let n = 2; this.container.hasRegistration(key); n++) key = `${prefix}${derived}#${n}`;
    return key;
  }
}
