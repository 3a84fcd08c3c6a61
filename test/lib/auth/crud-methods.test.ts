/** The built-in method table equals what loopback declares for a PersistedModel (and its relation methods). */

import { expect } from 'chai';
import { accessTypeOf, aclTargetFor } from '../../../lib/auth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loopback = require('loopback');

describe('aclTargetFor', () => {
  it("gives every shared method of an LB3 PersistedModel (with relations) loopback's access type and aliases", () => {
    const app = loopback({ localRegistry: true, loadBuiltinModels: true });
    app.dataSource('db', { connector: 'memory' });
    const Other = app.registry.createModel('Other', {}, { base: 'PersistedModel' });
    const Thing = app.registry.createModel(
      'Thing',
      {},
      {
        base: 'PersistedModel',
        trackChanges: false,
        relations: {
          others: { type: 'hasMany', model: 'Other' },
          tags: { type: 'hasAndBelongsToMany', model: 'Other' },
          parent: { type: 'belongsTo', model: 'Other' },
          one: { type: 'hasOne', model: 'Other' },
        },
      },
    );
    app.model(Other, { dataSource: 'db' });
    app.model(Thing, { dataSource: 'db' });
    const methods = Thing.sharedClass.methods({ includeDisabled: true });
    expect(methods.length).to.be.greaterThan(30);
    for (const m of methods) {
      const target = aclTargetFor('Thing', m.name);
      const lb3Type = Thing._getAccessTypeForMethod(m);
      const ours = accessTypeOf({ name: target.property, accessType: target.accessType, verb: Array.isArray(m.http) ? m.http[0].verb : m.http?.verb });
      expect(ours, m.stringName).to.equal(lb3Type);
      expect([...(target.aliases ?? [])], m.stringName).to.deep.equal(m.aliases);
    }
  });
});
