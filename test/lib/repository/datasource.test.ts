import { expect } from 'chai';
import { createDataSource, defineModel, disconnectDataSource } from '../../../lib/repository';

describe('createDataSource', () => {
  it('uses the memory connector when none is configured', async () => {
    const ds = createDataSource('db', {});
    expect(ds.name).to.equal('db');
    expect(ds.connector.name).to.equal('memory');
    await disconnectDataSource(ds);
  });

  it('does not modify the config object it is given', () => {
    const config = { host: 'x' };
    const ds = createDataSource('cfg', config);
    expect(config).to.deep.equal({ host: 'x' });
    expect(ds.settings.host).to.equal('x');
  });

  it('accepts a connector module object', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const memory = require('loopback-datasource-juggler/lib/connectors/memory');
    const ds = createDataSource('mod', { connector: memory });
    const Thing = defineModel(ds, { name: 'Thing', properties: { name: 'string' } });
    await Thing.create({ name: 'a' });
    expect(await Thing.count()).to.equal(1);
  });

  it('fails with a clear error naming the datasource and an unknown connector', () => {
    expect(() => createDataSource('store', { connector: 'nosuchdb' })).to.throw(
      Error,
      'Cannot create datasource "store": connector "nosuchdb" is not installed ' +
        '(not a built-in juggler connector, and no module loopback-connector-nosuchdb or nosuchdb found). ' +
        'Run: npm install loopback-connector-nosuchdb',
    );
  });

  it('disconnectDataSource resolves, also for a datasource that never connected', async () => {
    const ds = createDataSource('idle', { connector: 'memory' });
    await disconnectDataSource(ds);
    expect(ds.connected).to.equal(false);
  });
});

describe('defineModel', () => {
  it('defines a model with settings and relations from LB3 JSON form', () => {
    const ds = createDataSource('db', {});
    const Author = defineModel(ds, {
      name: 'Author',
      properties: { name: { type: 'string', required: true } },
      settings: { hidden: ['name'] },
      relations: { books: { type: 'hasMany', model: 'Book', foreignKey: 'authorId' } },
    });
    defineModel(ds, { name: 'Book', properties: { title: 'string' } });
    expect(Author.modelName).to.equal('Author');
    expect(Author.settings.hidden).to.deep.equal(['name']);
    expect(Author.relations.books.type).to.equal('hasMany');
    expect(Author.relations.books.modelTo.modelName).to.equal('Book');
    expect(ds.models.Book).to.be.a('function');
  });

  it('rejects something that is not a datasource, naming the model', () => {
    expect(() => defineModel({}, { name: 'Lost', properties: {} })).to.throw(TypeError, 'defineModel("Lost") needs a juggler DataSource');
  });
});
