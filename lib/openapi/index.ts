export * from './schema';
export * from './openapi-builder';
