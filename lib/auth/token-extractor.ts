/**
 * Where a request carries its access token, as LB3's `loopback.token()`
 * looks for it (`AccessToken.getIdForRequest`): the `access_token`
 * parameter (path, body, query), the `X-Access-Token` and `Authorization`
 * headers (`Bearer <base64>` decoded by default, `Basic` credentials: the
 * longer part), and the signed cookies `access_token` / `authorization`;
 * the app's own `params`/`headers`/`cookies` names are searched first.
 */

/** `loopback.token()` options that decide where the token id is looked for. */
export interface TokenLookupOptions {
  /** Extra parameter names (searched before `access_token`). */
  params?: string[];
  /** Extra header names (searched before `X-Access-Token` and `Authorization`). */
  headers?: string[];
  /** Extra signed-cookie names (searched before `access_token` and `authorization`). */
  cookies?: string[];
  /** false: only the names above (default true). */
  searchDefaultTokenKeys?: boolean;
  /** Decode `Bearer` values from base64 (default true, as `loopback.token()`). */
  bearerTokenBase64Encoded?: boolean;
}

/** The request fields the lookup reads (an express request has them all). */
export interface TokenCarrier {
  params?: Record<string, unknown>;
  body?: unknown;
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
  signedCookies?: Record<string, unknown>;
}

function header(req: TokenCarrier, name: string): unknown {
  const value = req.headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function decodeBase64(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/** The access token id a request carries, or null. */
export function tokenIdFromRequest(req: TokenCarrier, options: TokenLookupOptions = {}): string | null {
  let params = options.params ?? [];
  let headers = options.headers ?? [];
  let cookies = options.cookies ?? [];
  if (options.searchDefaultTokenKeys !== false) {
    params = [...params, 'access_token'];
    headers = [...headers, 'X-Access-Token', 'authorization'];
    cookies = [...cookies, 'access_token', 'authorization'];
  }
  const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : undefined;
  for (const name of params) {
    const id =
      req.params && req.params[name] !== undefined
        ? req.params[name]
        : body && body[name] !== undefined
          ? body[name]
          : req.query && req.query[name] !== undefined
            ? req.query[name]
            : undefined;
    if (typeof id === 'string') return id;
  }
  const base64Bearer = options.bearerTokenBase64Encoded !== false;
  for (const name of headers) {
    let id = header(req, name);
    if (typeof id !== 'string' || id === '') continue;
    if (id.startsWith('Bearer ')) {
      id = id.substring(7);
      if (base64Bearer) id = decodeBase64(id as string);
    } else if (/^Basic /i.test(id)) {
      id = decodeBase64(id.substring(6));
      const parts = /^([^:]*):(.*)$/.exec(id as string);
      if (parts) id = parts[2].length > parts[1].length ? parts[2] : parts[1];
    }
    return id as string;
  }
  if (req.signedCookies) {
    for (const name of cookies) {
      const id = req.signedCookies[name];
      if (typeof id === 'string') return id;
    }
  }
  return null;
}
