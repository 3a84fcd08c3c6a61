/**
 * Write parity (`compare --writes`): each side boots the `writes` fixture from
 * the same seed in its own process; after every write the rows of every model
 * are dumped over the control channel and compared. Planted differences are
 * switched on in the candidate only (WRITES_PLANT, see the fixture's
 * server/boot/99-plant.js).
 */
import { expect } from 'chai';
import * as path from 'path';
import { runComparison } from '../../compare/compare';
import { diffSnapshots } from '../../compare/data-diff';
import { DEFAULT_RULES } from '../../compare/normalize';
import { loadScenario, parseScenario } from '../../compare/scenario.loader';
import { runCli } from './cli-helpers';
import type { ComparisonReport, DataSnapshot } from '../../compare/types';
import { fixtureDir, projectRoot } from '../support/paths';

const app = fixtureDir('writes');
const library = fixtureDir('library');
const scenario = loadScenario(path.join(projectRoot, 'test', 'compare', 'scenarios', 'writes.yaml'));
const stepNamed = (r: ComparisonReport, name: string) => r.steps.find((s) => s.name === name)!;
const paths = (r: ComparisonReport, name: string) => stepNamed(r, name).differences.map((d) => d.path);

describe('write parity', function () {
  this.timeout(180000);

  describe('the rows of two snapshots', () => {
    const now = new Date().toISOString();
    const snap = (rows: DataSnapshot['models']): DataSnapshot => ({ models: rows, unsupported: [] });

    it('keys rows by id and reports a changed value, a missing row and a row of another model', () => {
      const a = snap({
        Book: [
          { id: 1, status: 'draft' },
          { id: 2, status: 'x' },
        ],
        AuditLog: [{ id: 1, action: 'created' }],
      });
      const b = snap({
        Book: [
          { id: 2, status: 'x' },
          { id: 1, status: 'published' },
        ],
        AuditLog: [],
      });
      expect(diffSnapshots(a, b, { rules: DEFAULT_RULES }).map((d) => `${d.kind} ${d.path} ${d.legacy} ${d.candidate}`)).to.deep.equal([
        'data data.Book.1.status "draft" "published"',
        'data data.AuditLog.1 {"id":1,"action":"created"} (absent)',
      ]);
    });

    it('does not flag timestamps taken now or generated uuid ids', () => {
      const a = snap({ Tag: [{ id: 'c76f7b9e-707e-46b4-b83b-3268138e8644', at: now }] });
      const b = snap({ Tag: [{ id: '10a22049-43fb-4410-8924-45796eed11bd', at: new Date(Date.now() + 5).toISOString() }] });
      expect(diffSnapshots(a, b, { rules: DEFAULT_RULES })).to.deep.equal([]);
    });
  });

  describe('stock LB3 against lb3-shim on the writes fixture', () => {
    it('finds no difference in responses or rows, with timestamps, uuids and per-run numbers left out by the noise run', async () => {
      const report = await runComparison({ scenario, legacy: { app, kind: 'stock' }, candidate: { app, kind: 'shim' }, noise: true, writes: true });
      expect(report.steps.flatMap((s) => s.differences)).to.deep.equal([]);
      expect(report.writes).to.deep.equal({ startingData: [], models: ['AuditLog', 'Book', 'Tag'], writeSteps: 5, unsupported: [] });
      // AuditLog.ms is Date.now(): the two legacy runs disagree, so it is noise, not a difference
      expect(stepNamed(report, 'create a book').noise).to.include('data.AuditLog.3.ms');
      expect(stepNamed(report, 'create a book').rows).to.deep.equal({ legacy: { Book: 3, AuditLog: 3, Tag: 0 }, candidate: { Book: 3, AuditLog: 3, Tag: 0 } });
    });

    it('catches a wrong default and a missing operation-hook side effect on another model in create, update and delete', async () => {
      const report = await runComparison({
        scenario,
        legacy: { app, kind: 'stock' },
        candidate: { app, kind: 'shim', env: { WRITES_PLANT: 'wrong-default,missing-hook' } },
        noise: true,
        writes: true,
      });
      // the hidden property and the audit row are invisible in the responses: only the rows show them
      expect(paths(report, 'create a book')).to.deep.equal(['data.Book.3.internalCode', 'data.AuditLog.3']);
      const created = stepNamed(report, 'create a book').differences[0];
      expect([created.legacy, created.candidate]).to.deep.equal(['"A"', '"B"']);
      // each step reports what it changed; the divergence carried from the create is not repeated
      expect(paths(report, 'rename it')).to.deep.equal(['data.AuditLog.4']);
      expect(paths(report, 'replace Emma')).to.deep.equal(['data.Book.2.internalCode', 'data.AuditLog.5']);
      expect(paths(report, 'delete Dune')).to.deep.equal(['data.AuditLog.6']);
      expect(stepNamed(report, 'delete Dune').differences.find((d) => d.path === 'data.AuditLog.6')!.legacy).to.contain('"action":"deleted"');
      expect(paths(report, 'tag with a generated id')).to.deep.equal([]);
      expect(paths(report, 'list books')).to.deep.equal([]);
      expect(report.writes!.startingData).to.deep.equal([]);
    });

    it('fails `lb3-shim compare --writes` with exit 1, naming the missing row, and says what was compared', async () => {
      const { code, stdout } = await runCli([
        'compare',
        'test/fixtures/lb3/writes',
        '--scenario',
        'test/compare/scenarios/writes.yaml',
        '--writes',
        '--noise',
        '--candidate-env',
        'WRITES_PLANT=missing-hook',
      ]);
      expect(stdout).to.contain('DIFF  #1 create a book  (POST /api/Books: 200 / 200)');
      expect(stdout).to.match(/- data\.AuditLog\.3: legacy=\{"action":"created","bookId":3,.*\} candidate=\(absent\)/);
      expect(stdout).to.contain('write parity: rows of 3 models compared after 5 write steps');
      expect(stdout).to.match(/4 of 6 steps differ/);
      expect(stdout).not.to.contain('#5 tag with a generated id');
      expect(code).to.equal(1);
    });

    it('finds no difference in responses or rows (all 11 models) with Book served natively on the library fixture, without a noise run', async () => {
      const libraryWrites = loadScenario(path.join(projectRoot, 'test', 'compare', 'scenarios', 'library-writes.yaml'));
      const report = await runComparison({
        scenario: libraryWrites,
        legacy: { app: library, kind: 'stock' },
        candidate: { app: library, kind: 'shim', env: { LB3_SHIM_MODELS: 'Book=native' } },
        writes: true,
      });
      expect(report.steps.flatMap((s) => s.differences)).to.deep.equal([]);
      expect(report.steps.map((s) => s.legacy.status)).to.deep.equal([200, 200, 200, 200, 200, 200, 401, 200]);
      // salted password hashes, token ids, timestamps: normalised, not noise
      expect(report.writes).to.deep.include({ startingData: [], writeSteps: 7, unsupported: [] });
      expect(report.writes!.models).to.include.members(['Book', 'Review', 'TagBook', 'Member', 'AccessToken']);
    });

    it('catches a wrong default and a missing mixin hook in the native create, update and replace of Book', async () => {
      const steps = parseScenario(
        JSON.stringify({
          steps: [
            {
              name: 'create without pages',
              method: 'POST',
              path: '/api/Books',
              headers: { Authorization: 'librarian-token' },
              body: { title: 'Always Coming Home', authorId: 1, ownerId: 1 },
            },
            {
              name: 'rename it',
              method: 'PATCH',
              path: '/api/Books/5',
              headers: { Authorization: 'librarian-token' },
              body: { title: 'Always Coming Home (2)' },
            },
            {
              name: 'replace book 2',
              method: 'PUT',
              path: '/api/Books/2',
              headers: { Authorization: 'librarian-token' },
              body: { title: 'Lathe', authorId: 1, ownerId: 1 },
            },
          ],
        }),
      );
      const report = await runComparison({
        scenario: steps,
        legacy: { app: library, kind: 'stock' },
        candidate: { app: library, kind: 'shim', env: { LB3_SHIM_MODELS: 'Book=native', WRITES_PLANT: 'wrong-default,no-slug' } },
        writes: true,
      });
      const data = (name: string) => paths(report, name).filter((p) => p.startsWith('data.'));
      expect(data('create without pages')).to.deep.equal(['data.Book.5.pages', 'data.Book.5.slug']);
      expect(paths(report, 'create without pages')).to.include.members(['body.pages', 'body.slug']);
      expect(data('rename it')).to.deep.equal(['data.Book.5.slug']);
      expect(data('replace book 2')).to.deep.equal(['data.Book.2.pages', 'data.Book.2.slug']);
    });
  });
});
