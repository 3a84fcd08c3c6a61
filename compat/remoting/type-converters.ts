/**
 * strong-remoting 3.17 type converters, one per remoting type: how a value is
 * coerced when it came from a "sloppy" source (query, path, header,
 * urlencoded form) or a "typed" one (JSON body, custom `http` function), and
 * the check repeated at invoke time. Converters throw the LB3 400 errors.
 */
import assert from 'assert';
import debugFactory from 'debug';
import { coercionError } from './coercion-error';
import { RemotingGeoPoint } from './geo-point';
import type { TypeConverter } from './types';

const debug = debugFactory('lb3-shim:compat:remoting:types');

/** Per-argument conversion options (strong-remoting `getConversionOptionsForArg`). */
export interface ConversionOptions {
  /** `object` args accept an array of objects (PersistedModel bulk create). */
  allowArray?: boolean;
}

/** Resolves a model name (`'Customer'`) to a constructor, or undefined. */
export type ModelTypeResolver = (name: string) => (new (data: unknown) => unknown) | undefined;

/** Splits sloppy array strings (remoting `rest.arrayItemDelimiters`); off by default. */
export type ArrayItemDelimiters = string | RegExp | string[] | undefined;

export interface ConverterFactoryOptions {
  resolveModelType?: ModelTypeResolver;
  arrayItemDelimiters?: ArrayItemDelimiters;
}

const INT_RE = /^-?(?:[0-9]|[1-9][0-9]*)$/;
const FLOAT_RE = /^-?([0-9]+)?\.[0-9]+$/;
const EPOCH_RE = /^-?[0-9]+$/;

const looksLikeJsonObject = (v: unknown): v is string =>
  typeof v === 'string' && v[0] === '{' && v[v.length - 1] === '}';
const looksLikeJsonArray = (v: unknown): v is string =>
  typeof v === 'string' && v[0] === '[' && v[v.length - 1] === ']';

const notANumber = () => coercionError('Value is not a number.');

/** `number`: sloppy is `+value`, so '0x10' is 16 and ' ' is 0. */
const numberConverter: TypeConverter = {
  fromTyped(v) {
    const err = this.validate(v);
    if (err) throw err;
    return v;
  },
  fromSloppy(v) {
    if (v === undefined || v === '') return undefined;
    return this.fromTyped(+(v as any));
  },
  validate(v) {
    if (v === undefined) return undefined;
    if (typeof v === 'number' && !isNaN(v)) return undefined;
    return notANumber();
  },
};

const integerConverter: TypeConverter = {
  fromTyped(v) {
    const err = this.validate(v);
    if (err) throw err;
    return v;
  },
  fromSloppy(v) {
    return this.fromTyped(numberConverter.fromSloppy(v));
  },
  validate(v) {
    if (v === undefined) return undefined;
    const err = numberConverter.validate(v);
    if (err) return err;
    if (Number.isSafeInteger(v)) return undefined;
    return coercionError('Value is not a safe integer.');
  },
};

const booleanConverter: TypeConverter = {
  fromTyped(v) {
    const err = this.validate(v);
    if (err) throw err;
    return v;
  },
  fromSloppy(v) {
    if (v === '' || v === undefined) return undefined;
    if (typeof v === 'string') {
      switch (v.toLowerCase()) {
        case 'false': case '0': return false;
        case 'true': case '1': return true;
      }
    }
    throw coercionError('Value is not a boolean.');
  },
  validate(v) {
    if (v === undefined || typeof v === 'boolean') return undefined;
    return coercionError('Value is not a boolean.');
  },
};

const invalidDate = () => coercionError('Value is not a valid date.');

/**
 * `date`: an unparsable string yields an Invalid Date here (strong-remoting's
 * check is miswired), and the error surfaces at invoke time with the
 * `Invalid argument "d". ` prefix. `null` and non-scalars fail right away.
 */
const dateConverter: TypeConverter = {
  fromTyped(v) {
    if (v === undefined) return undefined;
    if (v === null || (typeof v !== 'number' && typeof v !== 'string')) throw invalidDate();
    return new Date(v);
  },
  fromSloppy(v) {
    if (v === '') return undefined;
    if (EPOCH_RE.test(v as any)) v = +(v as any);
    return this.fromTyped(v);
  },
  validate(v) {
    if (v === undefined) return undefined;
    if (v instanceof Date && !Number.isNaN(v.getTime())) return undefined;
    return invalidDate();
  },
};

const stringConverter: TypeConverter = {
  fromTyped(v) {
    const err = this.validate(v);
    if (err) throw err;
    return v;
  },
  fromSloppy(v) {
    if (v === '') return undefined;
    // Arrays from repeated keys join with ',' (String(['a','b']) === 'a,b').
    if (v !== undefined && v !== null) v = '' + (v as any);
    return this.fromTyped(v);
  },
  validate(v) {
    if (v === undefined || typeof v === 'string') return undefined;
    return coercionError('Value is not a string.');
  },
};

function objectConverter(opts: ConversionOptions): TypeConverter {
  const validate = (v: unknown, allowArray = opts.allowArray): Error | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object') return coercionError('Value is not an object.');
    if (Array.isArray(v)) {
      if (!allowArray) return coercionError('Value is not an object.');
      // Items are checked without allowArray, so nested arrays are rejected.
      return v.some((item) => validate(item, false))
        ? coercionError('Some of array items are not an object.') : undefined;
    }
    if (v instanceof Date) return coercionError('Value is not an object.');
    return undefined;
  };
  return {
    fromTyped(v) {
      const err = validate(v);
      if (err) throw err;
      return v;
    },
    fromSloppy(v) {
      if (v === undefined || v === '') return undefined;
      if (v === null || v === 'null') return null;
      if (looksLikeJsonObject(v)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(v);
        } catch {
          throw coercionError('Cannot parse JSON-encoded object value.');
        }
        return this.fromTyped(parsed);
      }
      // Bracket objects (o[a]=1) keep their string leaves on purpose.
      return this.fromTyped(v);
    },
    validate: (v) => validate(v),
  };
}

/** `any`: typed values pass; sloppy strings become booleans, safe numbers, null or JSON. */
const anyConverter: TypeConverter = {
  fromTyped: (v) => v,
  fromSloppy(v) {
    if (v === 'null' || v === null) return null;
    if (typeof v !== 'string') return v;
    if (v === '') return undefined;
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (FLOAT_RE.test(v) || INT_RE.test(v)) {
      const num = +v;
      if (Number.MIN_SAFE_INTEGER <= num && num <= Number.MAX_SAFE_INTEGER) return num;
    }
    if (looksLikeJsonObject(v) || looksLikeJsonArray(v)) {
      try {
        return JSON.parse(v);
      } catch {
        debug('cannot parse "any" value %j, keeping the string', v);
      }
    }
    return v;
  },
  validate: () => undefined,
};

const geoPointConverter: TypeConverter = {
  fromTyped(v) {
    if (v === undefined) return undefined;
    const err = this.validate(v);
    if (err) throw err;
    return new RemotingGeoPoint(v);
  },
  fromSloppy(v) {
    if (v === undefined || v === '') return undefined;
    if (v === null || v === 'null') return null;
    if (looksLikeJsonObject(v) || looksLikeJsonArray(v)) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        throw coercionError('Cannot parse JSON-encoded object value.');
      }
      return this.fromTyped(parsed);
    }
    // g[lat]=1&g[lng]=2 or g[0]=1&g[1]=2
    if (typeof v === 'object') {
      const coerced = Array.isArray(v) ? v.map(Number) : mapValues(v as Record<string, unknown>, Number);
      return this.fromTyped(coerced);
    }
    return this.fromTyped(v);
  },
  validate(v) {
    if (v === undefined) return undefined;
    try {
      new RemotingGeoPoint(v);
      return undefined;
    } catch (e) {
      return coercionError((e as Error).message);
    }
  },
};

function mapValues(obj: Record<string, unknown>, fn: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in obj) out[key] = fn(obj[key]);
  return out;
}

function arrayConverter(item: TypeConverter, delimiters: RegExp | undefined): TypeConverter {
  const notAnArray = () => coercionError('Value is not an array.');
  const typedItems = (v: unknown[]) => {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = item.fromTyped(v[i]);
    return out;
  };
  const sloppyItems = (v: unknown[]) => {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = item.fromSloppy(v[i]);
    return out;
  };
  return {
    fromTyped(v) {
      if (v === undefined || v === null) return v;
      if (!Array.isArray(v)) throw notAnArray();
      return typedItems(v);
    },
    fromSloppy(v) {
      if (v === undefined || v === '') return undefined;
      if (v === null || v === 'null') return null;
      if (looksLikeJsonArray(v)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(v);
        } catch {
          throw coercionError('Cannot parse JSON-encoded array value.');
        }
        return this.fromTyped(parsed);
      }
      if (delimiters && typeof v === 'string') return sloppyItems(v.split(delimiters));
      // Comma lists are not split by default: a single value becomes one item.
      return sloppyItems(Array.isArray(v) ? v : [v]);
    },
    validate(v) {
      if (v === undefined || v === null) return undefined;
      if (!Array.isArray(v)) return notAnArray();
      for (let i = 0; i < v.length; i++) {
        const err = item.validate(v[i]);
        if (err) return err;
      }
      return undefined;
    },
  };
}

/** An LB3 model used as a type: the `object` rules, then `new Model(value)`. */
function modelConverter(Model: new (data: unknown) => unknown, opts: ConversionOptions): TypeConverter {
  const withOpts = objectConverter(opts);
  const withoutOpts = objectConverter({});
  const build = (obj: TypeConverter, v: unknown) => {
    const value = obj.fromTyped(v);
    if (value === undefined || value === null) return value;
    return new Model(value);
  };
  return {
    fromTyped: (v) => build(withOpts, v),
    // strong-remoting drops the conversion options on this path.
    fromSloppy: (v) => build(withoutOpts, withOpts.fromSloppy(v)),
    validate: (v) => withOpts.validate(v),
  };
}

const INVALID_TYPE_MESSAGE = '"type" must be an array, a string or an object (an inline definition).';

/** A type strong-remoting cannot handle fails every request with its AssertionError (a 500). */
const invalidTypeConverter: TypeConverter = {
  fromTyped() { assert(false, INVALID_TYPE_MESSAGE); },
  fromSloppy() { assert(false, INVALID_TYPE_MESSAGE); },
  validate() { assert(false, INVALID_TYPE_MESSAGE); },
};

const BUILTIN: Record<string, TypeConverter> = {
  any: anyConverter,
  boolean: booleanConverter,
  date: dateConverter,
  integer: integerConverter,
  number: numberConverter,
  string: stringConverter,
  geopoint: geoPointConverter,
};

function compileDelimiters(d: ArrayItemDelimiters): RegExp | undefined {
  if (!d) return undefined;
  if (d instanceof RegExp) return d;
  const list = Array.isArray(d) ? d : [d];
  return new RegExp(list.map((s) => s.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&').replace(/-/g, '\\x2d')).join('|'), 'g');
}

/**
 * The converter for one `accepts[].type`, compiled once. Type names are
 * case-insensitive; `'array'` means `['any']`; an inline object definition is
 * `object`; a model name builds a model instance; anything unknown is `any`.
 * Model names are resolved on first use (models may be attached later).
 */
export function getConverter(type: unknown, conv: ConversionOptions = {}, opts: ConverterFactoryOptions = {}): TypeConverter {
  if (typeof type === 'object' && type !== null && Object.getPrototypeOf(type) === Object.prototype) type = 'object';
  if (type === 'array') type = ['any'];
  if (Array.isArray(type)) {
    return arrayConverter(getConverter(type[0] || 'any', conv, opts), compileDelimiters(opts.arrayItemDelimiters));
  }
  if (typeof type !== 'string') {
    debug('invalid remoting type %o', type);
    return invalidTypeConverter;
  }
  const name = type.toLowerCase();
  if (name === 'object') return objectConverter(conv);
  const builtin = BUILTIN[name];
  if (builtin) return builtin;
  return lazyModelConverter(type, conv, opts.resolveModelType);
}

function lazyModelConverter(name: string, conv: ConversionOptions, resolve?: ModelTypeResolver): TypeConverter {
  if (!resolve) return anyConverter;
  let resolved: TypeConverter | undefined;
  const get = (): TypeConverter => {
    if (!resolved) {
      const Model = resolve(name);
      if (!Model) debug('treating unknown remoting type %j as "any"', name);
      resolved = Model ? modelConverter(Model, conv) : anyConverter;
    }
    return resolved;
  };
  return {
    fromTyped: (v) => get().fromTyped(v),
    fromSloppy: (v) => get().fromSloppy(v),
    validate: (v) => get().validate(v),
  };
}
