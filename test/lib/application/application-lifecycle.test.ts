import { expect } from 'chai';
import sinon from 'sinon';
import type { LifeCycleObserver } from '../../../lib/lifecycle';
import { appWithFakeServer } from './fake-rest-server';

function recorder(log: string[], name: string): LifeCycleObserver {
  return {
    init: () => log.push(`${name}:init`),
    start: async () => {
      log.push(`${name}:start`);
    },
    stop: async () => {
      log.push(`${name}:stop`);
    },
  };
}

describe('application: life cycle', () => {
  it('moves through created → initialized → started → stopping → stopped', async () => {
    const { app, rest } = appWithFakeServer();
    expect(app.state).to.equal('created');
    await app.init();
    expect(app.state).to.equal('initialized');
    await app.start();
    expect(app.state).to.equal('started');
    let stateWhileDraining: string | undefined;
    rest.stop = sinon.spy(async () => {
      stateWhileDraining = app.state;
    });
    await app.stop();
    expect(stateWhileDraining).to.equal('stopping');
    expect(app.state).to.equal('stopped');
  });

  it('starts observers (init for all groups, then start) before the RestServer listens', async () => {
    const { app, log } = appWithFakeServer();
    app.lifeCycleObserver(recorder(log, 'ds'), { group: 'datasource' }).lifeCycleObserver(recorder(log, 'svc'));
    await app.start();
    expect(log).to.deep.equal(['ds:init', 'svc:init', 'ds:start', 'svc:start', 'rest:start']);
  });

  it('stops the RestServer before the observers, observers in reverse group order, datasources last', async () => {
    const { app, log } = appWithFakeServer();
    const ds = { define() {}, disconnect: async () => void log.push('datasource:disconnect') };
    app.dataSource('db', ds);
    app.lifeCycleObserver(recorder(log, 'a'), { group: 'first' }).lifeCycleObserver(recorder(log, 'b'), { group: 'second' });
    await app.start();
    log.length = 0;
    await app.stop();
    expect(log).to.deep.equal(['rest:stop', 'b:stop', 'a:stop', 'datasource:disconnect']);
  });

  it('follows lifeCycleGroupOrder over registration order', async () => {
    const { app, log } = appWithFakeServer();
    app
      .lifeCycleObserver(recorder(log, 'srv'), { group: 'server' })
      .lifeCycleObserver(recorder(log, 'ds'), { group: 'datasource' })
      .lifeCycleGroupOrder(['datasource', 'server']);
    await app.start();
    await app.stop();
    expect(log).to.deep.equal(['ds:init', 'srv:init', 'ds:start', 'srv:start', 'rest:start', 'rest:stop', 'srv:stop', 'ds:stop']);
  });

  it('does nothing on a second start and runs init only once', async () => {
    const { app, rest, log } = appWithFakeServer();
    app.lifeCycleObserver(recorder(log, 'o'));
    await Promise.all([app.start(), app.start()]);
    await app.init();
    expect(rest.start.callCount).to.equal(1);
    expect(log.filter((l) => l === 'o:init')).to.have.length(1);
  });

  it('does not stop the RestServer or observers when the app was never started, but still disconnects datasources', async () => {
    const { app, rest, log } = appWithFakeServer();
    app.dataSource('db', { define() {}, disconnect: async () => void log.push('datasource:disconnect') });
    app.lifeCycleObserver(recorder(log, 'o'));
    await app.stop();
    expect(rest.stop.callCount).to.equal(0);
    expect(log).to.deep.equal(['datasource:disconnect']);
    expect(app.state).to.equal('stopped');
  });

  it('keeps stopping when the RestServer fails to stop and rethrows that error afterwards', async () => {
    const { app, rest, log } = appWithFakeServer();
    app.lifeCycleObserver(recorder(log, 'o'));
    await app.start();
    rest.stop = sinon.spy(async () => {
      throw new Error('close failed');
    });
    let error: unknown;
    await app.stop().catch((e) => (error = e));
    expect((error as Error).message).to.equal('close failed');
    expect(log).to.include('o:stop');
    expect(app.state).to.equal('stopped');
  });

  it('can start again after a stop', async () => {
    const { app, rest } = appWithFakeServer();
    await app.start();
    await app.stop();
    await app.start();
    expect(app.state).to.equal('started');
    expect(rest.start.callCount).to.equal(2);
    await app.stop();
  });
});
