import { expect } from 'chai';
import { runAdapter, type Lb3Adapter, type ShimBuild } from '../../compat/adapter';
import { dataSourcesAdapter } from '../../compat/models/datasource.adapter';
import { modelsAdapter } from '../../compat/models/model.adapter';

describe('compat adapter contract', () => {
  it('runs load, then compile on what load returned, then apply on the plain plan, and returns what apply returned', () => {
    const steps: string[] = [];
    const adapter: Lb3Adapter<number[], { total: number }, string> = {
      kind: 'numbers',
      load: () => (steps.push('load'), [1, 2, 3]),
      compile: (loaded) => (steps.push(`compile ${loaded.join(',')}`), { total: loaded.reduce((a, b) => a + b, 0) }),
      apply: (plan) => (steps.push(`apply ${plan.total}`), 'applied'),
    };
    expect(runAdapter(adapter, {} as ShimBuild)).to.equal('applied');
    expect(steps).to.deep.equal(['load', 'compile 1,2,3', 'apply 6']);
  });

  it('compiles datasources and models to names and keys only, then binds the app objects', () => {
    const db = { name: 'db' };
    const Note = { modelName: 'Note', dataSource: db };
    const Free = { modelName: 'Free' };
    const bound = new Map<string, unknown>();
    const models = Object.assign(() => [Note, Free], { Note, Free });
    const build = { lb3App: { dataSources: { db }, models }, app: { bind: (k: string, s: unknown) => bound.set(k, s) } } as unknown as ShimBuild;
    expect(dataSourcesAdapter.compile(dataSourcesAdapter.load(build), build)).to.deep.equal([{ name: 'db', key: 'datasources.db' }]);
    expect(modelsAdapter.compile(modelsAdapter.load(build), build)).to.deep.equal(['Note']);
    runAdapter(dataSourcesAdapter, build);
    runAdapter(modelsAdapter, build);
    expect([...bound.keys()]).to.deep.equal(['datasources.db', 'repositories.Note']);
    expect(bound.get('datasources.db')).to.deep.equal({ value: db });
  });
});
