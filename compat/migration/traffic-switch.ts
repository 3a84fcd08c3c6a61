/**
 * The per-model traffic switch of a migrated model: which side answers each
 * request (native, LB3, or a deterministic percentage ramp), whether reads are
 * re-run on the other side in shadow, and the counters that show it
 * (`shim.migration.stats()`, a log line per mismatch, `lb3-shim routes`).
 *
 * Only the equality of two results is decided here (their JSON forms);
 * comparing whole HTTP exchanges is the compare/ product's job.
 */
import debugFactory from 'debug';
import type { ModelSwitch, PrimarySide } from './migration-config';

const debug = debugFactory('lb3-shim:compat:traffic-switch');

/** Counters of one model's switch. */
export interface SwitchStats {
  model: string;
  switch: string;
  /** Requests answered by each side. */
  native: number;
  lb3: number;
  /** Reads re-run on the other side, and how they compared. */
  shadowed: number;
  matches: number;
  mismatches: number;
  /** The last mismatching method, e.g. `Book.findById`. */
  lastMismatch?: string;
}

/** What one side produced for a request: a value or an error. */
export type SideOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Decides whether two outcomes match (default: equal JSON, equal error status/code/message). */
export type OutcomeComparator = (primary: SideOutcome, shadow: SideOutcome) => boolean;

/** mulberry32: a small deterministic PRNG, good enough to split traffic. */
function prng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The JSON form of a result (model instances via toJSON), for comparisons. */
export function jsonForm(outcome: SideOutcome): string {
  if (!outcome.ok) {
    const e = outcome.error as { statusCode?: number; status?: number; code?: string; message?: string } | undefined;
    return JSON.stringify({ error: { statusCode: e?.statusCode ?? e?.status ?? 500, code: e?.code, message: e?.message } });
  }
  return JSON.stringify(outcome.value === undefined ? null : outcome.value) ?? 'undefined';
}

export const defaultComparator: OutcomeComparator = (a, b) => jsonForm(a) === jsonForm(b);

/** One model's switch at run time. */
export class TrafficSwitch {
  readonly #switch: ModelSwitch;
  readonly #next: (() => number) | undefined;
  readonly #compare: OutcomeComparator;
  readonly #stats: SwitchStats;
  readonly #log: (line: string) => void;

  constructor(opts: { model: string; switch: ModelSwitch; compare?: OutcomeComparator; log?: (line: string) => void }) {
    this.#switch = opts.switch;
    this.#next = opts.switch.percent !== undefined ? prng(`${opts.switch.seed}:${opts.model}`) : undefined;
    this.#compare = opts.compare ?? defaultComparator;
    this.#log = opts.log ?? ((line) => console.warn(line));
    this.#stats = { model: opts.model, switch: opts.switch.label, native: 0, lb3: 0, shadowed: 0, matches: 0, mismatches: 0 };
  }

  /** Does any request of this model ever reach native code? (`lb3` alone: the native routes are not even placed.) */
  get reachesNative(): boolean {
    const s = this.#switch;
    return s.primary === 'native' || s.shadow || (s.percent !== undefined && s.percent > 0);
  }

  get label(): string {
    return this.#switch.label;
  }

  /** Who answers: one side, or `split` for a ramp. */
  get answering(): 'native' | 'lb3' | 'split' {
    return this.#switch.percent !== undefined ? 'split' : this.#switch.primary;
  }

  /** The side answering this request (the ramp draws from its seeded sequence). */
  pick(): PrimarySide {
    const side: PrimarySide = this.#next ? (this.#next() * 100 < this.#switch.percent! ? 'native' : 'lb3') : this.#switch.primary;
    this.#stats[side]++;
    return side;
  }

  /** Should a read answered by `side` be re-run on the other side? */
  get shadows(): boolean {
    return this.#switch.shadow;
  }

  /** Record a shadow comparison; logs one line per mismatch. */
  record(method: string, primary: SideOutcome, shadow: SideOutcome): boolean {
    const same = this.#compare(primary, shadow);
    this.#stats.shadowed++;
    if (same) this.#stats.matches++;
    else {
      this.#stats.mismatches++;
      this.#stats.lastMismatch = method;
      this.#log(
        `lb3-shim: shadow mismatch #${this.#stats.mismatches} on ${method} (${this.#switch.label}): primary=${clip(jsonForm(primary))} shadow=${clip(jsonForm(shadow))}`,
      );
    }
    debug('%s shadow %s', method, same ? 'match' : 'MISMATCH');
    return same;
  }

  stats(): SwitchStats {
    return { ...this.#stats };
  }
}

const clip = (s: string) => (s.length > 200 ? s.slice(0, 200) + '…' : s);
