import { expect } from 'chai';
import { HttpError } from '../../../lib/errors/http-error';
import { createDataSource, defineModel, disconnectDataSource, JugglerCrudRepository } from '../../../lib/repository';

interface Product {
  id: number;
  name: string;
  price: number;
  secret?: string;
  toJSON(): Record<string, unknown>;
}

describe('JugglerCrudRepository', () => {
  let ds: any;
  let Product: any;
  let repo: JugglerCrudRepository<Product, number>;

  beforeEach(async () => {
    ds = createDataSource('db', { connector: 'memory' });
    Product = defineModel(ds, {
      name: 'Product',
      properties: {
        id: { type: 'number', id: true, generated: true },
        name: { type: 'string', required: true },
        price: { type: 'number', required: true },
        secret: { type: 'string' },
      },
      settings: { hidden: ['secret'] },
    });
    repo = new JugglerCrudRepository<Product, number>(Product);
    await repo.createAll([
      { name: 'apple', price: 3, secret: 's1' },
      { name: 'banana', price: 1 },
      { name: 'cherry', price: 10 },
    ]);
  });

  afterEach(() => disconnectDataSource(ds));

  const names = (list: Product[]) => list.map((p) => p.name);

  it('rejects something that is not a model class, naming it', () => {
    expect(() => new JugglerCrudRepository({ modelName: 'Nope' })).to.throw(TypeError, /"Nope"/);
  });

  describe('create / createAll', () => {
    it('creates an instance with a generated id and returns a model instance', async () => {
      const created = await repo.create({ name: 'date', price: 5 });
      expect(created.id).to.equal(4);
      expect(created).to.be.instanceOf(Product);
      expect(created.toJSON()).to.deep.equal({ id: 4, name: 'date', price: 5 });
    });

    it('createAll creates every item in order and returns them', async () => {
      const created = await repo.createAll([
        { name: 'x', price: 1 },
        { name: 'y', price: 2 },
      ]);
      expect(created.map((p) => p.id)).to.deep.equal([4, 5]);
      expect((await repo.count()).count).to.equal(5);
    });

    it('createAll of an empty list creates nothing', async () => {
      expect(await repo.createAll([])).to.deep.equal([]);
      expect((await repo.count()).count).to.equal(3);
    });

    it('passes juggler validation errors through unchanged (422 ValidationError)', async () => {
      const err = await repo.create({ name: 'no price' }).then(
        () => undefined,
        (e) => e,
      );
      expect(err).to.be.instanceOf(Error);
      expect(err).to.not.be.instanceOf(HttpError);
      expect(err.name).to.equal('ValidationError');
      expect(err.statusCode).to.equal(422);
      expect(err.details.codes).to.deep.equal({ price: ['presence'] });
      expect((await repo.count()).count).to.equal(3);
    });
  });

  describe('find / findOne / findById', () => {
    it('find without a filter returns all instances', async () => {
      expect(names(await repo.find())).to.deep.equal(['apple', 'banana', 'cherry']);
    });

    it('find applies where with operators', async () => {
      expect(names(await repo.find({ where: { price: { gt: 2 } } }))).to.deep.equal(['apple', 'cherry']);
      expect(names(await repo.find({ where: { or: [{ name: 'banana' }, { price: 10 }] } }))).to.deep.equal(['banana', 'cherry']);
    });

    it('find applies order, limit and skip (offset is a synonym of skip)', async () => {
      expect(names(await repo.find({ order: 'price DESC' }))).to.deep.equal(['cherry', 'apple', 'banana']);
      expect(names(await repo.find({ order: ['price ASC'], limit: 2 }))).to.deep.equal(['banana', 'apple']);
      expect(names(await repo.find({ order: 'price ASC', skip: 1, limit: 1 }))).to.deep.equal(['apple']);
      expect(names(await repo.find({ order: 'price ASC', offset: 2 }))).to.deep.equal(['cherry']);
    });

    it('find applies fields (object and array forms)', async () => {
      const [first] = await repo.find({ fields: { name: true }, order: 'id ASC', limit: 1 });
      expect(JSON.parse(JSON.stringify(first))).to.deep.equal({ name: 'apple' });
      const [second] = await repo.find({ fields: ['id', 'price'], where: { name: 'banana' } });
      expect(JSON.parse(JSON.stringify(second))).to.deep.equal({ id: 2, price: 1 });
    });

    it('returns instances whose JSON hides hidden properties', async () => {
      const apple = await repo.findById(1);
      expect(apple.secret).to.equal('s1');
      expect(apple.toJSON()).to.not.have.property('secret');
      expect(JSON.parse(JSON.stringify(apple))).to.deep.equal({ id: 1, name: 'apple', price: 3 });
    });

    it('findOne returns the first match, or null when none matches', async () => {
      const cheapest = await repo.findOne({ order: 'price ASC' });
      expect(cheapest?.name).to.equal('banana');
      expect(await repo.findOne({ where: { name: 'zucchini' } })).to.equal(null);
    });

    it('findById returns the instance and honours a fields filter', async () => {
      expect((await repo.findById(3)).name).to.equal('cherry');
      expect(JSON.parse(JSON.stringify(await repo.findById(3, { fields: ['name'] })))).to.deep.equal({ name: 'cherry' });
    });

    it('findById rejects with 404 ENTITY_NOT_FOUND naming the model and id', async () => {
      const err = await repo.findById(99).then(
        () => undefined,
        (e) => e,
      );
      expect(err).to.be.instanceOf(HttpError);
      expect(err.statusCode).to.equal(404);
      expect(err.code).to.equal('ENTITY_NOT_FOUND');
      expect(err.message).to.equal('Entity not found: Product with id 99');
    });
  });

  describe('updates', () => {
    it('updateById changes only the given properties', async () => {
      await repo.updateById(1, { price: 4 });
      expect((await repo.findById(1)).toJSON()).to.deep.equal({ id: 1, name: 'apple', price: 4 });
    });

    it('updateById validates the result (422 passes through)', async () => {
      const err = await repo.updateById(1, { name: null } as any).then(
        () => undefined,
        (e) => e,
      );
      expect(err.statusCode).to.equal(422);
      expect(err.name).to.equal('ValidationError');
      expect((await repo.findById(1)).name).to.equal('apple');
    });

    it('updateById rejects with 404 for a missing id', async () => {
      const err = await repo.updateById(99, { price: 1 }).then(
        () => undefined,
        (e) => e,
      );
      expect(err.statusCode).to.equal(404);
      expect(err.message).to.equal('Entity not found: Product with id 99');
    });

    it('replaceById replaces the whole instance, clearing properties not given', async () => {
      await repo.replaceById(1, { name: 'apricot', price: 7 });
      const replaced = await repo.findById(1);
      expect(replaced.toJSON()).to.deep.equal({ id: 1, name: 'apricot', price: 7 });
      expect(replaced.secret).to.equal(undefined);
    });

    it('replaceById rejects with 404 ENTITY_NOT_FOUND for a missing id', async () => {
      const err = await repo.replaceById(99, { name: 'x', price: 1 }).then(
        () => undefined,
        (e) => e,
      );
      expect(err).to.be.instanceOf(HttpError);
      expect(err.statusCode).to.equal(404);
      expect(err.code).to.equal('ENTITY_NOT_FOUND');
      expect((await repo.count()).count).to.equal(3);
    });

    it('updateAll updates the instances matching where and returns the count', async () => {
      expect(await repo.updateAll({ price: 0 }, { price: { lt: 5 } })).to.deep.equal({ count: 2 });
      expect((await repo.find({ order: 'id ASC' })).map((p) => p.price)).to.deep.equal([0, 0, 10]);
    });

    it('updateAll without where updates every instance', async () => {
      expect(await repo.updateAll({ price: 2 })).to.deep.equal({ count: 3 });
      expect((await repo.count({ price: 2 })).count).to.equal(3);
    });
  });

  describe('deletes, count and exists', () => {
    it('deleteById removes the instance', async () => {
      await repo.deleteById(2);
      expect(await repo.exists(2)).to.equal(false);
      expect((await repo.count()).count).to.equal(2);
    });

    it('deleteById rejects with 404 for a missing id', async () => {
      const err = await repo.deleteById(99).then(
        () => undefined,
        (e) => e,
      );
      expect(err.statusCode).to.equal(404);
      expect(err.code).to.equal('ENTITY_NOT_FOUND');
    });

    it('deleteById gives the same 404 for a model with strictDelete', async () => {
      const Strict = defineModel(ds, { name: 'Strict', properties: { name: 'string' }, settings: { strictDelete: true } });
      const err = await new JugglerCrudRepository(Strict).deleteById(5).then(
        () => undefined,
        (e) => e,
      );
      expect(err).to.be.instanceOf(HttpError);
      expect(err.message).to.equal('Entity not found: Strict with id 5');
    });

    it('deleteAll deletes the instances matching where and returns the count', async () => {
      expect(await repo.deleteAll({ price: { gte: 3 } })).to.deep.equal({ count: 2 });
      expect(names(await repo.find())).to.deep.equal(['banana']);
      expect(await repo.deleteAll()).to.deep.equal({ count: 1 });
    });

    it('count counts all instances or those matching where', async () => {
      expect(await repo.count()).to.deep.equal({ count: 3 });
      expect(await repo.count({ price: { gt: 2 } })).to.deep.equal({ count: 2 });
    });

    it('exists tells whether an id exists', async () => {
      expect(await repo.exists(1)).to.equal(true);
      expect(await repo.exists(42)).to.equal(false);
    });
  });

  describe('options', () => {
    it('passes options to operation hooks as ctx.options', async () => {
      const seen: Array<[string, unknown]> = [];
      Product.observe('before save', async (ctx: any) => {
        seen.push(['before save', ctx.options]);
      });
      Product.observe('access', async (ctx: any) => {
        seen.push(['access', ctx.options]);
      });
      Product.observe('before delete', async (ctx: any) => {
        seen.push(['before delete', ctx.options]);
      });
      const options = { currentUser: 'alice' };

      await repo.create({ name: 'fig', price: 2 }, options);
      await repo.find({ where: { name: 'fig' } }, options);
      await repo.updateById(4, { price: 3 }, options);
      await repo.deleteById(4, options);

      expect(seen.map(([hook]) => hook)).to.deep.equal(['before save', 'access', 'access', 'before save', 'access', 'before delete']);
      for (const [hook, seenOptions] of seen) {
        expect(seenOptions, hook).to.have.property('currentUser', 'alice');
      }
    });

    it('lets a before save hook see and act on options (e.g. stamp the user)', async () => {
      Product.observe('before save', async (ctx: any) => {
        if (ctx.instance && ctx.options.stamp) ctx.instance.name = `${ctx.instance.name} by ${ctx.options.stamp}`;
      });
      const created = await repo.create({ name: 'kiwi', price: 1 }, { stamp: 'bob' });
      expect(created.name).to.equal('kiwi by bob');
    });
  });
});
