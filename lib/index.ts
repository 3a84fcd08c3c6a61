/** The lb3-shim core: everything a native app (no LB3) is built from. */
export * from './keys';
export * from './rest/types';
export * from './errors/http-error';
export * from './errors/error-writer';
export * from './context';
export * from './lifecycle';
export * from './component';
export * from './application';
export * from './rest/rest.server';
export * from './rest/sequence';
export { buildArgParser } from './rest/parse-args';
export { explorerRouter } from './rest/explorer';
export * from './controllers';
export * from './openapi';
export * from './repository';
export * from './model-module';
export * from './auth';
