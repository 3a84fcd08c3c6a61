/**
 * Which models must move together, and in what order. The rule
 * (docs/analyze.md): a directed edge X → Y when X declares a relation to Y
 * (or through Y), X's script reaches Y (static scan), or X extends the app
 * model Y; base edges and "one hook function registered on both" edges count
 * both ways. A group is a strongly connected component of that graph (Tarjan),
 * so a model extending an app base moves with it and with its siblings, and
 * models relating to each other both ways move together. Groups are ordered
 * leaves first: a group comes after every group it depends on.
 */
import type { DependencyEdge, MigrationGroup } from './types';

export interface GroupingResult {
  groups: MigrationGroup[];
  /** Group indexes, leaves first. */
  order: number[];
  groupOf: Map<string, number>;
}

/** Tarjan's strongly connected components (iterative-enough for app sizes; recursion depth = model count). */
function components(nodes: readonly string[], next: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

export function groupModels(nodes: readonly string[], edges: readonly DependencyEdge[]): GroupingResult {
  const sorted = [...nodes].sort();
  const next = new Map<string, Set<string>>(sorted.map((n) => [n, new Set<string>()]));
  const link = (a: string, b: string) => next.get(a)?.add(b);
  for (const e of edges) {
    if (!next.has(e.from) || !next.has(e.to) || e.from === e.to) continue;
    link(e.from, e.to);
    if (e.kind === 'base' || e.kind === 'hook') link(e.to, e.from);
  }
  const comps = components(sorted, next).sort((a, b) => a[0].localeCompare(b[0]));
  const groupOf = new Map<string, number>();
  comps.forEach((c, i) => c.forEach((m) => groupOf.set(m, i)));
  const groups: MigrationGroup[] = comps.map((models, i) => {
    const inside = edges.filter((e) => groupOf.get(e.from) === i && groupOf.get(e.to) === i && e.from !== e.to);
    const dependsOn = [...new Set(models.flatMap((m) => [...next.get(m)!].map((t) => groupOf.get(t)!)).filter((g) => g !== i))].sort((a, b) => a - b);
    return { index: i, models, reasons: [...new Set(inside.map((e) => `${e.from} → ${e.to} (${e.kind}: ${e.detail})`))], dependsOn, level: 0 };
  });
  // the condensation is acyclic: levels by depth-first longest path, order by level then name
  const level = (g: MigrationGroup, seen = new Set<number>()): number => {
    if (g.level > 0 || g.dependsOn.length === 0 || seen.has(g.index)) return g.level;
    seen.add(g.index);
    g.level = 1 + Math.max(...g.dependsOn.map((d) => level(groups[d], seen)));
    return g.level;
  };
  groups.forEach((g) => level(g));
  const order = [...groups].sort((a, b) => a.level - b.level || a.models[0].localeCompare(b.models[0])).map((g) => g.index);
  return { groups, order, groupOf };
}
