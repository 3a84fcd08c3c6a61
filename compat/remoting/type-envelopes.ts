/**
 * `{"$type":"date","$data":...}` and `{"$type":"base64","$data":...}`
 * envelopes inside argument values become Date and Buffer at invoke time
 * (strong-remoting `SharedMethod.convertArg`). Nested envelopes are replaced
 * in place, as LB3 does; a top-level envelope is returned converted.
 */

/** Decode envelopes in a plain object/array argument value; other values are returned unchanged. */
export function decodeTypeEnvelopes(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return raw;
  const ctor = (raw as object).constructor;
  if (ctor !== Object && ctor !== Array) return raw;
  return walk(raw, 0);
}

function walk(node: any, depth: number): unknown {
  if (node.$type === 'base64' || node.$type === 'date') return decode(node);
  // JSON and qs values cannot be cyclic; the depth cap only guards hand-made ones.
  if (depth > 1000 || Buffer.isBuffer(node) || node instanceof Date) return node;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (v !== null && typeof v === 'object') {
        const out = walk(v, depth + 1);
        if (out !== v) node[i] = out;
      }
    }
  } else {
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (v !== null && typeof v === 'object') {
        const out = walk(v, depth + 1);
        if (out !== v) node[key] = out;
      }
    }
  }
  return node;
}

function decode(env: { $type: string; $data: unknown }): unknown {
  if (env.$type === 'date') return new Date(env.$data as any);
  const data = env.$data as any;
  // `new Buffer(x, 'base64')` semantics without the deprecated constructor.
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  if (typeof data === 'number') return Buffer.alloc(data);
  return Buffer.from(data);
}
