/**
 * Argument conversion by the app's own strong-remoting type registry
 * (`app.remotes()._typeRegistry`): the built-in types, the model types
 * loopback registers for every attached model (`remotes.defineObjectType`),
 * and any type the app registers itself (`remotes.defineType(name, converter)`,
 * `_typeRegistry.registerType`) convert exactly as in stock LB3, with the
 * versions the app has installed. Where a value comes from and whether it is
 * "sloppy" or "typed" is decided by the HTTP layer (args-extractor.ts).
 */
import assert from 'assert';
import debugFactory from 'debug';
import type { TypeConverter } from './types';

const debug = debugFactory('lb3-shim:compat:remoting:type-conversion');

/** What a strong-remoting converter returns. */
export interface ConversionResult {
  value?: unknown;
  error?: Error;
}

/** A strong-remoting type converter (strong-remoting/lib/types/*.js, or one the app registered). */
export interface Lb3TypeConverter {
  fromTypedValue(ctx: ConversionContext, value: unknown, options?: ConversionOptions): ConversionResult;
  fromSloppyValue(ctx: ConversionContext, value: unknown, options?: ConversionOptions): ConversionResult;
  validate(ctx: ConversionContext, value: unknown, options?: ConversionOptions): Error | null | undefined;
}

/** strong-remoting's TypeRegistry (lib/type-registry.js). */
export interface Lb3TypeRegistry {
  getConverter(type: unknown): Lb3TypeConverter;
  /** The registered converters by lower-case name (strong-remoting 3). */
  _types?: Record<string, Lb3TypeConverter>;
}

/** What converters read of strong-remoting's HttpContext: the registry (array items, object types) and the REST options (`arrayItemDelimiters`). */
export interface ConversionContext {
  typeRegistry: Lb3TypeRegistry;
  options?: unknown;
  [k: string]: unknown;
}

/** strong-remoting `SharedMethod.getConversionOptionsForArg`. */
export interface ConversionOptions {
  /** `object` args accept an array of objects (PersistedModel bulk create). */
  allowArray?: boolean;
}

/** A new TypeRegistry of lb3-shim's own strong-remoting, for extractors used without an LB3 app. */
export function defaultTypeRegistry(): Lb3TypeRegistry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when no app registry is given
  const TypeRegistry = require('strong-remoting/lib/type-registry');
  return new TypeRegistry({ warnOnUnknownType: false });
}

function isInlineObject(type: unknown): boolean {
  return typeof type === 'object' && type !== null && Object.getPrototypeOf(type) === Object.prototype;
}

/**
 * The converter of one known type, looked up once (at route registration);
 * undefined when the registry would answer with its unknown-type fallback or
 * reject the type, which stock LB3 does anew on every request (with its
 * warning, or its AssertionError as a 500), and so do we.
 */
function lookUpOnce(registry: Lb3TypeRegistry, type: unknown): Lb3TypeConverter | undefined {
  if (Array.isArray(type) || type === 'array' || isInlineObject(type)) return registry.getConverter(type);
  if (typeof type !== 'string' || !registry._types) return undefined;
  const name = type.toLowerCase();
  return Object.prototype.hasOwnProperty.call(registry._types, name) ? registry._types[name] : undefined;
}

/** strong-remoting's check of a converter's answer (HttpContext.buildArgs). */
function unwrap(result: ConversionResult): unknown {
  const valid = typeof result === 'object' && result !== null && ('error' in result || 'value' in result);
  if (!valid) {
    throw new assert.AssertionError({
      message: 'Type conversion result should have "error" or "value" property. Got ' + JSON.stringify(result) + ' instead.',
    });
  }
  if (result.error) throw result.error;
  return result.value;
}

export interface RegistryConverterOptions extends ConversionOptions {
  typeRegistry: Lb3TypeRegistry;
  /** The context for calls that come without one (argument checks at invoke): the REST adapter options. */
  restOptions?: unknown;
}

/**
 * The {@link TypeConverter} of one `accepts[].type`, delegating to the
 * registry's converter; built once per argument when the route is compiled.
 */
export function registryConverter(type: unknown, opts: RegistryConverterOptions): TypeConverter {
  const registry = opts.typeRegistry;
  const conversion: ConversionOptions = opts.allowArray ? { allowArray: opts.allowArray } : {};
  const fallbackCtx: ConversionContext = { typeRegistry: registry, options: opts.restOptions ?? {} };
  const known = lookUpOnce(registry, type);
  if (!known) debug('remoting type %o resolved per call (unknown to the registry for now)', type);
  const converter = known ? () => known : () => registry.getConverter(type);
  // the request's HttpContext look-alike when it carries the registry (it always does on LB3 routes)
  const contextOf = (ctx: unknown): ConversionContext => (ctx && (ctx as ConversionContext).typeRegistry ? (ctx as ConversionContext) : fallbackCtx);
  return {
    fromTyped: (value, ctx) => unwrap(converter().fromTypedValue(contextOf(ctx), value, conversion)),
    fromSloppy: (value, ctx) => unwrap(converter().fromSloppyValue(contextOf(ctx), value, conversion)),
    validate: (value, ctx) => converter().validate(contextOf(ctx), value, conversion) || undefined,
  };
}
