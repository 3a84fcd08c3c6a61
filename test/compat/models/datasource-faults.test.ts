import { expect } from 'chai';
import { EventEmitter } from 'events';
import { DEFAULT_CONNECT_TIMEOUT_MS, guardDataSourceFaults } from '../../../compat/models/datasource-faults';

function fakeApp() {
  const pool = Object.assign(new EventEmitter(), { connect() {}, options: {} as { connectionTimeoutMillis?: number }, _clients: [new EventEmitter()] });
  const ds = Object.assign(new EventEmitter(), { settings: { name: 'db' }, connector: { pg: pool } });
  // loopback registers a datasource under several aliases
  return { app: { dataSources: { db: ds, Db: ds } }, ds, pool };
}

describe('guardDataSourceFaults', () => {
  it('turns datasource, pool and pooled-client error events into one logged line instead of an uncaught exception', () => {
    const { app, ds, pool } = fakeApp();
    const lines: string[] = [];
    expect(guardDataSourceFaults(app, { log: (m) => lines.push(m) })).to.deep.equal(['db']);
    expect(() => ds.emit('error', new Error('connect ECONNREFUSED'))).not.to.throw();
    expect(() => pool.emit('error', new Error('terminating connection due to administrator command'))).not.to.throw();
    expect(() => pool._clients[0].emit('error', new Error('Connection terminated unexpectedly'))).not.to.throw();
    const later = new EventEmitter();
    pool.emit('connect', later);
    expect(() => later.emit('error', new Error('socket hang up'))).not.to.throw();
    expect(lines).to.deep.equal(['lb3-shim: datasource "db" connection error (requests fail until it recovers): connect ECONNREFUSED']);
  });

  it('logs again after the quiet period', () => {
    const { app, ds } = fakeApp();
    const lines: string[] = [];
    guardDataSourceFaults(app, { log: (m) => lines.push(m), quietMs: 0 });
    ds.emit('error', new Error('a'));
    ds.emit('error', new Error('b'));
    expect(lines).to.have.length(2);
  });

  it('bounds the wait for a pooled connection when the datasource sets none, and keeps an explicit bound', () => {
    const { app, pool } = fakeApp();
    guardDataSourceFaults(app, { log: () => undefined });
    expect(pool.options.connectionTimeoutMillis).to.equal(DEFAULT_CONNECT_TIMEOUT_MS);
    const other = fakeApp();
    other.pool.options.connectionTimeoutMillis = 1234;
    guardDataSourceFaults(other.app, { log: () => undefined });
    expect(other.pool.options.connectionTimeoutMillis).to.equal(1234);
  });

  it('guards each datasource once, however often it is called', () => {
    const { app, ds } = fakeApp();
    guardDataSourceFaults(app, { log: () => undefined });
    guardDataSourceFaults(app, { log: () => undefined });
    expect(ds.listenerCount('error')).to.equal(1);
  });
});
