import { expect } from 'chai';
import { LifeCycleRegistry, type LifeCycleObserver } from '../../../lib/lifecycle';

/** An observer that records "<name>:<event>" into a shared log, optionally after a delay. */
function recorder(log: string[], name: string, delayMs = 0): LifeCycleObserver {
  const record = (event: string) => async () => {
    log.push(`${name}:${event}:begin`);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    log.push(`${name}:${event}`);
  };
  return { init: record('init'), start: record('start'), stop: record('stop') };
}

const done = (log: string[]) => log.filter((l) => !l.endsWith(':begin'));

describe('lifecycle: LifeCycleRegistry', () => {
  it('runs init then start in group registration order and stop in reverse group order', async () => {
    const log: string[] = [];
    const r = new LifeCycleRegistry();
    r.add(recorder(log, 'ds'), 'datasource');
    r.add(recorder(log, 'srv'), 'server');
    await r.init();
    await r.start();
    await r.stop();
    expect(done(log)).to.deep.equal(['ds:init', 'srv:init', 'ds:start', 'srv:start', 'srv:stop', 'ds:stop']);
  });

  it('follows an explicit group order and runs unlisted groups afterwards in registration order', () => {
    const r = new LifeCycleRegistry();
    r.add({}, 'server');
    r.add({}, 'misc');
    r.add({}, 'datasource');
    r.setGroupOrder(['datasource', 'server', 'not-registered']);
    expect(r.groups().map((g) => g.group)).to.deep.equal(['datasource', 'server', 'misc']);
  });

  it('puts observers without a group into the "default" group', () => {
    const r = new LifeCycleRegistry();
    const o = {};
    r.add(o);
    expect(r.groups()).to.deep.equal([{ group: 'default', observers: [o] }]);
    expect(r.size).to.equal(1);
  });

  it('runs the observers of one group in parallel and waits for all of them before the next group', async () => {
    const log: string[] = [];
    const r = new LifeCycleRegistry();
    r.add(recorder(log, 'slow', 20), 'a');
    r.add(recorder(log, 'fast', 0), 'a');
    r.add(recorder(log, 'next'), 'b');
    await r.start();
    expect(log).to.deep.equal(['slow:start:begin', 'fast:start:begin', 'fast:start', 'slow:start', 'next:start:begin', 'next:start']);
  });

  it('skips observers that lack the method being run', async () => {
    const log: string[] = [];
    const r = new LifeCycleRegistry();
    r.add({ stop: () => log.push('only-stop') });
    await r.init();
    await r.start();
    await r.stop();
    expect(log).to.deep.equal(['only-stop']);
  });

  it('stops at the first failing group on start and does not start later groups', async () => {
    const log: string[] = [];
    const r = new LifeCycleRegistry();
    r.add(
      {
        start: () => {
          throw new Error('db down');
        },
      },
      'a',
    );
    r.add(recorder(log, 'later'), 'b');
    let error: unknown;
    await r.start().catch((e) => (error = e));
    expect((error as Error).message).to.equal('db down');
    expect(log).to.deep.equal([]);
  });

  it('still stops every group when one fails, then rethrows the first error', async () => {
    const log: string[] = [];
    const r = new LifeCycleRegistry();
    r.add(recorder(log, 'first'), 'a');
    r.add({ stop: () => Promise.reject(new Error('close failed')) }, 'b');
    r.add(recorder(log, 'sibling'), 'b');
    let error: unknown;
    await r.stop().catch((e) => (error = e));
    expect((error as Error).message).to.equal('close failed');
    expect(done(log)).to.deep.equal(['sibling:stop', 'first:stop']);
  });

  it('rejects a non-object observer, naming its group', () => {
    const r = new LifeCycleRegistry();
    expect(() => r.add(null as never, 'server')).to.throw(/"server"/);
  });
});
