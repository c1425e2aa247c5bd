import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCommand } from '../../../server/src/cli/args';

const CI_DOC = path.join(__dirname, '../../../../docs/ci.md');

/** Every `npx layerguard …` command of the CI recipes, as written (YAML `run:` steps and shell lines). */
function recipeCommands(): string[] {
  const text = fs.readFileSync(CI_DOC, 'utf8');
  return [...text.matchAll(/npx layerguard ([^\n`]*)/g)].map((m) => (m[1] ?? '').trim());
}

describe('the CI recipes (docs/ci.md)', () => {
  it('name only commands and options the CLI has', () => {
    const commands = recipeCommands();
    assert.ok(commands.length >= 6, `the recipes' commands: ${commands.join(' | ')}`);
    for (const command of commands) {
      const parsed = parseCommand(command.split(/\s+/), false);
      assert.notEqual(parsed.name, 'help', `"${command}" is a command`);
    }
  });

  it('gate on warnings and on a stale baseline, and prune it', () => {
    const parsed = recipeCommands().map((c) => parseCommand(c.split(/\s+/), false));
    assert.ok(parsed.some((c) => c.name === 'check' && c.maxWarnings === 0));
    assert.ok(parsed.some((c) => c.name === 'check' && c.failOnStaleBaseline));
    assert.ok(parsed.some((c) => c.name === 'check' && c.format === 'sarif' && c.exitZero && c.output === 'layerguard.sarif'));
    assert.ok(parsed.some((c) => c.name === 'baseline' && c.prune));
    assert.ok(parsed.some((c) => c.name === 'check' && c.affected === 'origin/main'));
  });

  it('comment the architecture diff on a pull request, annotate its new findings, gate on them, and feed GitLab Code Quality', () => {
    const parsed = recipeCommands().map((c) => parseCommand(c.split(/\s+/), false));
    assert.ok(parsed.some((c) => c.name === 'diff' && c.format === 'markdown' && c.output === 'layerguard-diff.md' && c.exitZero));
    assert.ok(parsed.some((c) => c.name === 'diff' && c.format === 'sarif' && c.output !== undefined));
    assert.ok(parsed.some((c) => c.name === 'diff' && c.maxWarnings === 0 && !c.exitZero));
    assert.ok(parsed.some((c) => c.name === 'check' && c.format === 'gitlab' && c.output === 'gl-code-quality-report.json'));
  });
});
