import { expect } from 'chai';
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { fixtureDir, projectRoot } from '../support/paths';
import { startTarget, type Target } from '../support/parity';

const FIXTURES = ['demo', 'relations', 'remoting', 'remoting-debug', 'normalized', 'auth', 'hooks', 'middleware', 'boot', 'noisy', 'bench'];

/** Start `lb3-shim serve <dir> --port 0` and resolve with the URL it prints. */
function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'lb3-shim'), 'serve', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve ${dir} printed no URL: ${out}`)), 30000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /at (http:\/\/\S+) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve ${dir} exited with ${code}: ${out}`)));
  });
}

describe('lb3-shim serve on every fixture app', function () {
  this.timeout(60000);

  for (const name of FIXTURES) {
    describe(name, () => {
      let served: { child: ChildProcess; url: string };
      let stock: Target;
      before(async () => {
        [served, stock] = await Promise.all([serve(fixtureDir(name)), startTarget('stock', fixtureDir(name))]);
      });
      after(async () => {
        served?.child.kill('SIGTERM');
        await stock?.stop();
      });

      it('serves /openapi.json as a valid OpenAPI 3.0 document listing every route stock LB3 registers', async () => {
        const res = await fetch(`${served.url}/openapi.json`);
        expect(res.status).to.equal(200);
        const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
        expect(doc.openapi).to.match(/^3\.0\./);
        await SwaggerParser.validate(JSON.parse(JSON.stringify(doc)));
        const listed = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((v) => `${v} ${p.toLowerCase()}`)));
        const missing = stock.routes
          .map((r) => `${r.verb.toLowerCase()} /api${r.path.replace(/:(\w+)/g, '{$1}')}`.toLowerCase())
          .filter((key) => !key.startsWith('all ') && !listed.has(key));
        expect(missing, 'LB3 routes missing from /openapi.json').to.deep.equal([]);
        expect(stock.routes.length).to.be.greaterThan(10);
      });

      it('serves the explorer page', async () => {
        const res = await fetch(`${served.url}/explorer/`);
        expect(res.status).to.equal(200);
        expect(await res.text()).to.contain('swagger-ui');
      });
    });
  }
});
