/**
 * strong-remoting shared classes → core routes.
 *
 * load: `lb3App.remotes().classes()` and each class's enabled shared methods;
 * compile: LB3 routes (verb, path) per method, including `/:id` prototype
 * routes via the sharedCtor, and the LB3 route order (route-table.ts);
 * apply: `restServer.route()` per planned route. A class can be rebuilt alone
 * when a live app changes it (live-updates.ts).
 */
import debugFactory from 'debug';
import type { HttpVerb, Route, RouteSpec } from '../../lib/rest/types';
import { Lb3RouteEntry, normalizeLb3Verb, planClassRoutes } from './route-table';
import { compileSharedMethod, CompiledSharedMethod, type Lb3RouteHooks } from './shared-method.route';
import type { RemotingKit } from '../remoting/remoting-kit';
import type { RemotingContext } from '../remoting/remoting-context';
import type { Lb3Adapter } from '../adapter';

const debug = debugFactory('lb3-shim:compat:remote-routes');

/** What the adapter needs from the core. */
export interface RouteSink {
  route(spec: RouteSpec<any>): Route;
  removeRoute(route: Route | string): void;
}

/** One LB3 route of a method, before ordering (path relative to the class mount). */
export interface MethodRoute {
  verb: string;
  path: string;
}

/** What takes an LB3 route slot: the compiled shared method, or a native target placed in its stead. */
export interface RouteTarget {
  toRouteSpec(verb: HttpVerb, path: string, fixedParams?: Record<string, string>, mount?: string): RouteSpec<RemotingContext>;
}

/** An LB3 route offered to the {@link RouteOwner}: its class, method, verb and full path (`/Books/:id`). */
export interface RouteClaim {
  sharedClass: any;
  sharedMethod: any;
  verb: string;
  path: string;
  compiled: CompiledSharedMethod;
}

/** Decides, route by route, whether something other than the LB3 method serves an LB3 route (compat/migration). */
export interface RouteOwner {
  claim(route: RouteClaim): RouteTarget | undefined;
}

export interface RemoteRoutesOptions {
  lb3App: any;
  sink: RouteSink;
  kit: RemotingKit;
  /** Remote hooks for every route (interceptor + onError); none = no hooks run. */
  hooks?: Lb3RouteHooks;
  /** Native models taking over routes; the target keeps the LB3 route's place in LB3's route order. */
  owner?: RouteOwner;
}

/** The routes currently registered for one shared class. */
interface ClassEntry {
  name: string;
  /** Class mount paths, e.g. ['/Customers']. */
  paths: string[];
  routes: Route[];
}

/** strong-remoting's `normalizeHttpPath`: inflection underscore + dasherize on literal segments. */
export function normalizeHttpPath(path: string): string {
  return path.replace(/[^/]+/g, (seg) => {
    if (seg.includes(':')) return seg;
    const underscored = seg
      .split('::')
      .map((p) => p.replace(/([A-Z])/g, '_$1').replace(/^_/, ''))
      .join('/')
      .toLowerCase();
    return underscored.replace(/[ _]/g, '-');
  });
}

/** strong-remoting's joinPaths (no doubled or missing slash; `/` on the right adds nothing). */
export function joinPaths(left: string, right: string): string {
  if (!left) return right;
  if (!right || right === '/') return left;
  const glue = left[left.length - 1] + right[0];
  if (glue === '//') return left + right.slice(1);
  if (glue[0] === '/' || glue[1] === '/') return left + right;
  return left + '/' + right;
}

/** strong-remoting's getRoutes for a class or method, without mutating its `http` metadata. */
export function lb3Routes(obj: { name?: string; http?: unknown; options?: any; sharedClass?: any }, adapterOptions: any): MethodRoute[] {
  const classOptions = (obj.sharedClass || obj).options;
  let normalize = classOptions && classOptions.normalizeHttpPath;
  if (normalize === undefined && adapterOptions) normalize = adapterOptions.normalizeHttpPath;
  const toPath = normalize ? normalizeHttpPath : (p: string) => p;
  const http = obj.http as any;
  if (http) {
    const list: any[] = Array.isArray(http) ? http : [http];
    return list.map((r) => ({ verb: normalizeLb3Verb(r.verb), path: toPath(r.path || '/' + obj.name) }));
  }
  if (obj.name === 'sharedCtor') return [{ verb: 'all', path: '/prototype' }];
  return [{ verb: 'all', path: obj.name ? toPath('/' + obj.name) : '' }];
}

/** The LB3 routes of one shared method, relative to its class mount. */
export function methodRoutes(sharedMethod: any, sharedClass: any, adapterOptions: any): MethodRoute[] {
  const own = lb3Routes(sharedMethod, adapterOptions);
  if (sharedMethod.isStatic || !sharedClass.sharedCtor) return own;
  const ctorRoutes = lb3Routes(sharedClass.sharedCtor, adapterOptions);
  const out: MethodRoute[] = [];
  for (const r of own) for (const c of ctorRoutes) out.push({ verb: r.verb, path: joinPaths(c.path, r.path) });
  return out;
}

/** Builds and rebuilds the core routes of the LB3 app's shared classes. */
export class RemoteRoutesAdapter {
  readonly #opts: RemoteRoutesOptions;
  readonly #classes = new Map<string, ClassEntry>();

  constructor(opts: RemoteRoutesOptions) {
    this.#opts = opts;
  }

  /** The REST adapter options (`remoting.rest`). */
  get adapterOptions(): any {
    const remotes = this.#opts.lb3App.remotes();
    return (remotes.options && remotes.options.rest) || {};
  }

  /** Mount paths of every routed class, for the not-found responder. */
  classMounts(): Array<{ name: string; path: string }> {
    const out: Array<{ name: string; path: string }> = [];
    for (const c of this.#classes.values()) for (const p of c.paths) out.push({ name: c.name, path: p });
    return out;
  }

  /** (Re)build all classes; classes that disappeared lose their routes. */
  syncAll(): void {
    const classes: any[] = this.#opts.lb3App.remotes().classes();
    const seen = new Set<string>();
    for (const sc of classes) {
      seen.add(sc.name);
      this.rebuildClass(sc);
    }
    for (const name of [...this.#classes.keys()]) if (!seen.has(name)) this.removeClass(name);
  }

  /** Replace the routes of one shared class (by object or name). */
  rebuildClass(sharedClassOrName: any): void {
    const sc =
      typeof sharedClassOrName === 'string'
        ? this.#opts.lb3App
            .remotes()
            .classes()
            .find((c: any) => c.name === sharedClassOrName)
        : sharedClassOrName;
    const name = typeof sharedClassOrName === 'string' ? sharedClassOrName : sc.name;
    this.removeClass(name);
    if (!sc) return;
    const adapterOptions = this.adapterOptions;
    const paths = lb3Routes(sc, adapterOptions).map((r) => r.path);
    const entries: Array<Lb3RouteEntry<RouteTarget>> = [];
    for (const sm of sc.methods()) {
      if (sm.isSharedCtor) continue;
      const compiled = compileSharedMethod({
        sharedMethod: sm,
        sharedClass: sc,
        kit: this.#opts.kit,
        restOptions: adapterOptions,
        typeRegistry: this.#opts.lb3App.remotes()._typeRegistry,
        hooks: this.#opts.hooks,
      });
      for (const r of methodRoutes(sm, sc, adapterOptions)) {
        const claimed = this.#opts.owner?.claim({ sharedClass: sc, sharedMethod: sm, verb: r.verb, path: joinPaths(paths[0] ?? '', r.path || '/'), compiled });
        entries.push({ verb: r.verb, path: r.path, target: claimed ?? compiled });
      }
    }
    const planned = planClassRoutes(entries);
    const routes: Route[] = [];
    for (const classPath of paths) {
      for (const p of planned) {
        const full = joinPaths(classPath, p.path || '/');
        routes.push(this.#opts.sink.route(p.target.toRouteSpec(p.verb, full, p.fixedParams, classPath)));
      }
    }
    this.#classes.set(name, { name, paths, routes });
    debug('class %s at %j: %d LB3 routes → %d core routes', name, paths, entries.length, routes.length);
  }

  /** Remove every route of a class. */
  removeClass(name: string): void {
    const entry = this.#classes.get(name);
    if (!entry) return;
    for (const r of entry.routes) this.#opts.sink.removeRoute(r);
    this.#classes.delete(name);
  }
}

/**
 * load: the app's shared classes; compile: their names (each class's routes are planned by
 * route-table.ts when it is built); apply: register every class's routes and return the
 * RemoteRoutesAdapter that rebuilds them on live changes.
 */
export function remoteRoutesAdapter(opts: { kit: RemotingKit; hooks?: Lb3RouteHooks; owner?: RouteOwner }): Lb3Adapter<any[], string[], RemoteRoutesAdapter> {
  return {
    kind: 'remote routes',
    load: ({ lb3App }) => lb3App.remotes().classes(),
    compile: (classes) => classes.map((sc) => sc.name as string),
    apply(_plan, { lb3App, restServer }) {
      const routes = new RemoteRoutesAdapter({ lb3App, sink: restServer, kit: opts.kit, hooks: opts.hooks, owner: opts.owner });
      routes.syncAll();
      return routes;
    },
  };
}
