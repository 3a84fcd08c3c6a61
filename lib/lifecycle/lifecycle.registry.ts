/**
 * Runs LifeCycleObservers in ordered groups. Groups run one after another
 * (registration order, or the order set with `setGroupOrder`); observers of
 * one group run in parallel. `stop` walks the groups in reverse, so what
 * started first (e.g. datasources) stops last.
 */
import debugFactory from 'debug';
import { DEFAULT_LIFECYCLE_GROUP, type LifeCycleObserver } from './lifecycle-observer';

const debug = debugFactory('lb3-shim:lifecycle');

export type LifeCycleEvent = 'init' | 'start' | 'stop';

export class LifeCycleRegistry {
  // A Map keeps the order in which groups were first seen.
  readonly #groups = new Map<string, LifeCycleObserver[]>();
  #order: string[] = [];

  /** Adds `observer` to `group` (default group: `'default'`). */
  add(observer: LifeCycleObserver, group: string = DEFAULT_LIFECYCLE_GROUP): void {
    if (observer === null || typeof observer !== 'object') {
      throw new TypeError(`Invalid lifecycle observer in group "${group}": expected an object with init/start/stop methods.`);
    }
    let members = this.#groups.get(group);
    if (!members) this.#groups.set(group, (members = []));
    members.push(observer);
  }

  /**
   * Fixes the order of groups; groups not listed run after the listed ones,
   * in the order they were first registered.
   */
  setGroupOrder(groups: string[]): void {
    this.#order = [...groups];
  }

  /** Groups with their observers, in run order (for `init`/`start`). Empty groups are left out. */
  groups(): Array<{ group: string; observers: readonly LifeCycleObserver[] }> {
    const names = [...this.#order.filter((g) => this.#groups.has(g))];
    for (const g of this.#groups.keys()) if (!names.includes(g)) names.push(g);
    return names.map((group) => ({ group, observers: this.#groups.get(group)! }));
  }

  /** Number of registered observers. */
  get size(): number {
    let n = 0;
    for (const members of this.#groups.values()) n += members.length;
    return n;
  }

  /** Calls `init()` group by group; the first failure stops the walk. */
  async init(): Promise<void> {
    for (const { group, observers } of this.groups()) await runGroup('init', group, observers);
  }

  /** Calls `start()` group by group; the first failure stops the walk. */
  async start(): Promise<void> {
    for (const { group, observers } of this.groups()) await runGroup('start', group, observers);
  }

  /**
   * Calls `stop()` group by group in reverse order. Every group is stopped
   * even when one fails (so resources still get released); the first error
   * is rethrown at the end.
   */
  async stop(): Promise<void> {
    let firstError: unknown;
    for (const { group, observers } of this.groups().reverse()) {
      try {
        await runGroup('stop', group, observers);
      } catch (err) {
        firstError ??= err;
      }
    }
    if (firstError !== undefined) throw firstError;
  }
}

/** Runs `event` on every observer of a group in parallel, waiting for all of them. */
async function runGroup(event: LifeCycleEvent, group: string, observers: readonly LifeCycleObserver[]): Promise<void> {
  const calls: Promise<unknown>[] = [];
  for (const o of observers) {
    const fn = o[event];
    // A synchronous throw must not skip the other observers of the group.
    if (typeof fn === 'function') calls.push(new Promise((resolve) => resolve(fn.call(o))));
  }
  if (calls.length === 0) return;
  debug('%s group "%s" (%d observers)', event, group, calls.length);
  const results = await Promise.allSettled(calls);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
