/** Builders shared by the REST unit tests: a RestServer on a plain awilix container and terse RouteSpecs. */
import { asValue, createContainer, InjectionMode } from 'awilix';
import type { AwilixContainer } from 'awilix';
import { KEYS } from '../../../lib/keys';
import { JsonErrorWriter } from '../../../lib/errors/error-writer';
import { RestServer } from '../../../lib/rest/rest.server';
import type { RestServerOptions } from '../../../lib/rest/rest.server';
import type { AuthenticationStrategy, Authorizer, Interceptor, RequestContext, RouteSpec } from '../../../lib/rest/types';

export interface TestServer {
  server: RestServer;
  container: AwilixContainer;
  interceptors: Interceptor[];
  strategies: AuthenticationStrategy[];
  authorizers: Authorizer[];
}

/** A RestServer whose extension lists are plain arrays the test can push to before adding routes. */
export function testServer(options: RestServerOptions = {}, setup: Partial<Omit<TestServer, 'server' | 'container'>> = {}): TestServer {
  const container = createContainer({ injectionMode: InjectionMode.PROXY });
  container.register(KEYS.ERROR_WRITER, asValue(new JsonErrorWriter({ debug: options.debug, log: false })));
  const interceptors = setup.interceptors ?? [];
  const strategies = setup.strategies ?? [];
  const authorizers = setup.authorizers ?? [];
  const server = new RestServer({
    container,
    options: { openApi: false, port: 0, ...options },
    globalInterceptors: () => interceptors,
    strategies: () => strategies,
    authorizers: () => authorizers,
  });
  return { server, container, interceptors, strategies, authorizers };
}

/** A route with no parameters (explicit parseArgs, so the default parser is not involved). */
export function spec(
  verb: RouteSpec['verb'],
  path: string,
  invoke: (args: unknown[], ctx: RequestContext) => unknown,
  extra: Partial<RouteSpec> = {},
): RouteSpec {
  return { verb, path, operation: {}, invoke, parseArgs: () => [], ...extra };
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
