/**
 * Reads and coerces a remote method's `accepts` from an HTTP request the way
 * strong-remoting 3.17's HttpContext does. Each accept is compiled once into
 * a reader (where the value comes from) and a converter (how it is coerced).
 */
import debugFactory from 'debug';
import type { RequestContext } from '../../lib/rest/types';
import { coercionError } from './coercion-error';
import { decodeTypeEnvelopes } from './type-envelopes';
import { defaultTypeRegistry, registryConverter, type Lb3TypeRegistry } from './type-conversion';
import type { Lb3Accept, RemotingCallContext, TypeConverter } from './types';

const debug = debugFactory('lb3-shim:compat:remoting:args');

export interface ArgsExtractorOptions {
  /** The app's strong-remoting type registry (`app.remotes()._typeRegistry`); default: a fresh one of lb3-shim's strong-remoting. */
  typeRegistry?: Lb3TypeRegistry;
  /** Value for `http: 'optionsFromRequest'` args (default `{}`). */
  optionsFromRequest?(ctx: RequestContext, remotingCtx: RemotingCallContext): unknown;
  /** The REST adapter options (`remoting.rest`: `arrayItemDelimiters`...), as converters see them in `ctx.options` when no call context is given. */
  restOptions?: unknown;
}

export interface ArgsExtractor {
  /** Phase 1 (before ACL/hooks): read + coerce every accept from the request; throws LB3's 400s ('Value is not a number.' ...). */
  extract(ctx: RequestContext, remotingCtx: RemotingCallContext): Record<string, unknown>;
  /** Phase 2 (at invoke, after before-hooks): required-argument and invalid-date checks; throws '<arg> is a required argument'. */
  validateAtInvoke(args: Record<string, unknown>, remotingCtx?: RemotingCallContext): void;
  /** Positional args in accepts order, for calling the LB3 function (envelopes decoded, no checks). */
  toPositional(args: Record<string, unknown>): unknown[];
  /** validateAtInvoke + toPositional in one pass (what LB3's SharedMethod.invoke does). */
  prepareInvoke(args: Record<string, unknown>, remotingCtx?: RemotingCallContext): unknown[];
}

interface CompiledAccept {
  /** Key in the args object (strong-remoting writes `args[o.arg]`). */
  arg: string;
  /** Name used to read the request and args (`o.name || o.arg`). */
  name: string;
  read: (req: any, ctx: RequestContext, rctx: RemotingCallContext, json: boolean) => unknown;
  /** How the read value is coerced: always typed, always sloppy, or depending on the request. */
  mode: 'typed' | 'sloppy' | 'json-typed' | 'lookup';
  converter: TypeConverter;
  required: boolean;
  /** req/res/context/http-function values are passed as they are (no envelope decoding). */
  computed: boolean;
}

const JSON_CT = /^application\/json\b/;

function header(req: any, name: string): unknown {
  return typeof req.get === 'function' ? req.get(name) : req.headers?.[name.toLowerCase()];
}

function bodyOf(req: any): unknown {
  // body-parser leaves `{}` when it did not parse (missing, text/plain, vnd.api+json bodies).
  return req.body === undefined ? {} : req.body;
}

function compileAccept(o: Lb3Accept, options: ArgsExtractorOptions, typeRegistry: Lb3TypeRegistry): CompiledAccept {
  const name = (o.name as string | undefined) || o.arg;
  const converter = registryConverter(o.type, { typeRegistry, allowArray: o.allowArray, restOptions: options.restOptions });
  const base = { arg: o.arg, name, converter, required: !!o.required, computed: false };
  const http = o.http;
  if (typeof http === 'function') {
    // A custom provider is responsible for its own coercion; the value is still type-checked.
    return { ...base, computed: true, mode: 'typed', read: (_req, _ctx, rctx) => http(rctx) };
  }
  if (http === 'optionsFromRequest') {
    // loopback turns this marker into a function, so the same rules as above apply.
    const make = options.optionsFromRequest;
    return { ...base, computed: true, mode: 'typed', read: (_req, ctx, rctx) => (make ? make(ctx, rctx) : {}) };
  }
  if (http && typeof http === 'object') {
    switch (http.source) {
      case 'body':
        return { ...base, mode: 'json-typed', read: (req) => bodyOf(req) };
      case 'form':
      case 'formData':
        return { ...base, mode: 'json-typed', read: (req) => req.body && req.body[name] };
      case 'query':
        return { ...base, mode: 'sloppy', read: (req) => req.query[name] };
      case 'path':
        return { ...base, mode: 'sloppy', read: (_req, ctx) => ctx.params[name] };
      case 'header':
        return { ...base, mode: 'sloppy', read: (req) => header(req, name) };
      case 'req':
        return { ...base, computed: true, mode: 'json-typed', read: (req) => req };
      case 'res':
        return { ...base, computed: true, mode: 'json-typed', read: (_req, ctx) => ctx.response };
      case 'context':
        return { ...base, computed: true, mode: 'json-typed', read: (_req, _ctx, rctx) => rctx };
      default:
        debug('unknown http source %j for argument %j', http.source, o.arg);
        return { ...base, mode: 'json-typed', read: () => undefined };
    }
  }
  if (http) {
    // Any other string mapping reads nothing (strong-remoting ignores it).
    return { ...base, mode: 'json-typed', read: () => undefined };
  }
  // No source: params, then body, then query, then a header of the same name.
  return {
    ...base,
    mode: 'lookup',
    read: (req, ctx) => {
      const p = ctx.params[name];
      if (p !== undefined) return p;
      const b = req.body && req.body[name];
      if (b !== undefined) return b;
      const q = req.query[name];
      if (q !== undefined) return q;
      return header(req, name);
    },
  };
}

/**
 * Compile the extractor for one remote method. All type and source decisions
 * happen here; a request only runs the precompiled readers and converters.
 */
export function buildArgsExtractor(accepts: Lb3Accept[] | Lb3Accept | undefined, options: ArgsExtractorOptions = {}): ArgsExtractor {
  const list = accepts === undefined ? [] : Array.isArray(accepts) ? accepts : [accepts];
  const typeRegistry = options.typeRegistry ?? defaultTypeRegistry();
  const compiled = list.map((o) => compileAccept(o, options, typeRegistry));
  const needsContentType = compiled.some((c) => c.mode === 'json-typed' || c.mode === 'lookup');
  const n = compiled.length;

  function extract(ctx: RequestContext, rctx: RemotingCallContext): Record<string, unknown> {
    const req: any = ctx.request;
    const json = needsContentType && JSON_CT.test(req.headers['content-type'] ?? 'undefined');
    const args: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const c = compiled[i];
      const raw = c.read(req, ctx, rctx, json);
      let typed: boolean;
      switch (c.mode) {
        case 'typed':
          typed = true;
          break;
        case 'sloppy':
          typed = false;
          break;
        case 'json-typed':
          typed = json;
          break;
        default:
          typed = json && !!req.body && raw === req.body[c.name];
      }
      args[c.arg] = typed ? c.converter.fromTyped(raw, rctx) : c.converter.fromSloppy(raw, rctx);
    }
    return args;
  }

  function prepare(args: Record<string, unknown>, check: boolean, rctx?: RemotingCallContext): unknown[] {
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = compiled[i];
      let v = args[c.name];
      if (!c.computed) v = decodeTypeEnvelopes(v);
      if (check) {
        if (c.required && (v === null || v === undefined || v === '')) {
          throw coercionError(`${c.name} is a required argument`);
        }
        const err = c.converter.validate(v, rctx);
        if (err) {
          err.message = `Invalid argument ${JSON.stringify(c.name)}. ${err.message}`;
          throw err;
        }
      }
      out[i] = v;
    }
    return out;
  }

  return {
    extract,
    validateAtInvoke: (args, rctx) => void prepare(args, true, rctx),
    toPositional: (args) => prepare(args, false),
    prepareInvoke: (args, rctx) => prepare(args, true, rctx),
  };
}
