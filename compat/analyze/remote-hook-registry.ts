/**
 * The remote hooks registered with strong-remoting (`Model.beforeRemote`,
 * `app.remotes().before('**')`...): read from the app's own hook registry,
 * RemoteObjects' EventEmitter2 `listenerTree` (`before.Widget.*` → listeners),
 * and matched against each model's methods with EventEmitter2's rules
 * (`*` one segment, `**` any number).
 */
import type { RemoteHookFacts } from './types';

const KINDS = ['before', 'after', 'afterError'] as const;

/** A hook function as registered (only its identity and name are used). */
export type HookFunction = (...args: unknown[]) => unknown;

/** One registered pattern with its functions. */
export interface RegisteredHook {
  kind: (typeof KINDS)[number];
  pattern: string;
  listeners: HookFunction[];
}

/** Every pattern in the registry (empty when strong-remoting runs without wildcards). */
export function registeredHooks(lb3App: any): RegisteredHook[] {
  const tree = lb3App.remotes().listenerTree ?? {};
  const out: RegisteredHook[] = [];
  const walk = (node: any, segs: string[]) => {
    for (const key of Object.keys(node ?? {})) {
      if (key === '_listeners') {
        const l = node[key];
        const [kind, ...rest] = segs;
        if ((KINDS as readonly string[]).includes(kind) && rest.length)
          out.push({ kind: kind as RegisteredHook['kind'], pattern: rest.join('.'), listeners: Array.isArray(l) ? l : [l] });
        continue;
      }
      if (key.startsWith('_')) continue;
      walk(node[key], [...segs, key]);
    }
  };
  walk(tree, []);
  return out;
}

/** EventEmitter2 matching of `Widget.prototype.ping` against `Widget.*`, `**`, `*.multi`. */
export function patternMatches(pattern: string, name: string): boolean {
  const p = pattern.split('.');
  const n = name.split('.');
  const match = (i: number, j: number): boolean => {
    if (i === p.length) return j === n.length;
    if (p[i] === '**') {
      for (let k = j + 1; k <= n.length; k++) if (match(i + 1, k)) return true;
      return false;
    }
    if (j === n.length) return false;
    return (p[i] === '*' || p[i] === n[j]) && match(i + 1, j + 1);
  };
  return match(0, 0);
}

/** The hooks that match at least one of the model's methods (`methods` relative: `find`, `prototype.ping`). */
export function hooksForModel(hooks: readonly RegisteredHook[], model: string, methods: readonly string[]): RemoteHookFacts[] {
  const out: RemoteHookFacts[] = [];
  for (const h of hooks) {
    const matches = methods.filter((m) => patternMatches(h.pattern, `${model}.${m}`));
    if (!matches.length) continue;
    const first = h.pattern.split('.')[0];
    out.push({ kind: h.kind, pattern: h.pattern, scope: first === model ? 'model' : 'wildcard', count: h.listeners.length, matches });
  }
  return out;
}
