import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { hasFixProvider, RULES } from '../../../server/src/engine';

const ROOT = path.join(__dirname, '../../../..');

interface RuleSettingSchema {
  readonly enum: readonly string[];
  readonly default: string;
  readonly description: string;
}

function packageRuleSettings(): Record<string, RuleSettingSchema> {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { properties?: Record<string, RuleSettingSchema> }> } };
  };
  return pkg.contributes.configuration.properties['layerguard.rules']?.properties ?? {};
}

/** What package.json must declare for each rule; `node scripts/sync-manifest.mjs` writes it. */
export function expectedRuleSetting(rule: (typeof RULES)[number]): RuleSettingSchema {
  return { enum: ['off', 'info', 'warning', 'error'], default: rule.meta.defaultSeverity, description: rule.meta.description };
}

/** VS Code's own commands a walkthrough step may run. */
const VSCODE_COMMANDS: ReadonlySet<string> = new Set(['workbench.actions.view.problems']);

describe('registry, docs and package.json stay consistent', () => {
  it('every rule id is <category>/<name> and unique', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+\/[a-z]+(?:-[a-z]+)*$/);
  });

  it('every rule lives in engine/rules/<category>/<name>.ts', () => {
    for (const rule of RULES) assert.ok(fs.existsSync(path.join(ROOT, 'server/src/engine/rules', `${rule.meta.id}.ts`)), `missing module for ${rule.meta.id}`);
  });

  it('every rule has a doc whose title and summary match its metadata', () => {
    for (const rule of RULES) {
      const doc = path.join(ROOT, 'docs/rules', `${rule.meta.id}.md`);
      assert.ok(fs.existsSync(doc), `missing doc ${doc}`);
      const text = fs.readFileSync(doc, 'utf8');
      assert.equal(text.split('\n')[0], `# ${rule.meta.id}`);
      assert.ok(text.includes(`> ${rule.meta.description}\n`), `${rule.meta.id}: the doc's summary line must be "> ${rule.meta.description}"`);
      assert.ok(text.includes(`**Default severity:** ${rule.meta.defaultSeverity}`), `${rule.meta.id}: doc states another default severity`);
      assert.ok(text.includes('## Examples') && text.includes('## Options'), `${rule.meta.id}: doc needs Examples and Options sections`);
    }
  });

  it('a rule is fixable exactly when it has a fix provider, and its doc says so', () => {
    for (const rule of RULES) {
      assert.equal(rule.meta.fixable, hasFixProvider(rule.meta.id), `${rule.meta.id}: meta.fixable vs the fix registry`);
      const text = fs.readFileSync(path.join(ROOT, 'docs/rules', `${rule.meta.id}.md`), 'utf8');
      assert.match(text, rule.meta.fixable ? /\*\*Fixable:\*\* yes/ : /\*\*Fixable:\*\* (?:no|not yet)/, `${rule.meta.id}: the doc's Fixable line`);
    }
  });

  it('every rule has its own test file, and every fixable rule has tests of its fixes', () => {
    const testsOf = (folder: string) => fs.readdirSync(path.join(ROOT, folder)).filter((f) => f.endsWith('.test.ts'));
    const fixTexts = testsOf('test/unit/fixes').map((f) => fs.readFileSync(path.join(ROOT, 'test/unit/fixes', f), 'utf8'));
    for (const rule of RULES) {
      const [category, name] = rule.meta.id.split('/') as [string, string];
      const own = testsOf(`test/unit/rules/${category}`).filter((f) => f === `${name}.test.ts` || f.startsWith(`${name}-`));
      assert.ok(own.length > 0, `${rule.meta.id} has no test/unit/rules/${category}/${name}.test.ts`);
      if (rule.meta.fixable)
        assert.ok(
          fixTexts.some((text) => text.includes(rule.meta.id)),
          `${rule.meta.id} is fixable but no test in test/unit/fixes names it`,
        );
    }
  });

  it('no doc describes a rule that does not exist', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const category of fs.readdirSync(path.join(ROOT, 'docs/rules'))) {
      for (const file of fs.readdirSync(path.join(ROOT, 'docs/rules', category))) {
        assert.ok(ids.has(`${category}/${file.replace(/\.md$/, '')}`), `docs/rules/${category}/${file} has no rule`);
      }
    }
  });

  it('package.json declares a severity setting for exactly the registered rules', () => {
    const settings = packageRuleSettings();
    assert.deepEqual(Object.keys(settings).sort(), RULES.map((r) => r.meta.id).sort());
    for (const rule of RULES) assert.deepEqual(settings[rule.meta.id], expectedRuleSetting(rule), `package.json setting of ${rule.meta.id} drifted`);
  });

  it('the walkthrough covers what a new user needs, in order', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { id: string }[] }[] } };
    assert.deepEqual(
      pkg.contributes.walkthroughs[0]?.steps.map((s) => s.id),
      ['layerguard.whatItChecks', 'layerguard.configureArchitecture', 'layerguard.createBaseline', 'layerguard.openArchitectureView', 'layerguard.addToCi'],
    );
  });

  it('walkthrough steps run contributed commands and show markdown the package ships', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[]; walkthroughs?: { steps: { description: string; media: { markdown?: string } }[] }[] };
    };
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    const steps = (pkg.contributes.walkthroughs ?? []).flatMap((w) => w.steps);
    assert.ok(steps.length > 0);
    for (const step of steps) {
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.has(command ?? '') || VSCODE_COMMANDS.has(command ?? ''), `${command} is not a contributed command`);
      const markdown = step.media.markdown ?? '';
      assert.ok(fs.existsSync(path.join(ROOT, markdown)), `${markdown} does not exist`);
      assert.ok(shipped.includes(`!${path.posix.dirname(markdown)}/**`), `${markdown} is not packaged (.vscodeignore)`);
    }
  });
});
