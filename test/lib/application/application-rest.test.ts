import { expect } from 'chai';
import { Application } from '../../../lib/application';
import { get, param } from '../../../lib/controllers';
import type { Interceptor } from '../../../lib/rest/types';

class EchoController {
  constructor(private readonly deps: { prefix: string; principal: unknown }) {}
  @get('/echo/{word}')
  echo(@param.path.string('word') word: string) {
    return { said: `${this.deps.prefix}${word}`, principal: this.deps.principal ?? null };
  }
}

class BrokenController {
  constructor({ missingService }: { missingService: unknown }) {
    void missingService;
  }
  @get('/broken')
  broken() {
    return 'never';
  }
}

describe('application: with the real RestServer', () => {
  let app: Application | undefined;

  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('serves a controller resolved from the request scope while started and stops listening on stop', async () => {
    app = new Application({ rest: { port: 0, host: '127.0.0.1', openApi: false } });
    app.bind('prefix', { value: '> ' }).controller(EchoController);
    await app.start();
    const url = app.restServer.url!;
    const res = await fetch(`${url}/echo/hi`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ said: '> hi', principal: null });
    await app.stop();
    expect(app.state).to.equal('stopped');
    let refused = false;
    await fetch(`${url}/echo/hi`).catch(() => (refused = true));
    expect(refused).to.equal(true);
  });

  it('answers 500 when a controller dependency is missing', async () => {
    app = new Application({ rest: { port: 0, host: '127.0.0.1', openApi: false } });
    app.controller(BrokenController);
    await app.start();
    const res = await fetch(`${app.restServer.url}/broken`);
    expect(res.status).to.equal(500);
  });

  it('applies a global interceptor registered after start', async () => {
    app = new Application({ rest: { port: 0, host: '127.0.0.1', openApi: false } });
    app.bind('prefix', { value: '' }).controller(EchoController);
    await app.start();
    const shout: Interceptor = async (_ctx, next) => {
      const result = (await next()) as { said: string };
      return { ...result, said: result.said.toUpperCase() };
    };
    app.interceptor(shout);
    const res = await fetch(`${app.restServer.url}/echo/hi`);
    expect(((await res.json()) as { said: string }).said).to.equal('HI');
  });
});
