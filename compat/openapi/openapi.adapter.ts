/**
 * The LB3 app's API description in /openapi.json: loopback-swagger's Swagger
 * 2.0 document, converted to OpenAPI 3 with swagger2openapi, paths prefixed
 * with restApiRoot (contributed fragments are merged unprefixed).
 *
 * Built lazily: converting a big app's spec costs seconds and tens of MB, and
 * most processes never serve /openapi.json. `invalidate()` marks the document
 * stale (live changes call it); `ready()` rebuilds a stale document and
 * resolves once it is in place (the /openapi.json middleware awaits it). The
 * contributor returns the last finished document; `onDocument` is called after
 * each build so the server drops its cached spec.
 */
import debugFactory from 'debug';
import type { NextFunction, Request, Response } from 'express';
import type { Lb3Adapter } from '../adapter';

import { convertSwagger } from './swagger-converter';

const debug = debugFactory('lb3-shim:compat:openapi');

export interface Lb3OpenApiOptions {
  lb3App: any;
  /** restApiRoot, e.g. '/api'. */
  basePath: string;
  /** Called after each new document is in place (e.g. to drop a cached merged spec). */
  onDocument?: () => void;
}

/** Keeps the converted LB3 spec up to date. */
export class Lb3OpenApi {
  readonly #opts: Lb3OpenApiOptions;
  #doc: Record<string, unknown> = {};
  #pending: Promise<void> = Promise.resolve();
  /** Bumped by invalidate(); the document is stale while it differs from #built. */
  #generation = 1;
  #built = 0;

  constructor(opts: Lb3OpenApiOptions) {
    this.#opts = opts;
  }

  /** The spec contributor for `restServer.addSpecContributor`. */
  readonly contributor = (): Record<string, unknown> => this.#doc;

  /** The last converted document. */
  get document(): Record<string, unknown> {
    return this.#doc;
  }

  /** Mark the document stale; the next `ready()` rebuilds it. */
  invalidate(): void {
    this.#generation++;
  }

  /** Mark stale and rebuild now; resolves when the newest document is in place. */
  refresh(): Promise<void> {
    this.invalidate();
    return this.ready();
  }

  /** Rebuild the document if stale (coalesced with a running build); resolves when it reflects every invalidate() so far. */
  ready(): Promise<void> {
    if (this.#built !== this.#generation) {
      this.#pending = this.#pending
        .then(() => this.#rebuildIfStale())
        .catch((err) => {
          // The API keeps being served; only the document is stale. Say so once per failure, without a stack.
          debug('LB3 spec generation failed: %O', err);
          process.emitWarning(`lb3-shim: /openapi.json could not include the LB3 API: ${(err as Error)?.message ?? String(err)}`);
        });
    }
    return this.#pending;
  }

  async #rebuildIfStale(): Promise<void> {
    if (this.#built === this.#generation) return; // an earlier queued build already covered it
    this.#built = this.#generation;
    this.#doc = await this.#build();
    this.#opts.onDocument?.();
  }

  async #build(): Promise<Record<string, unknown>> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { generateSwaggerSpec } = require('loopback-swagger');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const swagger = generateSwaggerSpec(this.#opts.lb3App);
    // LB3 model definitions may carry functions (e.g. `default: Date.now`); JSON has no place for them
    // and swagger2openapi rejects them, so the document is reduced to plain JSON first.
    const plain = JSON.parse(JSON.stringify(swagger));
    // `text` is only kept for error messages; without it swagger2openapi YAML-serialises the whole
    // spec first (~half of the conversion time on a 200-model app)
    const openapi = await convertSwagger(plain, { patch: true, warnOnly: true, text: '(LB3 spec)' });
    const base = this.#opts.basePath.replace(/\/+$/, '');
    const paths: Record<string, unknown> = {};
    for (const [p, item] of Object.entries((openapi.paths ?? {}) as Record<string, unknown>)) {
      paths[base + (p === '/' ? '' : p) || '/'] = item;
    }
    const doc: Record<string, unknown> = { paths, components: openapi.components ?? {} };
    if (openapi.tags) doc.tags = openapi.tags;
    // the app's identity as loopback-swagger reads it (name/version of package.json in the working directory)
    if (openapi.info) doc.info = { title: openapi.info.title, version: openapi.info.version };
    debug('LB3 spec: %d paths', Object.keys(paths).length);
    return doc;
  }
}

/**
 * load: the server's OpenAPI options; compile: the document path (undefined: no document);
 * apply: contribute the LB3 spec and make /openapi.json wait for a pending refresh.
 */
export const openApiAdapter: Lb3Adapter<false | { path?: string } | undefined, { specPath?: string }, Lb3OpenApi> = {
  kind: 'openapi',
  load: ({ restServer }) => restServer.options.openApi,
  compile: (openApi) => ({ specPath: openApi === false ? undefined : ((openApi || {}).path ?? '/openapi.json') }),
  apply(plan, { lb3App, app, restServer, restApiRoot }) {
    // built on the first /openapi.json request (or shim.ready()), not at boot
    const spec = new Lb3OpenApi({ lb3App, basePath: restApiRoot, onDocument: () => restServer.invalidateSpec() });
    restServer.addSpecContributor(spec.contributor);
    if (plan.specPath !== undefined) {
      app.middleware((_req: Request, _res: Response, next: NextFunction) => void spec.ready().then(() => next(), next), {
        phase: 'initial',
        path: plan.specPath,
        name: 'lb3-spec-ready',
      });
    }
    return spec;
  },
};
