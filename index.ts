/** lb3-shim: the core API (lib/), the LB3 compatibility layer (compat/) and the comparison product (compare/). */
export * from './lib';
export * from './compat';
export * as compare from './compare';
