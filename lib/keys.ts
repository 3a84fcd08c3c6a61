/**
 * Every name registered in the container, in one table. Per-name families
 * (repositories, datasources, ...) are built with the helper functions.
 */
export const KEYS = {
  /** The Application itself. */
  APPLICATION: 'application',
  /** The RestServer (express app, router, sequence). */
  REST_SERVER: 'restServer',
  /** RestServerOptions given to the Application. */
  REST_OPTIONS: 'restOptions',
  /** The ErrorWriter used by the sequence's reject step (replaceable: compat installs LB3's). */
  ERROR_WRITER: 'errorWriter',
  /** Per-request scope: the express request. */
  REQUEST: 'request',
  /** Per-request scope: the express response. */
  RESPONSE: 'response',
  /** Per-request scope: the RequestContext. */
  REQUEST_CONTEXT: 'requestContext',
  /** Per-request scope: the authenticated Principal or undefined. */
  PRINCIPAL: 'principal',
} as const;

/** Prefixes of binding families; a family is enumerated by prefix at start. */
export const KEY_PREFIX = {
  REPOSITORY: 'repositories.',
  DATASOURCE: 'datasources.',
  CONTROLLER: 'controllers.',
  SERVICE: 'services.',
  INTERCEPTOR: 'interceptors.',
  AUTH_STRATEGY: 'authentication.strategies.',
  AUTHORIZER: 'authorizers.',
  LIFECYCLE_OBSERVER: 'lifeCycleObservers.',
} as const;

export const repositoryKey = (name: string) => `${KEY_PREFIX.REPOSITORY}${name}`;
export const dataSourceKey = (name: string) => `${KEY_PREFIX.DATASOURCE}${name}`;
export const controllerKey = (name: string) => `${KEY_PREFIX.CONTROLLER}${name}`;
export const serviceKey = (name: string) => `${KEY_PREFIX.SERVICE}${name}`;
