export * from './lifecycle-observer';
export * from './lifecycle.registry';
