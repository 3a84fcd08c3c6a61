/**
 * The catalogue's §3 coercion tables, asserted value by value on the
 * converters (sloppy = query/path/header/urlencoded, typed = JSON body),
 * which delegate to strong-remoting's type registry.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import { defaultTypeRegistry, registryConverter, type ConversionOptions, type Lb3TypeRegistry } from '../../../compat/remoting/type-conversion';

function getConverter(type: unknown, conv: ConversionOptions = {}, opts: { typeRegistry?: Lb3TypeRegistry; restOptions?: unknown } = {}) {
  return registryConverter(type, { typeRegistry: opts.typeRegistry ?? defaultTypeRegistry(), allowArray: conv.allowArray, restOptions: opts.restOptions });
}

type Row = [type: unknown, input: unknown, expected: unknown];
const err = (message: string) => ({ error: message });

function run(mode: 'sloppy' | 'typed', [type, input, expected]: Row) {
  const c = getConverter(type);
  const call = () => (mode === 'sloppy' ? c.fromSloppy(input) : c.fromTyped(input));
  if (expected && typeof expected === 'object' && 'error' in (expected as object)) {
    let thrown: any;
    try {
      call();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `expected an error for ${JSON.stringify(input)}`).to.be.instanceOf(Error);
    expect(thrown.message).to.equal((expected as { error: string }).error);
    expect(thrown.statusCode).to.equal(400);
    expect(thrown.name).to.equal('Error');
    expect(thrown).to.not.have.property('code');
  } else if (expected instanceof Date) {
    expect((call() as Date).toISOString()).to.equal(expected.toISOString());
  } else {
    const actual = call();
    // strong-remoting's GeoPoint instance, compared by its fields
    expect(actual instanceof Object && actual.constructor.name === 'GeoPoint' ? { ...actual } : actual).to.deep.equal(expected);
  }
}

const SLOPPY: Row[] = [
  ['number', '', undefined],
  ['number', '1e3', 1000],
  ['number', '0x10', 16],
  [' number'.trim(), ' ', 0],
  ['number', '-1.5', -1.5],
  ['number', 'abc', err('Value is not a number.')],
  ['number', 'true', err('Value is not a number.')],
  ['number', ['1', '2'], err('Value is not a number.')],
  ['integer', '7', 7],
  ['integer', '1.5', err('Value is not a safe integer.')],
  ['integer', '9007199254740993', err('Value is not a safe integer.')],
  ['boolean', 'true', true],
  ['boolean', 'FALSE', false],
  ['boolean', '1', true],
  ['boolean', '0', false],
  ['boolean', '', undefined],
  ['boolean', 'yes', err('Value is not a boolean.')],
  ['boolean', ['true', 'false'], err('Value is not a boolean.')],
  ['date', '0', new Date(0)],
  ['date', '1577836800000', new Date('2020-01-01T00:00:00Z')],
  ['date', '2020-01-01T10:00:00+02:00', new Date('2020-01-01T08:00:00Z')],
  ['date', '', undefined],
  ['object', '{"a":1}', { a: 1 }],
  ['object', 'null', null],
  ['object', { a: '1' }, { a: '1' }],
  ['object', '{bad}', err('Cannot parse JSON-encoded object value.')],
  ['object', '{bad', err('Value is not an object.')],
  ['object', 'abc', err('Value is not an object.')],
  ['object', '[1,2]', err('Value is not an object.')],
  ['string', 'null', 'null'],
  ['string', ['a', 'b'], 'a,b'],
  ['string', '', undefined],
  ['string', '123', '123'],
  [['number'], ['1', '2'], [1, 2]],
  [['number'], '[1,2]', [1, 2]],
  [['string'], 'x', ['x']],
  [['number'], '1,2', err('Value is not a number.')],
  [['number'], '[1,', err('Value is not a number.')],
  [['number'], '[1,]', err('Cannot parse JSON-encoded array value.')],
  [['string'], ['1', '2'], ['1', '2']],
  ['array', ['1', 'true', 'x', 'null'], [1, true, 'x', null]],
  [['number'], ['1', 'x'], err('Value is not a number.')],
  ['any', 'TRUE', true],
  ['any', 'null', null],
  ['any', '1.50', 1.5],
  ['any', '007', '007'],
  ['any', '1e3', '1e3'],
  ['any', '9007199254740993', '9007199254740993'],
  ['any', '{"a":1}', { a: 1 }],
  ['any', '{bad', '{bad'],
  ['any', { a: '1' }, { a: '1' }],
  ['GeoPoint', '1,2', { lat: 1, lng: 2 }],
  ['GeoPoint', '{"lat":1,"lng":2}', { lat: 1, lng: 2 }],
  ['GeoPoint', 'abc', err('must provide a "lat,lng" string when creating a GeoPoint with string')],
  ['GeoPoint', { lat: '1', lng: '2' }, { lat: 1, lng: 2 }],
];

const TYPED: Row[] = [
  ['number', '42', err('Value is not a number.')],
  ['number', null, err('Value is not a number.')],
  ['number', 42, 42],
  ['boolean', 'true', err('Value is not a boolean.')],
  ['string', 5, err('Value is not a string.')],
  [['number'], ['1'], err('Value is not a number.')],
  [['number'], 5, err('Value is not an array.')],
  ['object', '{"a":1}', err('Value is not an object.')],
  ['object', [1], err('Value is not an object.')],
  ['date', null, err('Value is not a valid date.')],
  ['date', '2020-01-01', new Date('2020-01-01T00:00:00Z')],
  ['date', 0, new Date(0)],
  ['date', { $type: 'date', $data: 0 }, err('Value is not a valid date.')],
  ['any', '5', '5'],
];

describe('remoting type conversion by the type registry (catalogue §3 tables)', () => {
  for (const row of SLOPPY) {
    it(`sloppy ${JSON.stringify(row[0])} turns ${JSON.stringify(row[1])} into ${JSON.stringify(row[2])}`, () => run('sloppy', row));
  }
  for (const row of TYPED) {
    it(`typed ${JSON.stringify(row[0])} turns ${JSON.stringify(row[1])} into ${JSON.stringify(row[2])}`, () => run('typed', row));
  }

  it('keeps an unparsable sloppy date as an Invalid Date for the invoke-time check', () => {
    const c = getConverter('date');
    const d = c.fromSloppy('not-a-date') as Date;
    expect(Number.isNaN(d.getTime())).to.equal(true);
    expect(c.validate(d)?.message).to.equal('Value is not a valid date.');
  });

  it('builds a model instance for a model-typed argument, looking the converter up once', () => {
    class Customer {
      constructor(public data: unknown) {}
    }
    const registry = defaultTypeRegistry() as Lb3TypeRegistry & { registerObjectType(name: string, factory: (data: unknown) => unknown): void };
    registry.registerObjectType('Customer', (data) => new Customer(data));
    const lookups = sinon.spy(registry, 'getConverter');
    const c = getConverter('Customer', {}, { typeRegistry: registry });
    const v = c.fromSloppy('{"name":"x"}') as Customer;
    expect(v).to.be.instanceOf(Customer);
    expect(v.data).to.deep.equal({ name: 'x' });
    c.fromTyped({ a: 1 });
    expect(c.fromTyped(null)).to.equal(null);
    // strong-remoting's object-type converter looks up 'object' itself; ours never looks 'Customer' up again
    expect(lookups.args.map((a) => a[0])).to.not.include('Customer');
  });

  it('treats an unknown type name as any, and sees the type once the app registers it', () => {
    const registry = defaultTypeRegistry() as Lb3TypeRegistry & { registerType(name: string, converter: object): void };
    const c = getConverter('Nope', {}, { typeRegistry: registry });
    expect(c.fromSloppy('5')).to.equal(5);
    registry.registerType('nope', {
      fromTypedValue: (_ctx: unknown, v: unknown) => ({ value: `typed:${v}` }),
      fromSloppyValue: (_ctx: unknown, v: unknown) => ({ value: `sloppy:${v}` }),
      validate: () => undefined,
    });
    expect(c.fromSloppy('5')).to.equal('sloppy:5');
  });

  it("converts with a type the app registered, throwing the converter's error", () => {
    const registry = defaultTypeRegistry() as Lb3TypeRegistry & { registerType(name: string, converter: object): void };
    registry.registerType('even', {
      fromTypedValue: (_ctx: unknown, v: unknown) =>
        Number(v) % 2 === 0 ? { value: Number(v) } : { error: Object.assign(new Error('not even'), { statusCode: 400 }) },
      fromSloppyValue: (_ctx: unknown, v: unknown) =>
        Number(v) % 2 === 0 ? { value: Number(v) } : { error: Object.assign(new Error('not even'), { statusCode: 400 }) },
      validate: () => undefined,
    });
    const c = getConverter('Even', {}, { typeRegistry: registry });
    expect(c.fromSloppy('4')).to.equal(4);
    expect(() => c.fromSloppy('3')).to.throw('not even');
  });

  it("fails with strong-remoting's AssertionError when a converter answers neither value nor error", () => {
    const registry = defaultTypeRegistry() as Lb3TypeRegistry & { registerType(name: string, converter: object): void };
    registry.registerType('broken', { fromTypedValue: () => ({}), fromSloppyValue: () => 42, validate: () => undefined });
    expect(() => getConverter('broken', {}, { typeRegistry: registry }).fromSloppy('x')).to.throw(
      'Type conversion result should have "error" or "value" property. Got 42 instead.',
    );
  });

  it('accepts arrays of objects only with allowArray', () => {
    expect(getConverter('object', { allowArray: true }).fromTyped([{ a: 1 }])).to.deep.equal([{ a: 1 }]);
    expect(() => getConverter('object', { allowArray: true }).fromTyped([{ a: 1 }, 2])).to.throw('Some of array items are not an object.');
  });

  it('splits sloppy arrays on configured item delimiters', () => {
    expect(getConverter(['number'], {}, { restOptions: { arrayItemDelimiters: [',', ';'] } }).fromSloppy('1,2;3')).to.deep.equal([1, 2, 3]);
  });
});
