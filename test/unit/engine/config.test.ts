import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { configJsonSchema, parseConfig } from '../../../server/src/engine';
import { RULES } from '../../../server/src/engine/rules/registry';
import { checkFindings, project } from '../../helpers/project';

function errorsOf(text: string): string[] {
  const loaded = parseConfig('/w/layerguard.json', text);
  return loaded.ok ? [] : loaded.errors.map((e) => `${e.start ? `${e.start.line + 1}:${e.start.character + 1} ` : ''}${e.message}`);
}

describe('layerguard.json', () => {
  it('names the JSON path and the expected value of a bad setting', () => {
    assert.deepEqual(errorsOf('{\n  "rules": { "layering/cycle": "warn" }\n}'), ['2:32 at rules["layering/cycle"]: expected "off" | "info" | "warning" | "error" or an object (found "warn")']);
    assert.deepEqual(errorsOf('{ "layers": { "controller": { "patterns": [1] } } }'), ['1:44 at layers.controller.patterns[0]: Invalid input: expected string, received number (found 1)']);
    assert.deepEqual(errorsOf('{ "rulez": {} }'), ['1:3 at rulez: unknown property "rulez"; allowed: $schema, preset, modules, contracts, layers, dependencies, rules, ignore, includeTests']);
  });

  it('rejects unknown rules, unknown rule options and unknown layers', () => {
    assert.match(
      errorsOf('{ "rules": { "layering/nope": "error" } }')[0] ?? '',
      /^1:14 at rules\["layering\/nope"\]: unknown rule "layering\/nope"; known rules: layering\/forbidden-dependency, layering\/cycle/,
    );
    assert.match(
      errorsOf('{ "rules": { "layering/cycle": { "options": { "includeTypeonly": true } } } }')[0] ?? '',
      /^1:47 at rules\["layering\/cycle"\]\.options\.includeTypeonly: unknown property "includeTypeonly"$/,
    );
    assert.match(errorsOf('{ "dependencies": { "controller": { "allow": ["servce"] } } }')[0] ?? '', /at dependencies\.controller\.allow\[0\]: unknown layer "servce"; known layers: .*service/);
  });

  it('reports every error of the file at once, each at its position', () => {
    const text = [
      '{',
      '  "rulez": {},',
      '  "rules": { "layering/cycles": "error", "layering/cycle": "warn" },',
      '  "layers": { "gateway": { "patterns": ["src/gw/**"], "folder": "gw" } },',
      '  "dependencies": { "controller": { "allow": ["servce"] } }',
      '}',
    ].join('\n');
    const errors = errorsOf(text);
    assert.deepEqual(
      errors.map((e) => e.replace(/;.*$/, '')),
      [
        '2:3 at rulez: unknown property "rulez"',
        '3:14 at rules["layering/cycles"]: unknown rule "layering/cycles"',
        '3:60 at rules["layering/cycle"]: expected "off" | "info" | "warning" | "error" or an object (found "warn")',
        '4:55 at layers.gateway.folder: unknown property "folder"',
        '5:47 at dependencies.controller.allow[0]: unknown layer "servce"',
      ],
    );
  });

  it('reports invalid JSON with its position, and empty files', () => {
    assert.deepEqual(errorsOf('{ "rules": { , } }'), ['1:14 invalid JSON: value expected']);
    assert.deepEqual(errorsOf(''), ['invalid JSON: the file is empty; write {} for the defaults']);
  });

  it('refuses JSON nested thousands deep with one readable error instead of a crash, and ignores brackets in strings and comments', () => {
    assert.deepEqual(errorsOf(`{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`), ['1:105 invalid JSON: nested more than 100 levels deep; a Layerguard configuration is a few levels deep']);
    assert.deepEqual(errorsOf(`// ${'{'.repeat(200)}\n{ "$schema": "${'['.repeat(200)}" /* ${'['.repeat(200)} */ }`), []);
  });

  it('names a key written twice and a number too large, which JSON would silently take', () => {
    assert.deepEqual(errorsOf('{ "rules": { "layering/cycle": "warning",\n "layering/cycle": 3 } }'), [
      '2:2 at rules["layering/cycle"]: "layering/cycle" is written twice; JSON keeps only the last, so write it once',
    ]);
    assert.deepEqual(errorsOf('{ "rules": { "design/god-function": { "options": { "maxComplexity": 1e400 } } } }'), [
      '1:69 at rules["design/god-function"].options.maxComplexity: the number is too large',
    ]);
  });

  it('refuses a glob that cannot be one (an unclosed bracket or brace) and more than 10,000 globs', () => {
    assert.deepEqual(errorsOf('{ "ignore": ["src/**", "["] }'), ['1:24 at ignore[1]: not a valid glob: Missing closing: "]" (found "[")']);
    assert.match(errorsOf('{ "layers": { "controller": { "patterns": ["src/{http,api/**"] } } }')[0] ?? '', /at layers\.controller\.patterns\[0\]: not a valid glob: Missing closing: "}"/);
    const tooMany = errorsOf(`{ "ignore": [${Array.from({ length: 10_001 }, (_, i) => `"gen/${i}/**"`).join(',')}] }`);
    assert.equal(tooMany.length, 1);
    assert.match(tooMany[0] ?? '', /^1:13 at ignore: .*10000/);
    assert.deepEqual(errorsOf('{ "ignore": ["src/[abc].ts", "**/*.{js,ts}"] }'), []);
  });

  it('accepts comments and trailing commas (JSONC)', () => {
    assert.deepEqual(errorsOf('// team policy\n{ "rules": { "layering/cycle": "error", }, }'), []);
  });

  it('turns rules off and changes severities', () => {
    const files = {
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/users.controller.ts': `import { UsersRepository } from './users.repository';\nexport const c = new UsersRepository();\n`,
    };
    assert.equal(checkFindings({ ...files, 'layerguard.json': '{ "rules": { "layering/forbidden-dependency": "off" } }' }).findings.length, 0);
    const p = project({ ...files, 'layerguard.json': '{ "rules": { "layering/forbidden-dependency": { "severity": "info" } } }' });
    assert.deepEqual(
      p.analyze().findings.map((f) => f.severity),
      ['info'],
    );
    assert.deepEqual(
      p.analyze({ severityOverrides: { 'layering/forbidden-dependency': 'warning' } }).findings.map((f) => f.severity),
      ['warning'],
    );
  });

  it('classifies by configured patterns first and applies a custom policy', () => {
    checkFindings({
      'layerguard.json': JSON.stringify({
        layers: { gateway: { patterns: ['src/adapters/**'] }, service: { folders: ['core'] } },
        dependencies: { service: { forbid: ['gateway'] } },
      }),
      'src/adapters/stripe.ts': 'export class StripeClient { charge() {} }\n',
      'src/core/billing.ts': `import { StripeClient } from '../adapters/stripe';
export const bill = () => new StripeClient().charge();
//                        ^^^^^^^^^^^^^^^^^^ layering/forbidden-dependency A service must not depend on the gateway layer
`,
    });
  });

  it('ignores configured globs and test files unless asked', () => {
    const files = {
      'src/users.repository.ts': 'export class UsersRepository {}\n',
      'src/__tests__/controllers/orders.ts': `import { UsersRepository } from '../../users.repository';\nexport const c = new UsersRepository();\n`,
      'src/users.controller.spec.ts': `import { UsersRepository } from './users.repository';\nexport const c = new UsersRepository();\n`,
      'src/e2e_tests/controllers/users.controller.ts': `import { UsersRepository } from '../../users.repository';\nexport const c = new UsersRepository();\n`,
      'src/api-tests/orders.controller.ts': `import { UsersRepository } from '../users.repository';\nexport const c = new UsersRepository();\n`,
      'src/generated/orders.controller.ts': `import { UsersRepository } from '../users.repository';\nexport const c = new UsersRepository();\n`,
    };
    assert.equal(project({ ...files, 'layerguard.json': '{ "ignore": ["src/generated/**"] }' }).analyze().findings.length, 0);
    assert.equal(project({ ...files, 'layerguard.json': '{ "ignore": ["src/generated/**"], "includeTests": true }' }).analyze().findings.length, 3);
  });

  it('leaves out mock modules, Cucumber support code and Jest transforms, and keeps an app feature named support', () => {
    const code = 'export const x = 1;\n';
    const result = project({
      'tsconfig.json': '{ "include": ["src", "features", "features-legacy"] }',
      'src/users.service.ts': code,
      'src/_mocks_/index.ts': code,
      'src/features/support/tickets.service.ts': code,
      'features/step_definitions/users.steps.ts': code,
      'features-legacy/support/world.ts': code,
      'src/config/jest/cssTransform.ts': code,
    }).analyze();
    const analyzed = [...result.graph.files.keys()].map((f) => path.posix.relative(result.root, f)).sort();
    assert.deepEqual(analyzed, ['src/features/support/tickets.service.ts', 'src/users.service.ts']);
  });

  it("the JSON Schema lists every rule id with the rule's own options, so editors complete ids and flag typos", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(configJsonSchema());
    const rules = (configJsonSchema().properties as Record<string, { properties?: Record<string, unknown> }>).rules?.properties ?? {};
    assert.deepEqual(Object.keys(rules).sort(), RULES.map((r) => r.meta.id).sort());
    assert.ok(validate({ rules: { 'design/god-function': { severity: 'error', options: { maxLines: 80 } }, 'layering/cycle': 'warning' } }), JSON.stringify(validate.errors));
    assert.equal(validate({ rules: { 'layering/cycles': 'error' } }), false, 'a misspelt rule id passes the schema');
    assert.equal(validate({ rules: { 'design/god-function': { options: { maxLines: 'eighty' } } } }), false, "a rule's option of the wrong type passes the schema");
    assert.equal(
      validate({ rules: { 'design/god-function': { options: { maxLine: 80 } } } }),
      errorsOf(JSON.stringify({ rules: { 'design/god-function': { options: { maxLine: 80 } } } })).length === 0,
      'the schema and the loader disagree on an unknown option',
    );
  });

  it('ships a JSON Schema generated from the same source', () => {
    const shipped: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../schemas/layerguard.schema.json'), 'utf8'));
    assert.deepEqual(shipped, configJsonSchema(), 'schemas/layerguard.schema.json is stale: run npm run build');
  });
});
