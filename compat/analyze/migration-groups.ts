/**
 * Which models must move together, and in what order (the rule is in
 * docs/analyze.md). Two kinds of edges X → Y:
 *
 * - ties (`base`, `hook`, `embedded`): X extends the app model Y, one hook
 *   function is registered on both, or Y is embedded in X's rows
 *   (embedsOne / embedsMany). The migration runtime cannot split these, so
 *   tied models form one group (connected components; ties count both ways).
 * - dependencies (`relation`, `code`): X declares a relation to Y or its
 *   script reaches Y. The runtime serves relations and `app.models.Y` across
 *   the LB3/native border, so these only order the groups.
 *
 * Order, leaves first: the strongly connected components (Tarjan) of the
 * group graph in reverse topological order; inside a component (groups that
 * depend on each other, e.g. hasMany + belongsTo) the group depending on
 * fewer others comes first, then by name.
 */
import type { DependencyEdge, MigrationGroup } from './types';

export interface GroupingResult {
  groups: MigrationGroup[];
  /** Group indexes, leaves first. */
  order: number[];
  groupOf: Map<string, number>;
}

const TIES: ReadonlySet<DependencyEdge['kind']> = new Set(['base', 'hook', 'embedded']);

/** Tarjan's strongly connected components, emitted sinks first (reverse topological order). */
function components(nodes: readonly number[], next: (n: number) => Iterable<number>): number[][] {
  let index = 0;
  const idx = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const on = new Set<number>();
  const out: number[][] = [];
  const visit = (v: number) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp);
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

/** Connected components over the tie edges (union-find). */
function tiedSets(nodes: readonly string[], edges: readonly DependencyEdge[]): string[][] {
  const parent = new Map(nodes.map((n) => [n, n]));
  const find = (n: string): string => (parent.get(n) === n ? n : find(parent.get(n)!));
  for (const e of edges) if (TIES.has(e.kind) && parent.has(e.from) && parent.has(e.to)) parent.set(find(e.from), find(e.to));
  const sets = new Map<string, string[]>();
  for (const n of nodes) sets.set(find(n), [...(sets.get(find(n)) ?? []), n]);
  return [...sets.values()].map((s) => s.sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

export function groupModels(nodes: readonly string[], edges: readonly DependencyEdge[]): GroupingResult {
  const sets = tiedSets([...nodes].sort(), edges);
  const groupOf = new Map<string, number>();
  sets.forEach((s, i) => s.forEach((m) => groupOf.set(m, i)));
  const deps = sets.map(() => new Set<number>());
  for (const e of edges) {
    const [a, b] = [groupOf.get(e.from), groupOf.get(e.to)];
    if (a !== undefined && b !== undefined && a !== b) deps[a].add(b);
  }
  const groups: MigrationGroup[] = sets.map((models, i) => ({
    index: i,
    models,
    reasons: [
      ...new Set(
        edges
          .filter((e) => TIES.has(e.kind) && groupOf.get(e.from) === i && groupOf.get(e.to) === i)
          .map((e) => `${e.from} → ${e.to} (${e.kind}: ${e.detail})`),
      ),
    ],
    dependsOn: [...deps[i]].sort((x, y) => x - y),
    cycle: [],
    level: 0,
  }));
  const comps = components(
    groups.map((g) => g.index),
    (g) => [...deps[g]].sort((x, y) => x - y),
  );
  const order: number[] = [];
  const compOf = new Map<number, number>();
  comps.forEach((c, ci) => c.forEach((g) => compOf.set(g, ci)));
  for (const [ci, comp] of comps.entries()) {
    // sinks come first out of Tarjan, so every other component this one depends on is already placed
    const outside = [...new Set(comp.flatMap((g) => [...deps[g]]).filter((d) => compOf.get(d) !== ci))];
    const level = outside.length ? 1 + Math.max(...outside.map((d) => groups[d].level)) : 0;
    const inside = (g: number) => [...deps[g]].filter((d) => compOf.get(d) === ci).length;
    const sorted = [...comp].sort((x, y) => inside(x) - inside(y) || groups[x].models[0].localeCompare(groups[y].models[0]));
    for (const g of sorted) {
      groups[g].level = level;
      groups[g].cycle = comp.length > 1 ? sorted.filter((o) => o !== g) : [];
    }
    order.push(...sorted);
  }
  // the same order, stable across runs: by level, components kept together
  const position = new Map(order.map((g, i) => [g, i]));
  order.sort((x, y) => groups[x].level - groups[y].level || position.get(x)! - position.get(y)!);
  return { groups, order, groupOf };
}
