/**
 * Model modules need nothing of LB3: the library fixture's native models
 * (all but the User-based Member) served by the core alone in a child process
 * where `loopback`, `strong-remoting` and `loopback-boot` cannot be resolved —
 * their relations (include), the Slug mixin's operation hook and Book's moved
 * remote hooks (its interceptors) keep working.
 */
import { fork, type ChildProcess } from 'child_process';
import * as path from 'path';
import { expect } from 'chai';
import { projectRoot } from '../../support/paths';

const SUPPORT = path.join(projectRoot, 'test', 'support');

describe('model modules on lib/ alone (LB3 packages unresolvable)', function () {
  this.timeout(60000);
  let child: ChildProcess;
  let base: string;
  let report: { port: string; lb3Resolvable: boolean; lb3Loaded: string[] };

  before(async () => {
    child = fork(path.join(SUPPORT, 'lib-only-app.js'), [], {
      execArgv: ['-r', path.join(SUPPORT, 'without-lb3.js')],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    report = await new Promise((resolve, reject) => {
      child.once('message', resolve as (m: unknown) => void);
      child.once('exit', (code) => reject(new Error(`lib-only app exited (${code}):\n${output}`)));
    });
    base = `http://127.0.0.1:${report.port}/api`;
  });

  after(() => {
    child?.kill();
  });

  it('runs with the LB3 packages neither resolvable nor loaded', () => {
    expect(report.lb3Resolvable).to.equal(false);
    expect(report.lb3Loaded).to.deep.equal([]);
  });

  it('creates a book natively: the Slug mixin hook and the moved beforeRemote interceptor still run', async () => {
    const res = await fetch(`${base}/Books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Hello Native World', authorId: 1 }),
    });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.include({ title: 'Hello Native World', slug: 'hello-native-world', isbn: 'pending', authorId: 1 });
  });

  it('lists books with the moved afterRemote header and includes relations between native models', async () => {
    const res = await fetch(`${base}/Books?filter=${encodeURIComponent(JSON.stringify({ include: 'author' }))}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('x-book-count')).to.equal('1');
    const [book] = (await res.json()) as Array<{ author: { name: string } }>;
    expect(book.author.name).to.equal('Ursula');
    const authors = await (await fetch(`${base}/Authors/count`)).json();
    expect(authors).to.deep.equal({ count: 1 });
  });
});
