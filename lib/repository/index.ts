export * from './crud-repository';
export * from './juggler-crud-repository';
export * from './relation-accessor';
export * from './datasource';
export * from './model-definition';
