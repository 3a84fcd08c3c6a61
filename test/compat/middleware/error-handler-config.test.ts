import { expect } from 'chai';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readErrorHandlerConfig } from '../../../compat/middleware/error-handler-config';

describe('compat strong-error-handler config', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb3-shim-seh-'));
    fs.mkdirSync(path.join(dir, 'server'));
    fs.writeFileSync(
      path.join(dir, 'server', 'middleware.json'),
      JSON.stringify({
        final: { 'loopback#urlNotFound': {} },
        'final:after': { 'strong-error-handler': { params: { debug: false, log: false, safeFields: ['extra'] } } },
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'server', 'middleware.development.json'),
      JSON.stringify({ 'final:after': { 'strong-error-handler': { params: { debug: true } } } }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges middleware.<env>.json over middleware.json', () => {
    expect(readErrorHandlerConfig(dir, 'development')).to.eql({ debug: true, log: false, safeFields: ['extra'] });
  });

  it('uses middleware.json alone when the env has no file', () => {
    expect(readErrorHandlerConfig(dir, 'production')).to.eql({ debug: false, log: false, safeFields: ['extra'] });
  });

  it("defaults the env to NODE_ENV, then 'development'", () => {
    const saved = process.env.NODE_ENV;
    try {
      delete process.env.NODE_ENV;
      expect(readErrorHandlerConfig(dir).debug).to.equal(true);
      process.env.NODE_ENV = 'production';
      expect(readErrorHandlerConfig(dir).debug).to.equal(false);
    } finally {
      if (saved === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved;
    }
  });

  it('gives strong-error-handler defaults for an app without middleware config', () => {
    expect(readErrorHandlerConfig(undefined)).to.eql({});
    expect(readErrorHandlerConfig(path.join(dir, 'nope'))).to.eql({});
  });
});
