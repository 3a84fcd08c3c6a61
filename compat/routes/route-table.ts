/**
 * LB3 route ordering, replayed on a find-my-way router.
 *
 * strong-remoting registers each shared class's routes on one express router
 * in a fixed order (verbs reverse-alpha, literal segments before `:params`,
 * longer paths first) and express answers with the FIRST matching route.
 * find-my-way instead answers with the most SPECIFIC route (static segments
 * win over params), whatever the registration order. To get LB3's answers
 * from the core router we compute, once per class and per concrete verb, the
 * set of paths closed under "intersection" (meet) and give each the route LB3
 * would pick for it. find-my-way then always lands on a path whose owner is
 * the LB3 winner (see `planClassRoutes`).
 */
import debugFactory from 'debug';
import type { HttpVerb } from '../../lib/rest/types';

const debug = debugFactory('lb3-shim:compat:route-table');

/** One LB3 route of a shared class: verb as strong-remoting spells it (`all`, `del` allowed). */
export interface Lb3RouteEntry<T> {
  verb: string;
  /** Full path, e.g. `/Customers/:id/orders`. */
  path: string;
  target: T;
}

/** One route to register on the core router. */
export interface PlannedRoute<T> {
  verb: HttpVerb;
  path: string;
  target: T;
  /**
   * Path parameters the LB3 winner expects but that are literal segments in
   * this (more specific) registered path, e.g. `{ id: 'login' }`.
   */
  fixedParams?: Record<string, string>;
}

/** The concrete verbs an LB3 route table can answer, in registration order. */
export const CONCRETE_VERBS: readonly HttpVerb[] = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/** Upper bound on paths per verb and class; beyond it we skip intersections (never seen in practice). */
const MAX_CLOSURE = 2000;

type Segment = { lit: string; raw: string } | { param: string };

interface Shape {
  segs: Segment[];
  key: string;
}

/** strong-remoting's verb normalisation (`del` → `delete`, lowercase, missing → `all`). */
export function normalizeLb3Verb(verb: string | undefined): string {
  const v = String(verb || 'all').toLowerCase();
  return v === 'del' ? 'delete' : v;
}

/**
 * strong-remoting's route comparator (RestAdapter.sortRoutes), on normalised
 * verbs: verb descending, then per `/` part: empty last, `:param` after
 * literals, plain string order; longer paths first.
 */
export function compareLb3Routes(a: { verb: string; path: string }, b: { verb: string; path: string }): number {
  const v1 = normalizeLb3Verb(a.verb);
  const v2 = normalizeLb3Verb(b.verb);
  if (v1 > v2) return -1;
  if (v1 < v2) return 1;
  const p1 = a.path.split('/');
  const p2 = b.path.split('/');
  const len = Math.min(p1.length, p2.length);
  for (let i = 0; i < len; i++) {
    if (p1[i] === '' && p2[i] !== '') return 1;
    if (p1[i] !== '' && p2[i] === '') return -1;
    const w1 = p1[i][0] === ':';
    const w2 = p2[i][0] === ':';
    if (w1 && !w2) return 1;
    if (!w1 && w2) return -1;
    if (p1[i] > p2[i]) return 1;
    if (p1[i] < p2[i]) return -1;
  }
  return p2.length - p1.length;
}

/** The entries in the order LB3's express router tries them (stable sort, like V8's). */
export function sortLb3Routes<T>(entries: readonly Lb3RouteEntry<T>[]): Lb3RouteEntry<T>[] {
  return [...entries].sort(compareLb3Routes);
}

/** Does an LB3 route with `routeVerb` answer a request with `verb`? (express: HEAD uses GET routes, `all` takes all). */
export function lb3VerbAnswers(routeVerb: string, verb: HttpVerb): boolean {
  const v = normalizeLb3Verb(routeVerb);
  return v === verb || v === 'all' || (verb === 'head' && v === 'get');
}

function toShape(path: string): Shape {
  const segs: Segment[] = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => (s[0] === ':' ? { param: s.slice(1) } : { lit: s.toLowerCase(), raw: s }));
  return { segs, key: shapeKey(segs) };
}

function shapeKey(segs: Segment[]): string {
  return '/' + segs.map((s) => ('param' in s ? ':' : s.lit)).join('/');
}

/** Intersection of two paths (the URLs both match), or undefined when disjoint. */
function meet(a: Shape, b: Shape): Shape | undefined {
  if (a.segs.length !== b.segs.length) return undefined;
  const segs: Segment[] = [];
  for (let i = 0; i < a.segs.length; i++) {
    const x = a.segs[i];
    const y = b.segs[i];
    if ('lit' in x && 'lit' in y) {
      if (x.lit !== y.lit) return undefined;
      segs.push(x);
    } else if ('lit' in x) segs.push(x);
    else segs.push(y);
  }
  return { segs, key: shapeKey(segs) };
}

/** Does `general` match every URL that `specific` matches? */
function covers(general: Shape, specific: Shape): boolean {
  if (general.segs.length !== specific.segs.length) return false;
  for (let i = 0; i < general.segs.length; i++) {
    const g = general.segs[i];
    const s = specific.segs[i];
    if ('param' in g) continue;
    if (!('lit' in s) || s.lit !== g.lit) return false;
  }
  return true;
}

/**
 * Plan the core routes for one shared class so that find-my-way answers every
 * (verb, URL) the way LB3's express router does.
 *
 * For each concrete verb: take the LB3 candidates in LB3 order, close their
 * path shapes under intersection, and register each shape with its owner =
 * the first candidate covering it. For any URL, the most specific shape it
 * matches is in the set, find-my-way picks that one, and the first candidate
 * covering it is exactly LB3's first match. Shapes whose strict covers all
 * share its owner are dropped (find-my-way reaches the same owner anyway).
 */
export function planClassRoutes<T>(entries: readonly Lb3RouteEntry<T>[]): PlannedRoute<T>[] {
  const sorted = sortLb3Routes(entries);
  const planned: PlannedRoute<T>[] = [];
  for (const verb of CONCRETE_VERBS) {
    const candidates = sorted.filter((e) => lb3VerbAnswers(e.verb, verb)).map((e) => ({ entry: e, shape: toShape(e.path) }));
    if (candidates.length === 0) continue;

    const shapes = closeUnderMeet(candidates.map((c) => c.shape));
    const owners = new Map<string, number>();
    for (const s of shapes)
      owners.set(
        s.key,
        candidates.findIndex((c) => covers(c.shape, s)),
      );

    for (const s of shapes) {
      const ownerIx = owners.get(s.key)!;
      const strictCovers = shapes.filter((o) => o.key !== s.key && covers(o, s));
      if (strictCovers.length > 0 && strictCovers.every((o) => owners.get(o.key) === ownerIx)) continue;
      planned.push(toPlanned(verb, s, candidates[ownerIx].entry, candidates[ownerIx].shape));
    }
  }
  debug('planned %d core routes from %d LB3 routes', planned.length, entries.length);
  return planned;
}

function closeUnderMeet(initial: Shape[]): Shape[] {
  const byKey = new Map<string, Shape>();
  for (const s of initial) if (!byKey.has(s.key)) byKey.set(s.key, s);
  let frontier = [...byKey.values()];
  while (frontier.length > 0 && byKey.size < MAX_CLOSURE) {
    const all = [...byKey.values()];
    const next: Shape[] = [];
    for (const a of frontier) {
      for (const b of all) {
        const m = meet(a, b);
        if (m && !byKey.has(m.key)) {
          byKey.set(m.key, m);
          next.push(m);
        }
      }
    }
    frontier = next;
  }
  return [...byKey.values()];
}

function toPlanned<T>(verb: HttpVerb, shape: Shape, owner: Lb3RouteEntry<T>, ownerShape: Shape): PlannedRoute<T> {
  if (shape.key === ownerShape.key) return { verb, path: owner.path, target: owner.target };
  const fixedParams: Record<string, string> = {};
  const parts = shape.segs.map((seg, i) => {
    const o = ownerShape.segs[i];
    if ('param' in o) {
      if ('lit' in seg) {
        fixedParams[o.param] = seg.raw;
        return seg.raw;
      }
      return ':' + o.param;
    }
    return o.raw;
  });
  return { verb, path: '/' + parts.join('/'), target: owner.target, fixedParams };
}
