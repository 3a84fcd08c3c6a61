/**
 * Opt-in hardening of LB3's known holes (docs/hardening.md). Off by default so
 * the shim answers exactly as stock LB3; `harden: true` (or `lb3-shim serve
 * --harden`) turns every switch on, `harden: { include: true, ... }` picks them.
 *
 *   include       `include` filters and relation routes also check the related
 *                 model's ACL for the caller (stock only checks the parent's)
 *   filterLimits  filter/where nesting depth, `inq`/`nin` size, `limit` cap
 *   regexp        `regexp`/`like` operators limited (length, nested quantifiers) or refused
 *   prototypeKeys `__proto__` / `constructor.prototype` keys anywhere in the input → 400
 *   boot          a datasource that cannot connect while booting fails the boot
 *                 (exit non-zero) instead of serving 500s
 */

/** The filter complexity limits. */
export interface FilterLimits {
  /** Max nesting of objects/arrays in `filter` / `where` (default 12). */
  maxDepth: number;
  /** Max items of one `inq` / `nin` list (default 1000). */
  maxInq: number;
  /** `filter.limit` is capped to this, and set to it when absent on find methods (default 1000). */
  maxLimit: number;
}

/** The regexp policy: 'refuse' rejects every regexp-like operator; 'limit' rejects long patterns and nested quantifiers. */
export type RegexpPolicy = 'refuse' | 'limit';

export interface HardenSwitches {
  include?: boolean;
  filterLimits?: boolean | Partial<FilterLimits>;
  regexp?: boolean | RegexpPolicy;
  prototypeKeys?: boolean;
  boot?: boolean;
}

/** The `harden` option of createShim. */
export type HardenOption = boolean | HardenSwitches;

/** Resolved hardening: each switch on or off, limits filled in. */
export interface Hardening {
  include: boolean;
  filterLimits: FilterLimits | undefined;
  regexp: RegexpPolicy | undefined;
  prototypeKeys: boolean;
  boot: boolean;
}

export const DEFAULT_FILTER_LIMITS: FilterLimits = { maxDepth: 12, maxInq: 1000, maxLimit: 1000 };
/** Longest regexp/like pattern accepted under the 'limit' policy. */
export const MAX_PATTERN_LENGTH = 100;

/** Resolve the option (undefined/false: everything off). */
export function resolveHardening(option: HardenOption | undefined): Hardening {
  const all = option === true;
  const s: HardenSwitches = typeof option === 'object' && option !== null ? option : {};
  const limits = all ? true : s.filterLimits;
  const regexp = all ? true : s.regexp;
  return {
    include: all || !!s.include,
    filterLimits: limits ? { ...DEFAULT_FILTER_LIMITS, ...(typeof limits === 'object' ? limits : {}) } : undefined,
    regexp: regexp ? (regexp === 'refuse' ? 'refuse' : 'limit') : undefined,
    prototypeKeys: all || !!s.prototypeKeys,
    boot: all || !!s.boot,
  };
}

/** Is any request-time switch on? */
export function hardensRequests(h: Hardening): boolean {
  return h.include || h.filterLimits !== undefined || h.regexp !== undefined || h.prototypeKeys;
}

/** `LB3_SHIM_HARDEN` as the runners read it: unset/''/0/false → off, 1/true/all → on, else a JSON object of switches. */
export function hardenFromEnv(value: string | undefined): HardenOption | undefined {
  if (value === undefined || value === '' || value === '0' || value === 'false') return undefined;
  if (value === '1' || value === 'true' || value === 'all') return true;
  return JSON.parse(value) as HardenSwitches;
}
