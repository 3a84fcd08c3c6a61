/**
 * LB3 access tokens for the core.
 *
 * - {@link lb3TokenMiddleware}: the express middleware `loopback.token()` is,
 *   resolving through the app's own AccessToken model (`findForRequest`, i.e.
 *   its `getIdForRequest` lookup table and `resolve`, including overrides in
 *   custom token models): sets `req.accessToken` (null when anonymous); an
 *   expired token is deleted and answered 401 INVALID_TOKEN (once: next time
 *   it is unknown, i.e. anonymous). compat runs it where LB3 does, inside the
 *   `loopback#rest` slot before body parsing when `enableAuth()` was called.
 * - {@link lb3AccessTokenStrategy}: the core AuthenticationStrategy exposing
 *   `req.accessToken` as the principal `{ id: userId, accessToken }`.
 */
import debugFactory from 'debug';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthenticationStrategy, Principal, RequestContext } from '../../lib/rest/types';
import { lb3Errors } from '../errors/lb3-errors';
import type { Lb3Adapter } from '../adapter';

const debug = debugFactory('lb3-shim:compat:access-token');

/** `loopback.token()` options. */
export interface Lb3TokenOptions {
  /** AccessToken model name or class (default: the app's model of type AccessToken). */
  model?: string | ((...a: any[]) => unknown);
  /** Extra cookie / header / param names to look in (before the default ones). */
  cookies?: string[];
  headers?: string[];
  params?: string[];
  /** false: only the names above are searched. */
  searchDefaultTokenKeys?: boolean;
  /** `/<literal>/` in the URL is replaced by `/<userId>/` (true means 'me'); anonymous → 401. */
  currentUserLiteral?: string | boolean;
  /** Default true: `Authorization: Bearer <base64(token)>`. */
  bearerTokenBase64Encoded?: boolean;
  /** Look again even when an earlier middleware set `req.accessToken`. */
  enableDoublecheck?: boolean;
  /** With enableDoublecheck: replace a valid token found earlier. */
  overwriteExistingToken?: boolean;
  [key: string]: unknown;
}

function escapeRegExp(str: string): string {
  return str.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The AccessToken model the middleware resolves with. */
export function resolveTokenModel(lb3App: any, model?: Lb3TokenOptions['model']): any {
  if (typeof model === 'function') return model;
  const registry = lb3App.registry;
  if (typeof model === 'string') return registry.getModel(model);
  // loopback#rest: the app's model of type AccessToken (a custom subclass when attached)
  return registry.getModelByType('AccessToken');
}

/**
 * Boot check for `enableAuth()`: the token model `loopback#rest` resolves must exist and be
 * attached to a datasource, else every request with a token would fail (stock LB3 answers
 * those with a 500 "has not been correctly attached to a DataSource"). Throws naming the model.
 */
export function assertTokenModel(lb3App: any, model?: Lb3TokenOptions['model']): void {
  const name = typeof model === 'string' ? model : typeof model === 'function' ? String((model as any).modelName) : 'AccessToken';
  let TokenModel: any;
  try {
    TokenModel = resolveTokenModel(lb3App, model);
  } catch {
    TokenModel = undefined;
  }
  if (typeof TokenModel !== 'function') throw lb3Errors.unknownTokenModel(name, 'does not exist');
  if (!TokenModel.dataSource || typeof TokenModel.findForRequest !== 'function') {
    throw lb3Errors.unknownTokenModel(TokenModel.modelName ?? name, 'is not attached to a datasource');
  }
}

/**
 * `loopback.token(options)` for an LB3 app. The token model is resolved on
 * first use (models may still be attached after the middleware is built).
 */
export function lb3TokenMiddleware(lb3App: any, options: Lb3TokenOptions = {}): RequestHandler {
  const findOptions: Lb3TokenOptions = { ...options };
  if (findOptions.bearerTokenBase64Encoded === undefined) findOptions.bearerTokenBase64Encoded = true;
  let literal: RegExp | undefined;
  let literalText = options.currentUserLiteral;
  if (literalText && typeof literalText !== 'string') literalText = 'me';
  if (typeof literalText === 'string' && literalText) literal = new RegExp('/' + escapeRegExp(literalText) + '(/|$|\\?)', 'g');
  const doublecheck = !!options.enableDoublecheck;
  const overwrite = !!options.overwriteExistingToken;
  let TokenModel: any;

  const rewriteLiteral = (req: Request, next: NextFunction): void => {
    if (literal === undefined) return next();
    const token = (req as any).accessToken;
    if (token && token.userId) {
      const before = req.url;
      req.url = req.url.replace(literal, '/' + token.userId + '$1');
      if (req.url !== before) debug('rewrote %s to %s', before, req.url);
    } else if (!token) {
      literal.lastIndex = 0;
      if (literal.test(req.url)) {
        literal.lastIndex = 0;
        return next(lb3Errors.currentUserRequired());
      }
    }
    next();
  };

  return function lb3Token(req: Request, _res: Response, next: NextFunction): void {
    const r = req as any;
    if (r.accessToken !== undefined) {
      if (!doublecheck) return rewriteLiteral(req, next);
      if (r.accessToken && r.accessToken.id && !overwrite) return rewriteLiteral(req, next);
    }
    if (TokenModel === undefined) {
      TokenModel = resolveTokenModel(lb3App, options.model);
      if (typeof TokenModel !== 'function') {
        TokenModel = undefined;
        return next(lb3Errors.tokenModelRequired());
      }
    }
    // From a fresh stack: juggler throws and catches an Error per where-value (coerceArray), and
    // capturing its stack trace under express's nested middleware frames cost ~25 µs more per request.
    process.nextTick(lookUp, req, next);
  };

  function lookUp(req: Request, next: NextFunction): void {
    const r = req as any;
    TokenModel.findForRequest(req, findOptions, (err: unknown, token: unknown) => {
      r.accessToken = token || null;
      const lbCtx = r.loopbackContext;
      if (lbCtx && lbCtx.active) lbCtx.set('accessToken', token);
      if (err) return next(err);
      rewriteLiteral(req, next);
    });
  }
}

/** The principal of an LB3 access token (undefined for none). */
export function principalFromAccessToken(token: any): Principal | undefined {
  if (!token) return undefined;
  const id = token.userId != null ? token.userId : token.id;
  return { id, accessToken: token };
}

/** Core strategy: the request's LB3 access token (set by the token middleware) as principal. */
export const lb3AccessTokenStrategy: AuthenticationStrategy = {
  name: 'lb3-access-token',
  authenticate(ctx: RequestContext): Principal | undefined {
    return principalFromAccessToken((ctx.request as any).accessToken);
  },
};

/**
 * Does the LB3 app run `loopback.token()` / `loopback#token` as middleware of
 * its own? (The factory returns an anonymous function, so it is recognised by
 * its source text.)
 */
export function hasLoopbackTokenMiddleware(lb3App: any): boolean {
  const loopback = lb3App.loopback;
  const router = lb3App._router;
  if (!loopback || typeof loopback.token !== 'function' || !router) return false;
  const source = String(loopback.token());
  return router.stack.some((layer: { handle?: unknown }) => typeof layer.handle === 'function' && String(layer.handle) === source);
}

/** What the access-token adapter found in the LB3 app. */
export interface AccessTokenPlan {
  /** `enableAuth()` was called: loopback#rest runs the token middleware, the token model must be usable. */
  authEnabled: boolean;
  /** Register the principal strategy (auth enabled, or the app runs `loopback#token` itself). */
  strategy: boolean;
}

/**
 * load: `isAuthEnabled` and the app's own token middleware; compile: whether the principal
 * strategy applies, checking the token model at boot (throws an Lb3ConfigError naming it);
 * apply: the strategy, and the `loopback#rest` token middleware for the middleware adapter.
 */
export const accessTokenAdapter: Lb3Adapter<{ authEnabled: boolean; appTokenMiddleware: boolean }, AccessTokenPlan, RequestHandler> = {
  kind: 'access tokens',
  load: ({ lb3App }) => ({ authEnabled: !!lb3App.isAuthEnabled, appTokenMiddleware: hasLoopbackTokenMiddleware(lb3App) }),
  compile(found, { lb3App }) {
    if (found.authEnabled) assertTokenModel(lb3App);
    // the principal comes from req.accessToken, which only LB3's token middleware sets
    return { authEnabled: found.authEnabled, strategy: found.authEnabled || found.appTokenMiddleware };
  },
  apply(plan, { lb3App, app }) {
    if (plan.strategy) app.authenticationStrategy(lb3AccessTokenStrategy);
    return lb3TokenMiddleware(lb3App, { app: lb3App });
  },
};
