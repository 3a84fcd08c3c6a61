/** The grouping rule of `analyze`: ties (base class, shared hook, embedded) make groups; relations and code only order them. */
import { expect } from 'chai';
import { groupModels } from '../../../compat/analyze/migration-groups';
import type { DependencyEdge } from '../../../compat/analyze/types';

const edge = (from: string, to: string, kind: DependencyEdge['kind']): DependencyEdge => ({ from, to, kind, detail: kind });
const names = (r: ReturnType<typeof groupModels>) => r.order.map((g) => r.groups[g].models.join('+'));

describe('analyze groups and order', () => {
  it('puts a base model with every model extending it in one group, and models sharing a hook function in one group', () => {
    const r = groupModels(
      ['Animal', 'Cat', 'Dog', 'Owner', 'Vet', 'Clinic'],
      [edge('Cat', 'Animal', 'base'), edge('Dog', 'Animal', 'base'), edge('Vet', 'Clinic', 'hook')],
    );
    expect(r.groups.map((g) => g.models.join('+')).sort()).to.deep.equal(['Animal+Cat+Dog', 'Clinic+Vet', 'Owner']);
  });

  it('orders a one-way dependency leaves first, and a cycle least-dependent first without merging it', () => {
    const r = groupModels(
      ['Author', 'Book', 'Review', 'Audit'],
      [
        edge('Book', 'Author', 'relation'),
        edge('Author', 'Book', 'relation'),
        edge('Book', 'Review', 'relation'),
        edge('Review', 'Book', 'relation'),
        edge('Review', 'Audit', 'code'),
      ],
    );
    expect(names(r)).to.deep.equal(['Audit', 'Author', 'Review', 'Book']);
    const book = r.groups.find((g) => g.models[0] === 'Book')!;
    expect(book.cycle.map((g) => r.groups[g].models[0]).sort()).to.deep.equal(['Author', 'Review']);
    expect(r.groups.find((g) => g.models[0] === 'Audit')!.level).to.equal(0);
    expect(book.level).to.equal(1);
  });

  it('ties an embedded model to its owner', () => {
    const r = groupModels(['Customer', 'Address'], [edge('Customer', 'Address', 'embedded')]);
    expect(r.groups.map((g) => g.models)).to.deep.equal([['Address', 'Customer']]);
    expect(r.groups[0].reasons).to.deep.equal(['Customer → Address (embedded: embedded)']);
  });
});
