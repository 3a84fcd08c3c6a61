/** lb3-shim: the core API (lib/) and the LB3 compatibility layer (compat/). */
export * from './lib';
export * from './compat';
