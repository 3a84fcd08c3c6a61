export * from './binding';
export * from './container';
export * from './request-scope';
export * from './resolution.error';
