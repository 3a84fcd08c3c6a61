/** Every finding code `analyze` can produce is documented in docs/analyze.md, with its severity. */
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { FINDING_CODES } from '../../../compat/analyze/findings';
import { projectRoot } from '../../support/paths';

describe('analyze finding codes', () => {
  it('are each documented in docs/analyze.md with their severity', () => {
    const doc = fs.readFileSync(path.join(projectRoot, 'docs', 'analyze.md'), 'utf8');
    for (const [code, severity] of Object.entries(FINDING_CODES)) {
      expect(doc, code).to.match(new RegExp(`\\| \`${code}\` \\| ${severity} \\|`));
    }
  });
});
