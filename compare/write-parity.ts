/**
 * Write parity: both sides start from their own copy of the same data (each
 * target boots from the same seed in its own process); after every write step
 * each side's rows are dumped over the control channel and compared, all
 * models, not only the one written. Values that differ between the two legacy
 * runs (the noise target) are dropped as non-deterministic, like noisy
 * response fields; generated ids and timestamps are normalised as in responses.
 * Stored bcrypt hashes (User passwords) count as per-run values too.
 * A write step reports the row differences it introduced or changed; the ones
 * carried over unchanged from an earlier step are not repeated.
 */
import debugFactory from 'debug';
import { diffSnapshots, rowCounts } from './data-diff';
import { NoiseFilter } from './noise';
import { BCRYPT_RULE, type NormalizeRule } from './normalize';
import type { PathPattern } from './paths';
import type { Target } from './targets';
import type { DataSnapshot, Difference, ScenarioStep, StepResult, WriteParitySummary } from './types';

const debug = debugFactory('lb3-shim:compare:write-parity');

/** The methods after which rows are compared. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isWriteStep = (step: Pick<ScenarioStep, 'method'>): boolean => WRITE_METHODS.has(step.method.toUpperCase());

interface Sides {
  legacy: Target;
  candidate: Target;
  noise?: Target;
}

/** What one write step adds to its result. */
export interface WriteCheck {
  differences: Difference[];
  noise: string[];
  rows: NonNullable<StepResult['rows']>;
}

export class WriteParity {
  readonly #sides: Sides;
  readonly #rules: readonly NormalizeRule[];
  readonly #models = new Set<string>();
  readonly #unsupported = new Set<string>();
  #startingData: Difference[] = [];
  /** Row differences already reported: path → legacy/candidate values. */
  #known = new Map<string, string>();
  #writeSteps = 0;

  /** Throws when a target cannot dump its data (a URL target). */
  constructor(sides: Sides, rules: readonly NormalizeRule[]) {
    for (const [role, t] of Object.entries(sides)) {
      if (t && typeof t.snapshot !== 'function')
        throw new Error(
          `write parity needs the data of every side, and the ${role} target ${t.label} cannot be dumped (give an app directory instead of a URL)`,
        );
    }
    this.#sides = sides;
    // stored rows also hold salted password hashes, a per-run value like a token id
    this.#rules = [...rules, BCRYPT_RULE];
  }

  /** Compare the starting data (before the first step). */
  async start(ignore: readonly PathPattern[]): Promise<void> {
    const check = await this.#check(ignore);
    this.#startingData = check.differences;
    this.#known = new Map(check.differences.map((d) => [d.path, d.legacy + '\0' + d.candidate]));
    debug('starting data: %d differences', check.differences.length);
  }

  /** Compare the rows after a write step. */
  async afterWrite(ignore: readonly PathPattern[]): Promise<WriteCheck> {
    this.#writeSteps++;
    const check = await this.#check(ignore);
    const fresh = check.differences.filter((d) => this.#known.get(d.path) !== d.legacy + '\0' + d.candidate);
    this.#known = new Map(check.differences.map((d) => [d.path, d.legacy + '\0' + d.candidate]));
    return { ...check, differences: fresh };
  }

  summary(): WriteParitySummary {
    return { startingData: this.#startingData, models: [...this.#models].sort(), writeSteps: this.#writeSteps, unsupported: [...this.#unsupported] };
  }

  async #check(ignore: readonly PathPattern[]): Promise<WriteCheck> {
    const { legacy, candidate, noise } = this.#sides;
    const [a, b, a2] = await Promise.all([legacy.snapshot!(), candidate.snapshot!(), noise?.snapshot!()]);
    for (const s of [a, b, a2]) this.#note(s);
    const opts = { rules: this.#rules, ignore };
    let differences = diffSnapshots(a, b, opts);
    let noisy: string[] = [];
    if (a2) {
      const filter = new NoiseFilter(diffSnapshots(a, a2, opts));
      noisy = filter.paths;
      differences = filter.filter(differences);
    }
    return { differences, noise: noisy, rows: { legacy: rowCounts(a), candidate: rowCounts(b) } };
  }

  #note(s: DataSnapshot | undefined): void {
    if (!s) return;
    for (const m of Object.keys(s.models)) this.#models.add(m);
    for (const u of s.unsupported) this.#unsupported.add(u);
  }
}
