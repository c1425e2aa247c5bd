import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project } from '../../helpers/project';

const source = {
  'src/users/users.controller.ts': `export function listUsers(req: { query: unknown }, res: { json(v: unknown): void }) { res.json(req.query); }
`,
  'src/users/users.service.ts': `export class UsersService { list() { return []; } }
`,
  'src/gateways/stripe.ts': `export const charge = (cents: number) => cents;
`,
};

function warningsOf(config: unknown): string[] {
  const result = project({ ...source, 'layerguard.json': JSON.stringify(config, null, 2) }).analyze();
  return result.configWarnings.map((w) => `${w.start ? `${w.start.line + 1}:${w.start.character + 1} ` : ''}${w.message}`);
}

describe('configuration entries that match nothing', () => {
  it('a dependencies entry for a layer no file is in, and a layer of the file’s own that no file is in', () => {
    const warnings = warningsOf({ layers: { gateway: { folders: ['gateway'] } }, dependencies: { repository: { forbid: ['controller'] } } });
    assert.ok(
      warnings.some((w) => /at layers\.gateway: no analyzed file is in the layer "gateway"/.test(w)),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((w) => /at dependencies\.repository: no analyzed file is in the layer "repository", so this entry checks nothing/.test(w)),
      warnings.join('\n'),
    );
  });

  it('a contract selector that picks no file, with its position', () => {
    const warnings = warningsOf({ contracts: [{ type: 'forbidden', from: ['src/users'], to: ['src/payment', 'package:stripe'] }] });
    assert.deepEqual(warnings, [
      '9:9 at contracts[0].to[0]: "src/payment" picks no analyzed file, so this part of the contract checks nothing; check the path (globs are relative to the workspace root)',
    ]);
  });

  it('a file the patterns of two layers both claim', () => {
    const warnings = warningsOf({ layers: { billing: { patterns: ['src/**/stripe.ts'] }, gateway: { patterns: ['src/gateways/**'] } } });
    assert.ok(
      warnings.some((w) => /at layers\.gateway\.patterns\[0\]: stripe\.ts \(src\/gateways\/stripe\.ts\) is matched by the patterns of both "billing" and "gateway"; "billing" takes it/.test(w)),
      warnings.join('\n'),
    );
    // A narrow pattern listed before a broad one is the usual idiom, and what was meant.
    assert.deepEqual(warningsOf({ layers: { gateway: { patterns: ['src/gateways/**'] }, app: { patterns: ['src/**'] } } }), []);
  });

  it('says nothing when every entry applies', () => {
    assert.deepEqual(warningsOf({ dependencies: { controller: { forbid: ['service'] } }, contracts: [{ type: 'independence', modules: ['src/users', 'src/gateways'] }] }), []);
  });
});
