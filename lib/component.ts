/**
 * A Component is a bundle of contributions (controllers, routes, bindings,
 * extensions, middleware) applied to an Application in one call.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { BindingSource } from './context/binding';
import type { ControllerClass } from './controllers';
import type { LifeCycleObserver } from './lifecycle/lifecycle-observer';
import type { MiddlewarePhase } from './rest/middleware-phases';
import type { AuthenticationStrategy, Authorizer, Interceptor, RouteSpec } from './rest/types';

/** A bundle of contributions; every field is optional. */
export interface Component {
  controllers?: ControllerClass[];
  routes?: RouteSpec[];
  /** Bound as `repositories.<name>`. */
  repositories?: Record<string, BindingSource>;
  /** Bound as `services.<name>`. */
  services?: Record<string, BindingSource>;
  /** Juggler DataSource configs (or DataSource instances), bound as `datasources.<name>`. */
  dataSources?: Record<string, object /* juggler config */>;
  /** Global interceptors, appended in order. */
  interceptors?: Interceptor[];
  lifeCycleObservers?: Array<LifeCycleObserver | { observer: LifeCycleObserver; group?: string }>;
  middleware?: Array<{ handler: RequestHandler | ErrorRequestHandler; phase: MiddlewarePhase; path?: string; name?: string }>;
  authenticationStrategies?: AuthenticationStrategy[];
  authorizers?: Authorizer[];
}

/** A component given as an instance or as a class with a no-argument constructor. */
export type ComponentSource = Component | (new () => Component);

/** The part of the Application a component is applied through (kept narrow on purpose). */
export interface ComponentTarget {
  controller(ctor: ControllerClass): unknown;
  route(spec: RouteSpec): unknown;
  repository(name: string, source: BindingSource): unknown;
  service(name: string, source: BindingSource): unknown;
  dataSource(name: string, configOrDataSource: object): unknown;
  interceptor(fn: Interceptor): unknown;
  lifeCycleObserver(o: LifeCycleObserver, opts?: { group?: string }): unknown;
  middleware(handler: RequestHandler | ErrorRequestHandler, opts: { phase: MiddlewarePhase; path?: string; name?: string }): unknown;
  authenticationStrategy(s: AuthenticationStrategy): unknown;
  authorizer(a: Authorizer): unknown;
}

/** Tells a `{ observer, group }` entry from an observer that happens to have an `observer` field. */
function isGroupedObserver(x: unknown): x is { observer: LifeCycleObserver; group?: string } {
  return typeof x === 'object' && x !== null && 'observer' in x && typeof (x as { observer: unknown }).observer === 'object';
}

/**
 * Applies every contribution of `source` to `target`, kind by kind in a fixed
 * order (bindings first, so controllers/observers registered afterwards find
 * their dependencies). Returns the component instance.
 */
export function applyComponent(target: ComponentTarget, source: ComponentSource): Component {
  const c: Component = typeof source === 'function' ? new source() : source;
  if (c === null || typeof c !== 'object') {
    throw new TypeError(`Invalid component: expected an object or a class, got ${c === null ? 'null' : typeof c}.`);
  }
  for (const [name, config] of Object.entries(c.dataSources ?? {})) target.dataSource(name, config);
  for (const [name, s] of Object.entries(c.repositories ?? {})) target.repository(name, s);
  for (const [name, s] of Object.entries(c.services ?? {})) target.service(name, s);
  for (const s of c.authenticationStrategies ?? []) target.authenticationStrategy(s);
  for (const a of c.authorizers ?? []) target.authorizer(a);
  for (const i of c.interceptors ?? []) target.interceptor(i);
  for (const { handler, ...opts } of c.middleware ?? []) target.middleware(handler, opts);
  for (const ctor of c.controllers ?? []) target.controller(ctor);
  for (const spec of c.routes ?? []) target.route(spec);
  for (const o of c.lifeCycleObservers ?? []) {
    if (isGroupedObserver(o)) target.lifeCycleObserver(o.observer, { group: o.group });
    else target.lifeCycleObserver(o);
  }
  return c;
}
