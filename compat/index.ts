/** The LB3 compatibility layer: load an LB3 app and serve it on the core. */
export { createShim } from './create-shim';
export type { Shim, ShimOptions } from './create-shim';
export { loadLb3App } from './boot/app-loader';
export type { Lb3AppSource, LoadedLb3App, LoadOptions } from './boot/app-loader';
export { Lb3BootError, toBootError } from './boot/boot-errors';
export { resolveLb3Packages } from './boot/lb3-packages';
export type { Lb3Packages, ResolvedPackage } from './boot/lb3-packages';
export { planClassRoutes, sortLb3Routes, compareLb3Routes } from './routes/route-table';
export type { Lb3RouteEntry, PlannedRoute } from './routes/route-table';
export { LB3_STATE, getLb3State, RemotingContext } from './remoting/remoting-context';
export type { Lb3CallState } from './remoting/remoting-context';
export type { Lb3RouteMeta } from './routes/shared-method.route';
export { Lb3AclAuthorizer, checkLb3Access, lb3AclError, lb3AclErrorStatus, nativeAclOf } from './security/acl.authorizer';
export type { Lb3AclMeta } from './security/acl.authorizer';
export { lb3TokenMiddleware, lb3AccessTokenStrategy, principalFromAccessToken, resolveTokenModel } from './security/access-token.adapter';
export type { Lb3TokenOptions } from './security/access-token.adapter';
export { Lb3RemoteHooks } from './remoting/remote-hooks.adapter';
export { Lb3MiddlewareAdapter, corePhaseFor } from './middleware/middleware.adapter';
