/**
 * Node `http.Server`s whose requests and responses are born with the prototypes express would
 * give them, so express's per-request `Object.setPrototypeOf` finds them already in place. A real
 * prototype switch turns req/res into slow objects for V8: every later property access on them
 * pays (about 40 µs per request with express alone, measured; docs/performance.md).
 */
import http from 'http';
import type { IncomingMessage, ServerResponse } from 'http';

/** Node's request/response constructors with other prototypes; reassign `prototype` to change them. */
export interface RequestClasses {
  Request: { prototype: object };
  Response: { prototype: object };
}

/** Constructors of req/res with the given prototypes (which must chain to express's request/response). */
export function requestClasses(request: object, response: object): RequestClasses {
  // ES5 style: node's own IncomingMessage/ServerResponse are plain functions
  const NodeRequest = http.IncomingMessage as unknown as (this: unknown, ...args: unknown[]) => void;
  const NodeResponse = http.ServerResponse as unknown as (this: unknown, ...args: unknown[]) => void;
  function Request(this: unknown, ...args: unknown[]): void {
    NodeRequest.apply(this, args);
  }
  function Response(this: unknown, ...args: unknown[]): void {
    NodeResponse.apply(this, args);
  }
  Request.prototype = request;
  Response.prototype = response;
  return { Request, Response };
}

/** An `http.Server` running `handler` whose req/res are made by `classes`. */
export function createNodeServer(classes: RequestClasses, handler: (req: IncomingMessage, res: ServerResponse) => void): http.Server {
  return http.createServer({ IncomingMessage: classes.Request, ServerResponse: classes.Response } as http.ServerOptions, handler);
}
