import { expect } from 'chai';
import { HttpError } from '../../../lib/errors/http-error';
import { createDataSource, defineModel, disconnectDataSource, JugglerCrudRepository } from '../../../lib/repository';

describe('JugglerCrudRepository relation accessors', () => {
  let ds: any;
  let customers: JugglerCrudRepository;
  let orders: JugglerCrudRepository;
  let physicians: JugglerCrudRepository;
  let patients: JugglerCrudRepository;
  let Order: any;

  beforeEach(async () => {
    ds = createDataSource('db', {});
    // Customer is defined before Order: juggler wires relations to models defined later.
    const Customer = defineModel(ds, {
      name: 'Customer',
      properties: { id: { type: 'number', id: true, generated: true }, name: { type: 'string', required: true } },
      relations: {
        orders: { type: 'hasMany', model: 'Order', foreignKey: 'customerId' },
        profile: { type: 'hasOne', model: 'Profile', foreignKey: 'customerId' },
      },
    });
    Order = defineModel(ds, {
      name: 'Order',
      properties: { id: { type: 'number', id: true, generated: true }, item: { type: 'string', required: true }, qty: 'number' },
      relations: { customer: { type: 'belongsTo', model: 'Customer', foreignKey: 'customerId' } },
    });
    defineModel(ds, { name: 'Profile', properties: { bio: 'string' } });
    const Physician = defineModel(ds, {
      name: 'Physician',
      properties: { name: 'string' },
      relations: { patients: { type: 'hasMany', model: 'Patient', through: 'Appointment', foreignKey: 'physicianId', keyThrough: 'patientId' } },
    });
    const Patient = defineModel(ds, { name: 'Patient', properties: { name: 'string' } });
    defineModel(ds, {
      name: 'Appointment',
      properties: {},
      relations: {
        physician: { type: 'belongsTo', model: 'Physician', foreignKey: 'physicianId' },
        patient: { type: 'belongsTo', model: 'Patient', foreignKey: 'patientId' },
      },
    });
    customers = new JugglerCrudRepository(Customer);
    orders = new JugglerCrudRepository(Order);
    physicians = new JugglerCrudRepository(Physician);
    patients = new JugglerCrudRepository(Patient);

    await customers.createAll([{ name: 'Ann' }, { name: 'Bob' }]);
    await orders.createAll([
      { item: 'pen', qty: 1, customerId: 1 },
      { item: 'ink', qty: 5, customerId: 1 },
      { item: 'pad', qty: 2, customerId: 2 },
      { item: 'orphan', qty: 9 },
    ]);
  });

  afterEach(() => disconnectDataSource(ds));

  const items = (list: any[]) => list.map((o) => o.item);

  it('throws at once for an unknown relation, naming the model and the known relations', () => {
    expect(() => customers.relation('invoices', 1)).to.throw(/Relation "invoices" is not defined on model "Customer" \(known relations: orders, profile\)/);
  });

  it('exposes the relation name, type and whether it goes through a link model', () => {
    const rel = customers.relation('orders', 1);
    expect([rel.name, rel.type, rel.through]).to.deep.equal(['orders', 'hasMany', false]);
    expect(physicians.relation('patients', 1).through).to.equal(true);
  });

  describe('include filter on the repository', () => {
    it('find inlines related instances for include (string, list and scoped forms)', async () => {
      const [ann] = await customers.find({ where: { name: 'Ann' }, include: 'orders' });
      expect(JSON.parse(JSON.stringify(ann)).orders.map((o: any) => o.item)).to.deep.equal(['pen', 'ink']);
      const withScope = await customers.find({
        order: 'id ASC',
        include: [{ relation: 'orders', scope: { where: { qty: { gt: 1 } }, fields: ['item', 'customerId'] } }],
      });
      expect(JSON.parse(JSON.stringify(withScope))).to.deep.equal([
        { id: 1, name: 'Ann', orders: [{ item: 'ink', customerId: 1 }] },
        { id: 2, name: 'Bob', orders: [{ item: 'pad', customerId: 2 }] },
      ]);
    });

    it('findById includes a belongsTo parent', async () => {
      const pen = await orders.findById(1, { include: 'customer' });
      expect(JSON.parse(JSON.stringify(pen)).customer).to.deep.equal({ id: 1, name: 'Ann' });
    });

    it("an unknown relation in include is passed through as juggler's error", async () => {
      const err = await customers.find({ include: 'nope' }).then(
        () => undefined,
        (e) => e,
      );
      expect(err.message).to.equal('Relation "nope" is not defined for Customer model');
    });
  });

  describe('hasMany', () => {
    it('find returns only the related instances, honouring the filter', async () => {
      expect(items(await customers.relation('orders', 1).find())).to.deep.equal(['pen', 'ink']);
      expect(items(await customers.relation('orders', 1).find({ where: { qty: { gt: 1 } } }))).to.deep.equal(['ink']);
      expect(items(await customers.relation('orders', 1).find({ order: 'qty DESC', limit: 1 }))).to.deep.equal(['ink']);
      const [only] = await customers.relation('orders', 2).find({ fields: ['item'] });
      expect(JSON.parse(JSON.stringify(only))).to.deep.equal({ item: 'pad' });
    });

    it('find reflects writes made after an earlier find (no stale cache)', async () => {
      const rel = customers.relation('orders', 2);
      expect(items(await rel.find())).to.deep.equal(['pad']);
      await orders.create({ item: 'cup', customerId: 2 });
      expect(items(await rel.find())).to.deep.equal(['pad', 'cup']);
    });

    it('create sets the foreign key to the source id, overriding one in the data', async () => {
      const created = await customers.relation('orders', 2).create({ item: 'clip', customerId: 1 });
      expect(created.customerId).to.equal(2);
      expect(items(await customers.relation('orders', 2).find())).to.deep.equal(['pad', 'clip']);
    });

    it('create passes validation errors through (422)', async () => {
      const err = await customers
        .relation('orders', 1)
        .create({ qty: 1 })
        .then(
          () => undefined,
          (e) => e,
        );
      expect(err.statusCode).to.equal(422);
      expect(err.name).to.equal('ValidationError');
    });

    it('count counts related instances, optionally matching where', async () => {
      expect(await customers.relation('orders', 1).count()).to.deep.equal({ count: 2 });
      expect(await customers.relation('orders', 1).count({ item: 'ink' })).to.deep.equal({ count: 1 });
    });

    it('delete removes only related instances matching where', async () => {
      expect(await customers.relation('orders', 1).delete({ item: 'pen' })).to.deep.equal({ count: 1 });
      expect(await customers.relation('orders', 1).delete()).to.deep.equal({ count: 1 });
      expect(items(await orders.find())).to.deep.equal(['pad', 'orphan']);
    });

    it('get is refused for a to-many relation', async () => {
      const err = await customers
        .relation('orders', 1)
        .get()
        .then(
          () => undefined,
          (e) => e,
        );
      expect(err.message).to.match(/get\(\) is not supported for relation Customer\.orders \(hasMany\)/);
    });

    it('link is refused without a through model', async () => {
      const err = await customers
        .relation('orders', 1)
        .link(3)
        .then(
          () => undefined,
          (e) => e,
        );
      expect(err.message).to.match(/link\(\) is not supported for relation Customer\.orders/);
    });

    it('rejects with 404 ENTITY_NOT_FOUND when the source does not exist', async () => {
      const err = await customers
        .relation('orders', 99)
        .find()
        .then(
          () => undefined,
          (e) => e,
        );
      expect(err).to.be.instanceOf(HttpError);
      expect(err.statusCode).to.equal(404);
      expect(err.message).to.equal('Entity not found: Customer with id 99');
    });

    it('passes options to the operation hooks of the target model', async () => {
      const seen: unknown[] = [];
      Order.observe('before save', async (ctx: any) => {
        seen.push(ctx.options.tag);
      });
      Order.observe('access', async (ctx: any) => {
        seen.push(ctx.options.tag);
      });
      await customers.relation('orders', 1).create({ item: 'tape' }, { tag: 'T' });
      expect(seen).to.deep.equal(['T']);
      await customers.relation('orders', 1).find(undefined, { tag: 'F' });
      expect(seen).to.deep.equal(['T', 'F']);
    });
  });

  describe('belongsTo', () => {
    it('get returns the parent instance', async () => {
      const customer = await orders.relation('customer', 3).get();
      expect(customer.toJSON()).to.deep.equal({ id: 2, name: 'Bob' });
    });

    it('get returns null when the foreign key is not set', async () => {
      expect(await orders.relation('customer', 4).get()).to.equal(null);
    });

    it('find gives zero or one element and applies the where of the filter', async () => {
      expect((await orders.relation('customer', 1).find()).map((c: any) => c.name)).to.deep.equal(['Ann']);
      expect(await orders.relation('customer', 1).find({ where: { name: 'Bob' } })).to.deep.equal([]);
      expect(await orders.relation('customer', 4).find()).to.deep.equal([]);
      expect(await orders.relation('customer', 1).count()).to.deep.equal({ count: 1 });
    });

    it('create makes the parent and points the source at it', async () => {
      const created = await orders.relation('customer', 4).create({ name: 'Cid' });
      expect(created.id).to.equal(3);
      expect((await orders.findById(4)).customerId).to.equal(3);
    });

    it('delete is refused: the parent is not owned by the child', async () => {
      const err = await orders
        .relation('customer', 1)
        .delete()
        .then(
          () => undefined,
          (e) => e,
        );
      expect(err.message).to.match(/delete\(\) is not supported for relation Order\.customer \(belongsTo\)/);
      expect(await customers.exists(1)).to.equal(true);
    });

    it('rejects with 404 when the source does not exist', async () => {
      const err = await orders
        .relation('customer', 42)
        .get()
        .then(
          () => undefined,
          (e) => e,
        );
      expect(err.statusCode).to.equal(404);
      expect(err.message).to.equal('Entity not found: Order with id 42');
    });
  });

  describe('hasOne', () => {
    it('create, get, count and delete the single related instance', async () => {
      const rel = customers.relation('profile', 1);
      expect(await rel.get()).to.equal(null);
      expect(await rel.count()).to.deep.equal({ count: 0 });
      const profile = await rel.create({ bio: 'hi' });
      expect(profile.customerId).to.equal(1);
      expect((await rel.get()).bio).to.equal('hi');
      expect((await rel.find({ where: { bio: 'hi' } })).length).to.equal(1);
      expect((await rel.find({ where: { bio: 'no' } })).length).to.equal(0);
      expect(await rel.delete()).to.deep.equal({ count: 1 });
      expect(await rel.get()).to.equal(null);
      expect(await rel.delete()).to.deep.equal({ count: 0 });
    });
  });

  describe('hasMany through', () => {
    it('link and unlink existing targets; find and count follow the links', async () => {
      await patients.createAll([{ name: 'Pat' }, { name: 'Sam' }]);
      await physicians.create({ name: 'House' });
      const rel = physicians.relation('patients', 1);

      const link = await rel.link(2);
      expect((link as any).toJSON()).to.deep.equal({ id: 1, physicianId: 1, patientId: 2 });
      expect(((await rel.link(2)) as any).id).to.equal(1); // idempotent
      expect((await rel.find()).map((p: any) => p.name)).to.deep.equal(['Sam']);

      await rel.link(1);
      expect(await rel.count()).to.deep.equal({ count: 2 });
      expect((await rel.find({ where: { name: 'Pat' } })).map((p: any) => p.id)).to.deep.equal([1]);

      await rel.unlink(2);
      expect((await rel.find()).map((p: any) => p.name)).to.deep.equal(['Pat']);
      await rel.unlink(2); // no link: no error
      expect(await patients.count()).to.deep.equal({ count: 2 });
    });

    it('create makes the target and the link', async () => {
      await physicians.create({ name: 'Grey' });
      const created = await physicians.relation('patients', 1).create({ name: 'Meredith' });
      expect(created.id).to.equal(1);
      expect((await physicians.relation('patients', 1).find()).map((p: any) => p.name)).to.deep.equal(['Meredith']);
    });
  });
});
