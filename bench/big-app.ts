/**
 * Generate a 200-model LB3 app (model JSON files + model-config) into a
 * temp dir, for the boot time / RSS comparison. Its `node_modules` is a
 * symlink to lb3-shim's, so `require('loopback')` in its server.js resolves.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../test/support/paths';

/** Fixture whose server/ files (server.js, config, datasources, middleware) the generated app copies. */
const TEMPLATE = path.join(projectRoot, 'test', 'fixtures', 'lb3', 'demo', 'server');

export const modelName = (i: number) => `Model${String(i).padStart(3, '0')}`;

function modelJson(i: number, count: number): Record<string, unknown> {
  const relations: Record<string, unknown> = {};
  if (i > 1) relations.parent = { type: 'belongsTo', model: modelName(i - 1), foreignKey: 'parentId' };
  if (i < count) relations.children = { type: 'hasMany', model: modelName(i + 1), foreignKey: 'parentId' };
  return {
    name: modelName(i),
    base: 'PersistedModel',
    idInjection: true,
    options: { validateUpsert: true },
    properties: {
      name: { type: 'string', required: true },
      description: { type: 'string' },
      price: { type: 'number', default: 0 },
      quantity: { type: 'number' },
      active: { type: 'boolean', default: true },
      tags: { type: ['string'] },
      releasedAt: { type: 'date' },
      meta: { type: 'object' },
    },
    validations: [],
    relations,
    acls: [],
    methods: {},
  };
}

/** Write the app and return its directory (remove it with {@link removeApp}). */
export function generateApp(count = 200): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-bench-'));
  const server = path.join(dir, 'server');
  const models = path.join(dir, 'common', 'models');
  fs.mkdirSync(server, { recursive: true });
  fs.mkdirSync(models, { recursive: true });
  for (const f of ['server.js', 'config.json', 'datasources.json', 'middleware.json']) {
    fs.copyFileSync(path.join(TEMPLATE, f), path.join(server, f));
  }
  const config: Record<string, unknown> = {
    _meta: { sources: ['loopback/common/models', 'loopback/server/models', '../common/models', './models'], mixins: [] },
  };
  for (let i = 1; i <= count; i++) {
    const name = modelName(i);
    fs.writeFileSync(path.join(models, `model-${String(i).padStart(3, '0')}.json`), JSON.stringify(modelJson(i, count), null, 2));
    config[name] = { dataSource: 'db', public: true };
  }
  fs.writeFileSync(path.join(server, 'model-config.json'), JSON.stringify(config, null, 2));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

export function removeApp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
