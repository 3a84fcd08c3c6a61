/**
 * Turns what an LB3 remote function produced into `ctx.result`, as
 * strong-remoting 3.17's `SharedMethod.toResult` does: root and named
 * returns, Date/Buffer envelopes, integer checks, header/status targets.
 */
import { format } from 'util';
import { internalError } from './coercion-error';
import type { Lb3Return, ResponseLike } from './types';

type Basic = string | Basic[];

/** strong-remoting `convertToBasicRemotingType`: custom types are 'object'. */
function basicType(type: unknown): Basic {
  if (Array.isArray(type)) return type.map(basicType);
  if (typeof type === 'object' && type !== null) type = (type as any).modelName || (type as any).name;
  const t = String(type).toLowerCase();
  switch (t) {
    case 'string':
    case 'number':
    case 'integer':
    case 'date':
    case 'boolean':
    case 'buffer':
    case 'object':
    case 'file':
    case 'any':
      return t;
    case 'array':
      return ['any'];
    default:
      return 'object';
  }
}

function convert(val: unknown, target: Basic, argName: string | undefined): unknown {
  if (Array.isArray(target) && target.length === 1 && target[0] === 'integer' && Array.isArray(val)) {
    return val.map((v) => convert(v, 'integer', argName));
  }
  if (val instanceof Date) return { $type: 'date', $data: val.toJSON ? val.toJSON() : String(val) };
  if (Buffer.isBuffer(val)) return { $type: 'base64', $data: val.toString('base64') };
  if (target === 'integer' && !Number.isSafeInteger(val)) {
    throw internalError(format("Invalid return value for argument '%s' of type '%s': %s. Received type was %s.", argName, target, val, typeof val));
  }
  return val;
}

interface CompiledReturn {
  name: string | undefined;
  root: boolean;
  target: Basic;
  isFile: boolean;
  /** 'status' / 'header' targets are written to the response, not the body. */
  http?: { target: 'status' } | { target: 'header'; header: string };
}

/**
 * Compile the shaper for a method's `returns`. The result function takes the
 * callback values after `err` (`fromPromise` false) or a promise's resolved
 * value (`fromPromise` true; an array when there are several returns), and
 * the response when header/status targets should be applied.
 */
export function buildResultShaper(returns: Lb3Return[] | Lb3Return | undefined): (values: unknown, fromPromise: boolean, res?: ResponseLike) => unknown {
  const list = returns === undefined ? [] : Array.isArray(returns) ? returns : [returns];
  const compiled: CompiledReturn[] = list.map((r) => {
    const name = (r.name as string | undefined) || r.arg;
    const target = basicType(r.type === 'array' ? ['any'] : r.type);
    const t = !r.root && r.http ? r.http.target : undefined;
    const http =
      t === 'status' ? { target: 'status' as const } : t === 'header' ? { target: 'header' as const, header: r.http!.header || (name as string) } : undefined;
    return { name, root: !!r.root, target, isFile: target === 'file', http };
  });
  const n = compiled.length;
  if (n === 0) return () => undefined;

  return function shape(values, fromPromise, res) {
    const raw: any = fromPromise && n === 1 ? [values] : values;
    let result: any = {};
    const named: CompiledReturn[] = [];
    for (let i = 0; i < n; i++) {
      if (i >= raw.length) continue;
      const r = compiled[i];
      if (r.http) {
        if (res) {
          if (r.http.target === 'status') res.status(raw[i]);
          else res.set(r.http.header, raw[i]);
        }
        continue;
      }
      if (r.root) {
        result = r.isFile ? raw[i] : convert(raw[i], r.target, r.name);
        continue;
      }
      named.push(r);
    }
    // strong-remoting indexes the values by position among the remaining named
    // returns, not by declaration position; kept for parity.
    for (let j = 0; j < named.length; j++) {
      const r = named[j];
      if (r.isFile) {
        // strong-remoting's warning for this case reads `this.stringName` with no `this`: the call fails.
        throw new TypeError("Cannot read properties of undefined (reading 'stringName')");
      }
      result[r.name as string] = convert(raw[j], r.target, r.name);
    }
    return result;
  };
}

/** Whether the method's root return is `type: 'file'` (sent raw). */
export function hasFileRoot(returns: Lb3Return[] | Lb3Return | undefined): boolean {
  const list = returns === undefined ? [] : Array.isArray(returns) ? returns : [returns];
  return list.some((r) => r.root && typeof r.type === 'string' && r.type.toLowerCase() === 'file');
}
