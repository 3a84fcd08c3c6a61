/** The LB3 compatibility layer: load an LB3 app and serve it on the core. */
export { createShim } from './create-shim';
export type { Shim, ShimOptions } from './create-shim';
export { loadLb3App } from './app-loader';
export type { Lb3AppSource, LoadedLb3App, LoadOptions } from './app-loader';
export { Lb3BootError, toBootError } from './boot-errors';
export { resolveLb3Packages } from './lb3-packages';
export type { Lb3Packages, ResolvedPackage } from './lb3-packages';
export { planClassRoutes, sortLb3Routes, compareLb3Routes } from './route-table';
export type { Lb3RouteEntry, PlannedRoute } from './route-table';
export { LB3_STATE, getLb3State, RemotingContext } from './remoting-context';
export type { Lb3CallState } from './remoting-context';
export type { Lb3RouteMeta } from './shared-method.route';
export * as compare from './compare';
