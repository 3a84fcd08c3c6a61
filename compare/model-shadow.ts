/**
 * Shadow mode per LB3 model: GET/HEAD requests to the REST routes of the
 * configured models are answered by the shim as usual (the primary) and
 * replayed afterwards against a secondary implementation (the old LB3
 * deployment, a rewrite on native controllers...), compared with the
 * comparison library's normalisation, and mismatches counted and reported.
 *
 *   const shadow = shadowLb3Models(shim, {
 *     Product: { secondary: { url: 'http://legacy.internal:3000' } },
 *     Category: { secondary: { handler: nativeApp.handler } },
 *   }, { onMismatch: (m) => log.warn(m) });
 *   shadow.stats  // { shadowed, matched, mismatched, failed, skipped }
 */
import type { RequestListener } from 'http';
import debugFactory from 'debug';
import { createShadow, handlerSecondary, httpSecondary, type Shadow, type ShadowMismatch, type ShadowRequest, type ShadowResponse } from './shadow';
import type { Shim } from '../compat/create-shim';
import { DEFAULT_RULES, normalizeJson, normalizeText } from './normalize';
import { compilePatterns } from './paths';
import { diffCaptured, formatDifference } from './response-diff';
import type { CapturedResponse } from './types';

const debug = debugFactory('lb3-shim:compare:model-shadow');

/** Where the second answer of a model's requests comes from. */
export type ShadowSecondary =
  /** Replay against another server (path and query kept), e.g. the legacy LB3 deployment. */
  | { url: string }
  /** Replay against a request listener in this process (e.g. a core Application's handler). */
  | { handler: RequestListener }
  /** Any function producing the answer. */
  | { fetch: (req: ShadowRequest) => Promise<ShadowResponse> };

export interface ModelShadowConfig {
  secondary: ShadowSecondary;
  /** Paths not compared for this model (`body.updatedAt`, `headers.x-version`...; see docs/compare.md). */
  ignore?: string[];
}

export interface ModelShadowOptions {
  /** Called for every mismatch (default: debug log `lb3-shim:compare:model-shadow`). */
  onMismatch?: (mismatch: ShadowMismatch & { model: string }) => void;
  onError?: (err: unknown, req: ShadowRequest) => void;
}

/** The installed shadow of a shim: counters and cleanup. */
export interface ModelShadow extends Shadow {
  /** Mismatches per model name. */
  readonly mismatchesByModel: Readonly<Record<string, number>>;
  /** Stop in-process secondaries (call before/after shim.stop()). */
  close(): Promise<void>;
}

/**
 * Shadow the GET/HEAD REST routes of the given LB3 models. The middleware is
 * mounted at the REST root in phase `initial`, so it sees the request before
 * any LB3 middleware. Models are looked up once, now: an unknown model name
 * throws here, naming it.
 */
export function shadowLb3Models(shim: Shim, models: Record<string, ModelShadowConfig>, opts: ModelShadowOptions = {}): ModelShadow {
  const byMount = new Map<string, { model: string; fetch: (req: ShadowRequest) => Promise<ShadowResponse>; ignore: ReturnType<typeof compilePatterns> }>();
  const closers: Array<() => Promise<void>> = [];
  const mismatchesByModel: Record<string, number> = {};
  for (const [model, config] of Object.entries(models)) {
    const ModelCtor = shim.lb3App.models[model];
    if (!ModelCtor) throw new Error(`Cannot shadow model "${model}": the LB3 app has no such model (models: ${Object.keys(shim.lb3App.models).join(', ')}).`);
    const mount = String(ModelCtor.sharedClass?.http?.path ?? `/${ModelCtor.pluralModelName ?? model}`)
      .replace(/^\/?/, '')
      .toLowerCase();
    byMount.set(mount, { model, fetch: secondaryFetch(config.secondary, closers), ignore: compilePatterns(config.ignore ?? [], `shadow.${model}.ignore`) });
    mismatchesByModel[model] = 0;
  }
  const modelOf = (url: string | undefined): string | undefined => {
    // the middleware is mounted at the REST root: url is "/<Model mount>/..."
    const path = (url ?? '/').split('?')[0];
    const seg = path.split('/')[1] ?? '';
    return byMount.get(decodeURIComponent(seg).toLowerCase())?.model;
  };
  const entryFor = (req: ShadowRequest) => {
    const rel = req.url.slice(shim.restApiRoot.length);
    return byMount.get(decodeURIComponent(rel.split('?')[0].split('/')[1] ?? '').toLowerCase());
  };

  const shadow = createShadow({
    name: 'lb3-models',
    match: (req) => modelOf(req.url) !== undefined,
    secondary: (req) => entryFor(req)!.fetch(req),
    compare: (primary, secondary, req) => {
      const diffs = diffCaptured(toCaptured(primary), toCaptured(secondary), { ignore: entryFor(req)?.ignore });
      return diffs.map((d) => formatDifference(d, { legacy: 'primary', candidate: 'secondary' }));
    },
    onMismatch: (m) => {
      const model = entryFor(m.request)?.model ?? '?';
      mismatchesByModel[model] = (mismatchesByModel[model] ?? 0) + 1;
      if (opts.onMismatch) opts.onMismatch({ ...m, model });
      else debug('%s: %s %s differs: %s', model, m.request.method, m.request.url, m.differences.join('; '));
    },
    onError: opts.onError,
  });
  shim.app.middleware(shadow.middleware, { phase: 'initial', path: shim.restApiRoot, name: 'lb3-shadow' });
  return {
    middleware: shadow.middleware,
    stats: shadow.stats,
    idle: () => shadow.idle(),
    mismatchesByModel,
    close: async () => {
      await shadow.idle();
      await Promise.all(closers.map((c) => c()));
    },
  };
}

function secondaryFetch(secondary: ShadowSecondary, closers: Array<() => Promise<void>>): (req: ShadowRequest) => Promise<ShadowResponse> {
  if ('url' in secondary) return httpSecondary(secondary.url);
  if ('handler' in secondary) {
    const s = handlerSecondary(secondary.handler);
    closers.push(s.close);
    return s.fetch;
  }
  return secondary.fetch;
}

/** Headers that differ per connection or are set by transport (never compared in shadow mode). */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'etag']);

/** A ShadowResponse normalised like a comparison capture (timestamps near now, tokens, generated ids). */
function toCaptured(r: ShadowResponse): CapturedResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) {
    const name = k.toLowerCase();
    if (v === undefined || TRANSPORT_HEADERS.has(name)) continue;
    headers[name] = normalizeText(Array.isArray(v) ? v.join(', ') : String(v), DEFAULT_RULES);
  }
  const body = typeof r.body === 'string' ? normalizeText(r.body, DEFAULT_RULES) : normalizeJson(r.body, DEFAULT_RULES);
  return { status: r.status, headers, body, rawBody: '' };
}
