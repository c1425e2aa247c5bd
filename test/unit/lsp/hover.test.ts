import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { hoverAt } from '../../../server/src/lsp/explain';
import { project } from '../../helpers/project';

function hoverText(hover: ReturnType<typeof hoverAt>): string {
  const contents = hover?.contents;
  return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
}

describe('hover on a finding', () => {
  it('explains a finding that is on no dependency (a literal): its rule, why it matters and what to do, which the headline leaves out', () => {
    const p = project({
      'src/auth/tokens.ts': "import jwt from 'jsonwebtoken';\nexport const sign = (userId: string) => jwt.sign({ sub: userId }, 'dev-key');\n",
    });
    const result = p.analyze();
    const finding = result.findings.find((f) => f.ruleId === 'security/hardcoded-secret');
    assert.ok(finding, 'the literal key is reported');
    assert.ok(finding.detail, 'with an explanation apart from the headline');
    const node = result.graph.files.get(path.join(result.root, 'src/auth/tokens.ts'));
    const hover = hoverAt(result, finding.file, node?.text ?? '', finding.range.start + 1);
    assert.equal(hoverText(hover), `**security/hardcoded-secret**: ${finding.detail}`);
    assert.equal(hover?.range?.start.line, finding.start.line);
    assert.equal(hoverAt(result, finding.file, node?.text ?? '', finding.range.end + 5), null, 'nothing past the finding');
  });
});
