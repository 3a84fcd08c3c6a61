/**
 * The OpenAPI endpoint of a RestServer: the document built from the routes
 * (plus contributed fragments, e.g. compat's LB3 spec), cached until routes or
 * contributors change, and the middleware serving it.
 */
import type { RequestHandler } from 'express';
import { buildOpenApiSpec } from '../openapi/openapi-builder';
import type { Route } from './types';

export interface OpenApiEndpointOptions {
  /** The current routes. */
  routes: () => readonly Route[];
  basePath: string;
  title?: string;
  version?: string;
}

export class OpenApiEndpoint {
  readonly #options: OpenApiEndpointOptions;
  readonly #contributors: Array<() => Record<string, unknown>> = [];
  #document: Record<string, unknown> | undefined;

  constructor(options: OpenApiEndpointOptions) {
    this.#options = options;
  }

  /** Add a fragment merged into the document. */
  addContributor(fn: () => Record<string, unknown>): void {
    this.#contributors.push(fn);
    this.#document = undefined;
  }

  /** Drop the cached document (routes or a contributor's fragment changed); rebuilt on next use. */
  invalidate(): void {
    this.#document = undefined;
  }

  /** The document, cached until invalidated. */
  document(): Record<string, unknown> {
    if (this.#document === undefined) {
      const { routes, basePath, title, version } = this.#options;
      this.#document = buildOpenApiSpec(routes(), { title, version, basePath, merge: this.#contributors.map((fn) => fn()) });
    }
    return this.#document;
  }

  /**
   * GET/HEAD of exactly the mount path answers the document. A path-mounted plain
   * handler: an express.Router here would cost every request a router pass.
   */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const exact = req.url === '/' || req.url.startsWith('/?');
      if (exact && (req.method === 'GET' || req.method === 'HEAD')) res.json(this.document());
      else next();
    };
  }
}
