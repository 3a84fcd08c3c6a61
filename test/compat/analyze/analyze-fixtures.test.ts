/**
 * `analyze` on every fixture app: what blocks or complicates each model, the
 * groups that must move together and the order, checked for known cases
 * (relations both ways, hasManyThrough, an app base class, wildcard remote
 * hooks, custom roles and resolvers, operation-hook side effects on another model).
 * Each fixture boots in its own child process (an LB3 app is a process singleton).
 */
import { expect } from 'chai';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import type { AppAnalysis, ModelAnalysis } from '../../../compat/analyze/types';
import { fixtureDir, projectRoot } from '../../support/paths';

const run = promisify(execFile);
const BIN = path.join(projectRoot, 'bin', 'lb3-shim');
const FIXTURES = fs
  .readdirSync(path.join(projectRoot, 'test', 'fixtures', 'lb3'))
  .filter((d) => !d.startsWith('broken-') && fs.existsSync(path.join(fixtureDir(d), 'server')));

async function analyzeFixture(name: string): Promise<AppAnalysis> {
  const { stdout } = await run(process.execPath, [BIN, 'analyze', fixtureDir(name), '--json'], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as AppAnalysis;
}

const model = (a: AppAnalysis, name: string): ModelAnalysis => {
  const m = a.models.find((x) => x.name === name);
  if (!m) throw new Error(`no model ${name} in ${a.models.map((x) => x.name).join(', ')}`);
  return m;
};
const codes = (m: ModelAnalysis) => m.findings.map((f) => f.code);
const groupsOf = (a: AppAnalysis) => a.groups.map((g) => g.models.join('+')).sort();
const orderOf = (a: AppAnalysis) => a.order.map((g) => a.groups[g].models.join('+'));

describe('lb3-shim analyze on the fixture apps', function () {
  this.timeout(120000);
  const results = new Map<string, AppAnalysis>();
  before(async () => {
    // two at a time: the machine has two cores
    for (let i = 0; i < FIXTURES.length; i += 2) {
      const batch = FIXTURES.slice(i, i + 2);
      const done = await Promise.all(batch.map(analyzeFixture));
      batch.forEach((f, j) => results.set(f, done[j]));
    }
  });

  it('describes every attached model of every fixture, puts each app model in exactly one group and orders groups after their dependencies', () => {
    expect(results.size).to.equal(FIXTURES.length);
    for (const [name, a] of results) {
      expect(a.schemaVersion, name).to.equal(1);
      const appModels = a.models
        .filter((m) => !m.builtin)
        .map((m) => m.name)
        .sort();
      expect(a.groups.flatMap((g) => g.models).sort(), name).to.deep.equal(appModels);
      expect(
        [...a.order].sort((x, y) => x - y),
        name,
      ).to.deep.equal(a.groups.map((g) => g.index));
      const position = new Map(a.order.map((g, i) => [g, i]));
      for (const g of a.groups) {
        for (const d of g.dependsOn.filter((x) => !g.cycle.includes(x))) {
          expect(position.get(d)!, `${name} G${g.index + 1} after G${d + 1}`).to.be.lessThan(position.get(g.index)!);
        }
      }
    }
  });

  it('relations: ties the embedded model to its owner, keeps models relating both ways (incl. hasManyThrough) in one cycle but separate groups, and flags embedded relations and the mixin', () => {
    const a = results.get('relations')!;
    expect(groupsOf(a)).to.deep.equal(['Address+Customer', 'Appointment', 'Group', 'Order', 'Patient', 'Physician', 'Profile', 'Tag']);
    const order = orderOf(a);
    // Tag is only referenced (referencesMany): a leaf, before Customer; the hub of each cycle comes last in it
    expect(order[0]).to.equal('Tag');
    expect(order.at(-1)).to.equal('Address+Customer');
    const group = (models: string) => a.groups.find((g) => g.models.join('+') === models)!;
    expect(
      group('Physician')
        .cycle.map((g) => a.groups[g].models.join('+'))
        .sort(),
    ).to.deep.equal(['Appointment', 'Patient']);
    expect(group('Address+Customer').reasons).to.deep.equal(['Customer → Address (embedded: addresses embedsMany)']);
    const customer = model(a, 'Customer');
    expect(codes(customer)).to.include.members(['embedded-relation', 'mixin', 'custom-remote-method', 'operation-hook']);
    expect(customer.mixins).to.deep.equal(['Stamped']);
    expect(model(a, 'Appointment').incoming.map((r) => `${r.from}.${r.name}:${r.via}`)).to.include.members([
      'Physician.patients:through',
      'Patient.physicians:through',
    ]);
    expect(a.edges).to.deep.include({ from: 'Physician', to: 'Appointment', kind: 'relation', detail: 'patients hasMany through' });
  });

  it("hooks: lists the app-level wildcard hooks that reach each model, apart from the model's own", () => {
    const a = results.get('hooks')!;
    const widget = model(a, 'Widget');
    const wild = widget.remoteHooks.filter((h) => h.scope === 'wildcard').map((h) => `${h.kind} ${h.pattern}`);
    expect(wild).to.have.members(['before **', 'before *.multi', 'after **', 'afterError **']);
    expect(widget.remoteHooks.find((h) => h.pattern === '*.multi')!.matches).to.deep.equal(['multi']);
    expect(widget.remoteHooks.filter((h) => h.scope === 'model').map((h) => `${h.kind} ${h.pattern}`)).to.include.members([
      'before Widget.*',
      'before Widget.prototype.*',
      'after Widget.**',
    ]);
    const part = model(a, 'Part');
    expect(part.remoteHooks.map((h) => `${h.kind} ${h.pattern}`)).to.have.members(['before **', 'after **', 'afterError **']);
    expect(codes(part)).to.include.members(['wildcard-remote-hook', 'operation-hook']);
    expect(part.operationHooks).to.deep.equal({ access: 1 });
    expect(codes(widget)).to.include.members(['model-remote-hook', 'custom-remote-method']);
  });

  it('auth: names the custom role and the registered role resolver per model, extends User, and leaves the built-in models for last', () => {
    const a = results.get('auth')!;
    expect(a.security.resolvers).to.deep.equal(['teamMember']);
    const report = model(a, 'Report');
    expect(report.resolvers).to.deep.equal(['teamMember']);
    expect(report.roles).to.deep.equal(['admin']);
    expect(codes(report)).to.include.members(['role-resolver', 'custom-role', 'acl-rows']);
    expect(report.acls.some((x) => x.from === 'row')).to.equal(true);
    const account = model(a, 'Account');
    expect(account.base[0]).to.equal('User');
    expect(codes(account)).to.include.members(['builtin-base', 'relation-to-builtin', 'raw-arg-source']);
    expect(account.customMethods.find((c) => c.name === 'Account.whoami')!.accepts.map((x) => x.source)).to.include('req');
    expect(a.builtinLast).to.include.members(['AccessToken', 'ACL', 'Role', 'RoleMapping']);
    expect(codes(model(a, 'AccessToken'))).to.include('builtin-model');
    expect(model(a, 'AccessToken').group).to.equal(undefined);
    expect(groupsOf(a)).to.include.members(['Account', 'Note']);
    expect(a.groups.find((g) => g.models[0] === 'Note')!.cycle.map((g) => a.groups[g].models[0])).to.deep.equal(['Account']);
  });

  it("writes: ties Book to AuditLog through its operation hooks' code (static scan) and its relations, and marks the boot scripts reaching Book as static", () => {
    const a = results.get('writes')!;
    expect(groupsOf(a)).to.deep.equal(['AuditLog', 'Book', 'Tag']);
    expect(a.edges.filter((e) => e.kind === 'code').map((e) => `${e.from}->${e.to}`)).to.include('Book->AuditLog');
    const book = model(a, 'Book');
    expect(book.operationHooks).to.deep.equal({ 'after save': 1, 'after delete': 1 });
    expect(book.reachedBy.map((r) => `${r.where} ${r.file}`)).to.include('boot-script server/boot/00-seed.js');
    expect(book.reachedBy.every((r) => r.static)).to.equal(true);
    expect(book.hidden).to.deep.equal(['internalCode']);
    expect(book.properties.find((p) => p.name === 'ref')!.default).to.equal('fn:uuidv4');
  });

  it("library: one model per group, all in one relation cycle, the least dependent first and the Book hub last; Book's custom role, resolver, mixin and ** hooks", () => {
    const a = results.get('library')!;
    expect(groupsOf(a)).to.deep.equal(['Author', 'Book', 'Loan', 'Member', 'Review', 'Tag']);
    const order = orderOf(a);
    expect(order.at(-1)).to.equal('Book');
    expect(order.indexOf('Author')).to.be.lessThan(order.indexOf('Member'));
    const book = model(a, 'Book');
    expect(codes(book)).to.include.members(['custom-role', 'role-resolver', 'mixin', 'operation-hook', 'model-remote-hook', 'custom-remote-method']);
    expect(book.mixins).to.deep.equal(['Slug']);
    expect(book.remoteHooks.filter((h) => h.scope === 'wildcard').map((h) => h.pattern)).to.include('**');
    expect(book.incoming.map((r) => `${r.from}.${r.name}`)).to.include.members(['Author.books', 'Member.books', 'Tag.books']);
    expect(codes(model(a, 'Member'))).to.include('builtin-base');
  });

  it('remoting: reports argument sources of custom methods and a model without a datasource', () => {
    const a = results.get('remoting')!;
    const echo = model(a, 'Widget').customMethods.find((c) => c.name === 'Widget.echoContext')!;
    expect(echo.accepts.map((x) => x.source)).to.include.ordered.members(['req', 'res', 'context']);
    expect(codes(model(a, 'Widget'))).to.include.members(['raw-arg-source', 'custom-arg-mapping']);
    expect(codes(model(a, 'Calc'))).to.include('no-datasource');
  });
});
