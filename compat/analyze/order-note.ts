/** How a group stands in the order, in words: `after G2, G3; relations both ways with G5`. */
import type { AppAnalysis } from './types';

export function orderNote(a: AppAnalysis, index: number): string {
  const group = a.groups[index];
  const before = group.dependsOn.filter((d) => !group.cycle.includes(d));
  const parts = [
    ...(before.length ? [`after ${before.map((d) => `G${d + 1}`).join(', ')}`] : []),
    ...(group.cycle.length ? [`in a relation cycle with ${group.cycle.map((d) => `G${d + 1}`).join(', ')}`] : []),
  ];
  return parts.join('; ');
}
