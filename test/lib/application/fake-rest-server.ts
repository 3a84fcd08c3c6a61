/**
 * A stand-in for RestServer that records what the Application asks of it,
 * so application tests do not listen on sockets.
 */
import sinon from 'sinon';
import { Application, type ApplicationOptions } from '../../../lib/application';
import type { RestServer, RestServerDeps } from '../../../lib/rest/rest.server';
import type { Route, RouteSpec } from '../../../lib/rest/types';

export interface FakeRestServer {
  deps: RestServerDeps;
  options: Record<string, unknown>;
  specs: RouteSpec[];
  route: sinon.SinonSpy<[RouteSpec], Route>;
  middleware: sinon.SinonSpy;
  start: sinon.SinonSpy<[], Promise<void>>;
  stop: sinon.SinonSpy<[], Promise<void>>;
  handler: () => void;
}

export function fakeRestServer(deps: RestServerDeps, log: string[]): FakeRestServer {
  const specs: RouteSpec[] = [];
  return {
    deps,
    options: {},
    specs,
    route: sinon.spy((spec: RouteSpec) => {
      specs.push(spec);
      return { ...spec, id: `${spec.verb} ${spec.path}` } as Route;
    }),
    middleware: sinon.spy(),
    start: sinon.spy(async () => {
      log.push('rest:start');
    }),
    stop: sinon.spy(async () => {
      log.push('rest:stop');
    }),
    handler: () => undefined,
  };
}

/** An Application wired to a FakeRestServer; `log` collects 'rest:start'/'rest:stop'. */
export function appWithFakeServer(options: ApplicationOptions = {}, log: string[] = []): { app: Application; rest: FakeRestServer; log: string[] } {
  let rest: FakeRestServer | undefined;
  const app = new Application({
    ...options,
    restServerFactory: (deps) => {
      rest = fakeRestServer(deps, log);
      return rest as unknown as RestServer;
    },
  });
  return { app, rest: rest!, log };
}
