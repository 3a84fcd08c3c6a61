/**
 * Access control on the core: LB3's access-rule semantics, principal sources
 * and the core authorizer. Stable public names (other code and generated
 * model modules import them from 'lb3-shim'; keep them):
 *
 *   rules:      AccessRule, ModelAccessRule, AccessRequest, AccessType, Permission,
 *               ALL, PRINCIPAL_TYPES, STATIC_ROLES, PERMISSION_ORDER,
 *               accessTypeOf, matchingScore, rankRules, resolvePermission,
 *               staticRulesFor, isAllowed, aclRowQuery, aclRowWhere, AclRowQuery
 *   callers:    Caller, AclPrincipal, AccessContext, principalsOf, isScopeAllowed,
 *               isAuthenticated, userOf, DEFAULT_SCOPES
 *   deciding:   decideAccess, AccessCheck, AccessDecision
 *   sources:    PrincipalSource, RoleResolver, MaybePromise, RoleResolvers, callResolver,
 *               NativePrincipalSource, NativePrincipalSourceOptions, isOwner, isUserClass,
 *               principalSourceStrategy
 *   authorizer: AclAuthorizer, AclAuthorizerOptions, AclTarget, AclModelSettings,
 *               aclTargetOf, aclDenial, aclTargetFor, CRUD_METHODS
 *   models:     defineAuthModels, AuthModels, accessTokenDefinition, ROLE_DEFINITION,
 *               ROLE_MAPPING_DEFINITION, ACL_DEFINITION, createAccessTokenId,
 *               DEFAULT_TOKEN_LENGTH, DEFAULT_TOKEN_TTL
 *   tokens:     tokenIdFromRequest, TokenLookupOptions, TokenCarrier, resolveAccessToken,
 *               isTokenValid, callerOfToken, StoredToken, TokenValidationOptions
 */
export * from './access-rule';
export * from './access-type';
export * from './rule-matching';
export * from './access-context';
export * from './access-decision';
export * from './principal-source';
export * from './role-resolvers';
export * from './acl.authorizer';
export * from './crud-methods';
export * from './auth-models';
export * from './token-extractor';
export * from './access-tokens';
export * from './native-principal.source';
export * from './principal.strategy';
