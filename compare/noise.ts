/**
 * Noise, as in Twitter's Diffy: run the legacy side twice; whatever differs
 * between the two legacy runs is not deterministic, so the same difference
 * between legacy and candidate says nothing and is dropped.
 */
import { isIgnored, splitPath } from './paths';
import type { Difference } from './types';

/** Headers that are a function of the body (length, hash). */
const DERIVED_HEADERS = ['headers.content-length', 'headers.etag'];
const derived = (path: string): Difference => ({ kind: 'header', path, legacy: '(derived from a noisy body)', candidate: '' });

/** The noisy paths of one step, learned from legacy vs legacy. */
export class NoiseFilter {
  readonly #leaves: string[][];
  readonly #keyOrder: Set<string>;
  readonly paths: string[];

  constructor(legacyVsLegacy: readonly Difference[]) {
    if (legacyVsLegacy.some((d) => d.kind === 'body' || d.kind === 'key-order')) {
      // Headers computed from the body vary with it, even when two legacy runs happen to agree on them.
      legacyVsLegacy = [...legacyVsLegacy, ...DERIVED_HEADERS.filter((h) => !legacyVsLegacy.some((d) => d.path === h)).map(derived)];
    }
    this.paths = legacyVsLegacy.map((d) => (d.kind === 'key-order' ? `${d.path} (key order)` : d.path));
    this.#leaves = legacyVsLegacy.filter((d) => d.kind !== 'key-order').map((d) => splitPath(d.path));
    this.#keyOrder = new Set(legacyVsLegacy.filter((d) => d.kind === 'key-order').map((d) => d.path));
  }

  /** True when `d` is (inside) a path that already differed between the two legacy runs. */
  covers(d: Difference): boolean {
    if (d.kind === 'key-order') return this.#keyOrder.has(d.path);
    return isIgnored(splitPath(d.path), this.#leaves);
  }

  /** `diffs` without the noisy ones. */
  filter(diffs: readonly Difference[]): Difference[] {
    if (this.paths.length === 0) return [...diffs];
    return diffs.filter((d) => !this.covers(d));
  }
}
