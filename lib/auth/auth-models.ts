/**
 * The models access control reads, as juggler definitions with LB3's names,
 * properties, relations and hence tables/collections: `AccessToken`,
 * `Role`, `RoleMapping` and `ACL`. Defined on the app's datasource they read
 * the rows an LB3 app wrote (tokens stay valid, role mappings and ACL rows
 * keep applying) once LB3 is gone.
 */
import { randomBytes } from 'crypto';
import debugFactory from 'debug';
import { defineModel, type ModelDefinition } from '../repository/model-definition';

const debug = debugFactory('lb3-shim:auth:models');

/** LB3's default access token length (`accessTokenIdLength`). */
export const DEFAULT_TOKEN_LENGTH = 64;
/** LB3's default token time to live: two weeks, in seconds. */
export const DEFAULT_TOKEN_TTL = 1209600;

/** `AccessToken`: `id` (the token), `ttl` seconds, `scopes`, `created`, and `userId` via its `user` relation. */
export function accessTokenDefinition(userModel = 'User'): ModelDefinition {
  return {
    name: 'AccessToken',
    properties: {
      id: { type: 'string', id: true },
      ttl: { type: 'number', ttl: true, default: DEFAULT_TOKEN_TTL, description: 'time to live in seconds (2 weeks by default)' },
      scopes: { type: ['string'], description: 'Array of scopes granted to this access token.' },
      created: { type: 'Date', defaultFn: 'now' },
    },
    settings: {},
    relations: { user: { type: 'belongsTo', model: userModel, foreignKey: 'userId' } },
  };
}

export const ROLE_DEFINITION: ModelDefinition = {
  name: 'Role',
  properties: {
    id: { type: 'string', id: true, generated: true },
    name: { type: 'string', required: true },
    description: 'string',
    created: { type: 'date', defaultFn: 'now' },
    modified: { type: 'date', defaultFn: 'now' },
  },
  relations: { principals: { type: 'hasMany', model: 'RoleMapping', foreignKey: 'roleId' } },
};

export const ROLE_MAPPING_DEFINITION: ModelDefinition = {
  name: 'RoleMapping',
  properties: {
    id: { type: 'string', id: true, generated: true },
    principalType: { type: 'string', description: 'The principal type, such as USER, APPLICATION, ROLE, or user model name in case of multiple user models' },
    principalId: { type: 'string', index: true },
  },
  settings: { description: 'Map principals to roles' },
  relations: { role: { type: 'belongsTo', model: 'Role', foreignKey: 'roleId' } },
};

export const ACL_DEFINITION: ModelDefinition = {
  name: 'ACL',
  properties: {
    model: { type: 'string', description: 'The name of the model' },
    property: { type: 'string', description: 'The name of the property, method, scope, or relation' },
    accessType: 'string',
    permission: 'string',
    principalType: 'string',
    principalId: 'string',
  },
};

/** The juggler classes of {@link defineAuthModels}. */
export interface AuthModels {
  AccessToken: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  Role: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  RoleMapping: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ACL: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A random token id as LB3 makes them: `length` characters of [A-Za-z0-9]. */
export function createAccessTokenId(length = DEFAULT_TOKEN_LENGTH): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let id = '';
  for (let i = 0; i < length; i++) id += chars[bytes[i] % chars.length];
  return id;
}

/**
 * Define the access-control models on a juggler datasource (`userModel`: the
 * model tokens belong to, default `User`). A new token without an id gets a
 * random one (LB3's `before save` hook); role names are unique.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function defineAuthModels(ds: any, opts: { userModel?: string; tokenIdLength?: number } = {}): AuthModels {
  const AccessToken = defineModel(ds, accessTokenDefinition(opts.userModel));
  const RoleMapping = defineModel(ds, ROLE_MAPPING_DEFINITION);
  const Role = defineModel(ds, ROLE_DEFINITION);
  const ACL = defineModel(ds, ACL_DEFINITION);
  const length = opts.tokenIdLength ?? AccessToken.settings?.accessTokenIdLength ?? DEFAULT_TOKEN_LENGTH;
  AccessToken.observe('before save', (ctx: { instance?: { id?: unknown } }, next: () => void) => {
    if (ctx.instance && !ctx.instance.id) ctx.instance.id = createAccessTokenId(length);
    next();
  });
  Role.validatesUniquenessOf('name', { message: 'already exists' });
  debug('auth models on datasource %s (tokens of %s)', ds.name, opts.userModel ?? 'User');
  return { AccessToken, Role, RoleMapping, ACL };
}
