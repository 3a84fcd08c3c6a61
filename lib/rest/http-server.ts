/**
 * The listening side of a RestServer: a node `http.Server` whose req/res are
 * born with express's prototypes, start on a port, and a graceful stop that
 * drains in-flight requests.
 */
import type http from 'http';
import type { AddressInfo } from 'net';
import type { IncomingMessage, ServerResponse } from 'http';
import debugFactory from 'debug';
import { createNodeServer, requestClasses, type RequestClasses } from './node-server';

const debug = debugFactory('lb3-shim:rest:http-server');

/** The prototypes req/res get (express's `app.request`/`app.response`, or ones chaining to them). */
export interface RequestPrototypes {
  request: object;
  response: object;
}

export interface HttpServerOptions {
  /** The node request listener (the express app). */
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** The prototypes, read when the first server is created. */
  prototypes: () => RequestPrototypes;
  /** stop(): milliseconds to wait for in-flight requests before cutting their connections (default 10000). */
  stopTimeout?: number;
}

export class HttpServer {
  readonly #options: HttpServerOptions;
  #server: http.Server | undefined;
  /** Servers created elsewhere that serve the listener (LB3's own app.listen under `serve`); stop() drains them too. */
  readonly #attached = new Set<http.Server>();
  #classes: RequestClasses | undefined;
  #url: string | undefined;
  #stopping = false;
  #stopped: Promise<void> | undefined;

  constructor(options: HttpServerOptions) {
    this.#options = options;
  }

  /** True while stop() drains: responses should say `Connection: close`. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** e.g. http://127.0.0.1:34567 while started. */
  get url(): string | undefined {
    return this.#url;
  }

  /** A node `http.Server` for the listener whose req/res are born with express's prototypes (node-server.ts). */
  createServer(): http.Server {
    return createNodeServer(this.#nativeClasses(), this.#options.listener);
  }

  /** Serve from a server created elsewhere: {@link url} follows its address once it listens, stop() drains it. */
  attach(server: http.Server): void {
    this.#attached.add(server);
    const setUrl = () => {
      const address = server.address();
      if (this.#url === undefined && address !== null && typeof address === 'object') this.#url = `http://${urlHost(address.address)}:${address.port}`;
    };
    if (server.listening) setUrl();
    else server.once('listening', setUrl);
  }

  /** Servers created from now on (and the current ones' future req/res) use these prototypes. */
  setPrototypes(prototypes: RequestPrototypes): void {
    if (this.#classes === undefined) return;
    this.#classes.Request.prototype = prototypes.request;
    this.#classes.Response.prototype = prototypes.response;
  }

  /** Listen (port 0 picks a free port); does nothing when already started. */
  async start(port: number, host: string | undefined): Promise<void> {
    if (this.#server !== undefined) return;
    const server = this.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#server = server;
    this.#url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
    debug('listening at %s', this.#url);
  }

  /**
   * Stop accepting connections, let in-flight requests finish, then close the
   * idle keep-alive sockets. After `stopTimeout` the remaining ones are cut.
   */
  stop(): Promise<void> {
    if (this.#stopped !== undefined) return this.#stopped;
    const servers = [...(this.#server ? [this.#server] : []), ...[...this.#attached].filter((s) => s.listening)];
    this.#attached.clear();
    if (servers.length === 0) return Promise.resolve();
    this.#stopped = Promise.all(servers.map((server) => this.#drain(server)))
      .then(() => undefined)
      .finally(() => {
        this.#server = undefined;
        this.#url = undefined;
        this.#stopping = false;
        this.#stopped = undefined;
        debug('stopped');
      });
    return this.#stopped;
  }

  async #drain(server: http.Server): Promise<void> {
    this.#stopping = true;
    await new Promise<void>((resolve, reject) => {
      // A socket becomes idle when its response ends: keep sweeping until close() completes.
      const sweep = setInterval(() => server.closeIdleConnections(), 20);
      const force = setTimeout(() => server.closeAllConnections(), this.#options.stopTimeout ?? 10_000);
      server.close((err) => {
        clearInterval(sweep);
        clearTimeout(force);
        if (err) reject(err);
        else resolve();
      });
      server.closeIdleConnections();
    });
  }

  #nativeClasses(): RequestClasses {
    if (this.#classes === undefined) {
      const { request, response } = this.#options.prototypes();
      this.#classes = requestClasses(request, response);
    }
    return this.#classes;
  }
}

function urlHost(host: string | undefined): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
