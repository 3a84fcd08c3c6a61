/**
 * Under `serve`, the app's own start path runs unchanged: server.js calls `app.start()`, which
 * calls LB3's `app.listen()` (loopback/lib/application.js, the app's own copy). That code sets
 * `port`, `host` and `url` as LB3 does, listens and calls the app's callback (which emits
 * `started`); the one thing that differs is the server it listens with. While LB3's listen runs,
 * `http.createServer` hands it a server that answers with the shim's handler (requests that
 * arrive before the shim is built wait for it) instead of the LB3 express app.
 */
import http from 'http';
import type { IncomingMessage, ServerResponse } from 'http';
import * as path from 'path';
import debugFactory from 'debug';
import { createNodeServer, requestClasses } from '../../lib/rest/node-server';
import type { Lb3Packages } from './lb3-packages';

const debug = debugFactory('lb3-shim:compat:listen-interceptor');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface ListenInterceptor {
  /** Servers the app's listen() created so far. */
  readonly servers: readonly http.Server[];
  /** From now on these servers (and later ones) answer with `handler`; queued requests go first. `onServer` sees every server. */
  serve(handler: Handler, onServer: (server: http.Server) => void): void;
  /** Give loopback back its own listen (apps created meanwhile keep the intercepting copy LB3 merged into them). */
  restore(): void;
}

export interface InterceptListenOptions {
  packages: Lb3Packages;
  /** Which app is served: other loopback apps in the process listen as they would. */
  isServedApp: (app: unknown) => boolean;
  /** A server's error (e.g. EADDRINUSE) that the app itself does not handle; stock would crash on it. */
  onUnhandledError?: (err: Error, server: http.Server) => void;
}

/** Replace `listen` of the app's loopback application prototype (copied into every app `loopback()` creates). */
export function interceptListen(opts: InterceptListenOptions): ListenInterceptor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's own loopback, resolved by path
  const proto = require(path.join(opts.packages.resolved.loopback.dir, 'lib', 'application.js'));
  const original: (...args: unknown[]) => http.Server = proto.listen;
  const servers: http.Server[] = [];
  const queued: Array<[IncomingMessage, ServerResponse]> = [];
  let handler: Handler | undefined;
  let onServer: ((server: http.Server) => void) | undefined;

  proto.listen = function listenWithShim(this: { request: object; response: object }, ...args: unknown[]): http.Server {
    if (!opts.isServedApp(this)) return original.apply(this, args);
    const server = createNodeServer(requestClasses(this.request, this.response), (req, res) => {
      if (handler !== undefined) handler(req, res);
      else queued.push([req, res]);
    });
    servers.push(server);
    server.on('error', (err) => {
      if (server.listenerCount('error') === 1) opts.onUnhandledError?.(err, server);
    });
    onServer?.(server);
    debug('app.listen(): serving the shim (server #%d)', servers.length);
    const createServer = http.createServer;
    http.createServer = (() => server) as unknown as typeof http.createServer;
    try {
      return original.apply(this, args);
    } finally {
      http.createServer = createServer;
    }
  };

  return {
    servers,
    serve(h, seeServer) {
      handler = h;
      onServer = seeServer;
      for (const server of servers) seeServer(server);
      for (const [req, res] of queued.splice(0)) h(req, res);
    },
    restore() {
      if (proto.listen !== original) proto.listen = original;
    },
  };
}
