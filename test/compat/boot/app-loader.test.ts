import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadLb3App } from '../../../compat/boot/app-loader';
import { Lb3BootError } from '../../../compat/boot/boot-errors';
import { resolveLb3Packages } from '../../../compat/boot/lb3-packages';
import { fixtureDir, projectRoot } from '../../support/paths';

describe('compat app loader', () => {
  describe('package resolution', () => {
    let tmp: string;
    before(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-loader-'));
      const pkg = path.join(tmp, 'node_modules', 'loopback');
      fs.mkdirSync(pkg, { recursive: true });
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'loopback', version: '3.0.0-fake', main: 'main.js' }));
      fs.writeFileSync(path.join(pkg, 'main.js'), 'module.exports = { fake: true };');
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("resolves loopback from the app directory's own node_modules", () => {
      const pkgs = resolveLb3Packages(tmp);
      expect(pkgs.resolved.loopback.from).to.equal('app');
      expect(pkgs.resolved.loopback.main).to.equal(path.join(fs.realpathSync(tmp), 'node_modules', 'loopback', 'main.js'));
      expect(pkgs.resolved.loopback.dir).to.equal(path.join(fs.realpathSync(tmp), 'node_modules', 'loopback'));
      expect(pkgs.load<{ fake: boolean }>('loopback').fake).to.equal(true);
    });

    it("falls back to lb3-shim's own copies for packages the app does not have", () => {
      const pkgs = resolveLb3Packages(tmp);
      for (const name of ['loopback-boot', 'strong-remoting', 'loopback-datasource-juggler'] as const) {
        expect(pkgs.resolved[name].from, name).to.equal('shim');
        expect(pkgs.resolved[name].dir, name).to.equal(path.join(projectRoot, 'node_modules', name));
      }
    });
  });

  describe('booting', () => {
    it('boots an app from server/server.js and waits until it has booted', async () => {
      const { lb3App, appDir } = await loadLb3App({ appDir: fixtureDir('demo') });
      expect(appDir).to.equal(fixtureDir('demo'));
      expect(lb3App.booting).to.equal(false);
      expect(Object.keys(lb3App.models)).to.include.members(['Product', 'Category', 'Review']);
    });

    it('boots a plain loopback-boot layout (no server.js) with loopback-boot', async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-boot-'));
      try {
        fs.mkdirSync(path.join(tmp, 'server'));
        fs.writeFileSync(path.join(tmp, 'server', 'config.json'), JSON.stringify({ restApiRoot: '/rest', port: 0 }));
        fs.writeFileSync(path.join(tmp, 'server', 'datasources.json'), JSON.stringify({ db: { name: 'db', connector: 'memory' } }));
        fs.writeFileSync(
          path.join(tmp, 'server', 'model-config.json'),
          JSON.stringify({ _meta: { sources: ['./models'] }, Note: { dataSource: 'db', public: true } }),
        );
        fs.mkdirSync(path.join(tmp, 'server', 'models'));
        fs.writeFileSync(
          path.join(tmp, 'server', 'models', 'note.json'),
          JSON.stringify({ name: 'Note', base: 'PersistedModel', properties: { text: 'string' } }),
        );
        const { lb3App } = await loadLb3App({ appDir: tmp });
        expect(lb3App.get('restApiRoot')).to.equal('/rest');
        expect(lb3App.models.Note.modelName).to.equal('Note');
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('accepts an already created app object', async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loopback = require('loopback');
      const app = loopback({ localRegistry: true, loadBuiltinModels: true });
      const loaded = await loadLb3App({ lb3App: app });
      expect(loaded.lb3App).to.equal(app);
      expect(loaded.appDir).to.equal(undefined);
    });

    it('rejects a directory that does not exist, naming it', async () => {
      const err = await loadLb3App({ appDir: path.join(projectRoot, 'no-such-app') }).then(
        () => undefined,
        (e) => e,
      );
      expect(err).to.be.instanceOf(Lb3BootError);
      expect(err.message).to.equal('no such directory');
      expect(err.toLine()).to.equal(`lb3-shim: cannot load ${path.join(projectRoot, 'no-such-app')}: no such directory`);
    });
  });

  describe('boot errors', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['broken-json', 'common/models/thing.json', /^Expected double-quoted property name in JSON at position \d+/],
      ['broken-datasource', 'server/model-config.json', /^Thing is referencing a dataSource that does not exist: "nosuchdb"$/],
      ['broken-base', 'common/models/thing.json', /^Model not found: model `Thing` is extending an unknown model `NoSuchBaseModel`\.$/],
      ['broken-boot', 'server/boot/explode.js', /^boot script explode\.js failed on purpose$/],
    ];
    for (const [fixture, file, reason] of cases) {
      it(`reports ${fixture} as one line naming ${file} and the cause`, async () => {
        const err = await loadLb3App({ appDir: fixtureDir(fixture) }).then(
          () => undefined,
          (e) => e,
        );
        expect(err, 'boot should fail').to.be.instanceOf(Lb3BootError);
        expect(err.file).to.equal(file);
        expect(err.reason).to.match(reason);
        expect(err.message).to.equal(`${file}: ${err.reason}`);
        expect(err.toLine()).to.not.include('\n');
        expect(err.toLine()).to.equal(`lb3-shim: cannot load ${fixtureDir(fixture)}: ${file}: ${err.reason}`);
      });
    }

    it('names server/server.js when it has a syntax error', async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-syntax-'));
      try {
        fs.mkdirSync(path.join(tmp, 'server'));
        fs.writeFileSync(path.join(tmp, 'server', 'server.js'), 'module.exports = {\n  oops(\n};\n');
        const err = await loadLb3App({ appDir: tmp }).then(
          () => undefined,
          (e) => e,
        );
        expect(err).to.be.instanceOf(Lb3BootError);
        expect(err.file).to.equal(path.join('server', 'server.js'));
        expect(err.reason).to.match(/^Unexpected token/);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('does not serve a half-booted app from the require cache on a second attempt', async () => {
      const first = await loadLb3App({ appDir: fixtureDir('broken-boot') }).then(
        () => undefined,
        (e) => e,
      );
      const second = await loadLb3App({ appDir: fixtureDir('broken-boot') }).then(
        () => undefined,
        (e) => e,
      );
      expect(first).to.be.instanceOf(Lb3BootError);
      expect(second).to.be.instanceOf(Lb3BootError);
      expect(second.file).to.equal('server/boot/explode.js');
    });
  });
});
