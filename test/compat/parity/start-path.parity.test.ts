/**
 * Parity of the `start-path` fixture: the app runs as `node server/server.js` in its folder, on
 * both sides. Its boot script reports `require.main`, `process.argv[1]`, the working directory,
 * the `started` event, `app.get('url')`, `port` (a number) and `host`; a file-system storage
 * with a relative root ("./storage", as loopback-component-storage is configured) must boot
 * and list its files.
 */
import * as path from 'path';
import { expect } from 'chai';
import { fixtureDir } from '../../support/paths';
import { withHeadVariants } from '../../support/head-variants';
import { assertParity, assertRouteCoverage, runParity, type ParityRequest, type ParityResult } from '../../support/parity';

const appDir = fixtureDir('start-path');

export const startPathRequests: ParityRequest[] = [
  { method: 'GET', path: '/process-info' },
  { method: 'GET', path: '/api/Containers', note: 'storage root relative to the working directory' },
  { method: 'GET', path: '/api/Containers/photos/files' },
  { method: 'GET', path: '/api/Containers/nope/files', note: 'ENOENT from the relative root' },
  { method: 'GET', path: '/openapi.json', note: "the app's own route where lb3-shim's extra would be" },
  { method: 'GET', path: '/explorer', note: "the app's own route where lb3-shim's explorer would be" },
];

describe('parity: start-path fixture (the app runs as node server/server.js in its folder) against stock LB3', function () {
  this.timeout(180000);
  let result: ParityResult;

  before(async () => {
    result = await runParity({ appDir, requests: withHeadVariants(startPathRequests) });
  });

  it('answers every request exactly like stock LB3', () => {
    assertParity(result);
  });

  it('requests every REST route of both sides', () => {
    assertRouteCoverage(result.referenceRoutes, withHeadVariants(startPathRequests));
    assertRouteCoverage(result.candidateRoutes, withHeadVariants(startPathRequests));
  });

  it('runs server.js as the main module from the app folder, with started, url, port and host as LB3 sets them', () => {
    const serverJs = path.join(appDir, 'server', 'server.js');
    for (const side of ['reference', 'candidate'] as const) {
      const info = result.results[0][side].body as Record<string, unknown>;
      expect(info, side).to.deep.equal({
        mainFilename: serverJs,
        mainIsServerJs: true,
        argv1: serverJs,
        cwd: appDir,
        started: 1,
        url: 'http://127.0.0.1:<port>/',
        portType: 'number',
        portIsTheSocketPort: true,
        host: '127.0.0.1',
        startWork: { portIsTheSocketPort: true, url: 'http://127.0.0.1:<port>/', ranAs: 'main' },
        storageAtBoot: ['photos', 'readme.txt'],
      });
    }
  });
});
