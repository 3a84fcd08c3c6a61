/**
 * The contract every compat adapter follows, as loopback-boot's plugins do:
 *
 *   load     read one kind of artifact from the booted LB3 app (its own objects)
 *   compile  turn it into plain data: names, keys, options (no change to the core)
 *   apply    register that data with the core application; returns the handle
 *            createShim keeps for live updates (or nothing)
 *
 * createShim (create-shim.ts) runs the adapters in order through {@link runAdapter},
 * so the order of the core's registrations is readable in one list.
 */
import debugFactory from 'debug';
import type { Application } from '../lib/application';
import type { RestServer } from '../lib/rest/rest.server';
import type { RemotingPhases } from './remoting/remoting-phases';

const debug = debugFactory('lb3-shim:compat:adapter');

/** What adapters see while the shim is built. */
export interface ShimBuild {
  /** The booted LB3 app. */
  readonly lb3App: any;
  /** The core application being built. */
  readonly app: Application;
  readonly restServer: RestServer;
  /** LB3 REST mount, e.g. '/api'. */
  readonly restApiRoot: string;
  /** strong-remoting's phase list of the app (shared by the ACL step and the hooks interceptor). */
  readonly phases: RemotingPhases;
}

/** One LB3 artifact kind: load → compile to plain data → apply. */
export interface Lb3Adapter<Loaded, Plan, Applied = void> {
  /** The LB3 artifact kind, for debug output (`datasources`, `models`, ...). */
  readonly kind: string;
  load(build: ShimBuild): Loaded;
  compile(loaded: Loaded, build: ShimBuild): Plan;
  apply(plan: Plan, build: ShimBuild): Applied;
}

/** Run one adapter's three steps; returns what its apply step returned. */
export function runAdapter<Loaded, Plan, Applied>(adapter: Lb3Adapter<Loaded, Plan, Applied>, build: ShimBuild): Applied {
  const plan = adapter.compile(adapter.load(build), build);
  debug('%s: %o', adapter.kind, plan);
  return adapter.apply(plan, build);
}
