import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ts } from 'ts-morph';
import type { Finding, Problem } from '../../../server/src/engine';
import { NEST_TSCONFIG, project } from '../../helpers/project';
import { expandSnippet, parseSnippet, tabStops } from '../../helpers/snippet-expand';

/**
 * The snippets of snippets/*.json teach the practices Layerguard checks, so each one, expanded
 * with its defaults, must parse and must produce no finding. Snippets are checked in small
 * projects where they meet the files they import (the Nest feature, the Express layers…), at paths
 * that give them the layer they are written for.
 */

const ROOT = path.join(__dirname, '../../../..');
const LANGUAGES = ['typescript', 'javascript'] as const;
type Language = (typeof LANGUAGES)[number];

interface Snippet {
  readonly name: string;
  readonly prefix: string;
  readonly packages: readonly string[];
  readonly description: string;
  readonly body: readonly string[];
}

/** Where a snippet's expansion goes in a scenario. */
interface Placement {
  readonly prefix: string;
  readonly file: string;
  /** The layer the file must get: the rules judge files by layer, so a misplaced file proves nothing. */
  readonly layer: string | undefined;
  /** For snippets inserted inside a file (a method): the file, with the expansion at FRAGMENT. */
  readonly around?: string;
}

interface Scenario {
  readonly name: string;
  readonly language: Language;
  /** Configs and the few files the snippets need that no snippet writes. */
  readonly files: Readonly<Record<string, string>>;
  readonly placements: readonly Placement[];
}

const FRAGMENT = '/*FRAGMENT*/';

function loadSnippets(language: Language): Snippet[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', `${language}.json`), 'utf8'));
  assert.ok(parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed), `snippets/${language}.json must hold an object`);
  return Object.entries(parsed).map(([name, value]: [string, unknown]) => {
    const entry = (value ?? {}) as { prefix?: unknown; packages?: unknown; description?: unknown; body?: unknown };
    assert.equal(typeof entry.prefix, 'string', `${language} "${name}": prefix must be a string`);
    assert.equal(typeof entry.description, 'string', `${language} "${name}": description must be a string`);
    assert.ok(Array.isArray(entry.body) && entry.body.every((line) => typeof line === 'string'), `${language} "${name}": body must be an array of lines`);
    assert.ok(Array.isArray(entry.packages) && entry.packages.every((p) => typeof p === 'string'), `${language} "${name}": packages must be an array of package names`);
    return { name, prefix: entry.prefix as string, packages: entry.packages as string[], description: entry.description as string, body: entry.body as string[] };
  });
}

const SNIPPETS: Readonly<Record<Language, readonly Snippet[]>> = { typescript: loadSnippets('typescript'), javascript: loadSnippets('javascript') };

function snippet(language: Language, prefix: string): Snippet {
  const found = SNIPPETS[language].find((s) => s.prefix === prefix);
  assert.ok(found, `no ${language} snippet with prefix ${prefix}`);
  return found;
}

/** The variables VS Code resolves from the file the snippet is inserted in. */
function variablesFor(file: string): Record<string, string> {
  const base = path.posix.basename(file);
  return {
    TM_FILENAME: base,
    TM_FILENAME_BASE: base.replace(/\.[^.]*$/, ''),
    TM_DIRECTORY_BASE: path.posix.basename(path.posix.dirname(file)),
    RELATIVE_FILEPATH: file,
  };
}

/** The file text a placement produces: the expansion, or the surrounding file with the expansion in it. */
function fileText(language: Language, placement: Placement, transforms = true): string {
  const expanded = expandSnippet(snippet(language, placement.prefix).body, { variables: variablesFor(placement.file), transforms });
  if (placement.around === undefined) return expanded;
  assert.ok(placement.around.includes(FRAGMENT), `the file around ${placement.prefix} has no ${FRAGMENT}`);
  return placement.around.replace(FRAGMENT, expanded);
}

function syntaxErrors(file: string, text: string, language: Language): string[] {
  const kind = language === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
    return `${file}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(3)}| ${line}`)
    .join('\n');
}

function packageJson(dependencies: readonly string[], esm: boolean): string {
  return JSON.stringify({ name: 'snippet-check', private: true, ...(esm ? { type: 'module' } : {}), dependencies: Object.fromEntries(dependencies.map((d) => [d, '*'])) });
}

const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'commonjs', target: 'ES2022', strict: true, esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true },
});
const JSCONFIG = JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', checkJs: true }, include: ['src'] });

const NEST_APP_MODULE = `import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health/health.controller';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true }), TerminusModule, OrdersModule],
  controllers: [HealthController],
})
export class AppModule {}
`;

const ORDER_ITEM_ENTITY = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Order } from './order.entity';

@Entity({ name: 'order_items' })
export class OrderItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Order, { nullable: false, onDelete: 'CASCADE' })
  order!: Order;

  @Column()
  sku!: string;
}
`;

const PRISMA_SERVICE = `import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await this.$connect();
  }
}
`;

/** The layered Express files for resource "orders", shared by the Express and Fastify scenarios. */
function expressLayers(ext: 'ts' | 'js'): Placement[] {
  return [
    { prefix: 'lg-express-service', file: `src/orders/orders.service.${ext}`, layer: 'service' },
    { prefix: 'lg-express-repository', file: `src/orders/orders.repository.${ext}`, layer: 'repository' },
    { prefix: 'lg-zod-dto', file: `src/orders/dto/create-order.dto.${ext}`, layer: 'dto' },
    { prefix: 'lg-typeorm-entity', file: `src/orders/entities/order.entity.${ext}`, layer: 'model' },
  ];
}

function expressScenario(language: Language, ext: 'ts' | 'js'): Scenario {
  return {
    name: 'Express layers, middleware and health',
    language,
    files: {
      [ext === 'ts' ? 'tsconfig.json' : 'jsconfig.json']: ext === 'ts' ? TSCONFIG : JSCONFIG,
      'package.json': packageJson(['express', 'zod', 'typeorm', 'pg'], ext === 'js'),
    },
    placements: [
      { prefix: 'lg-express-app', file: `src/app.${ext}`, layer: 'composition-root' },
      { prefix: 'lg-express-router', file: `src/orders/orders.router.${ext}`, layer: 'router' },
      { prefix: 'lg-express-controller', file: `src/orders/orders.controller.${ext}`, layer: 'controller' },
      ...expressLayers(ext),
      { prefix: 'lg-async-handler', file: `src/middleware/async-handler.${ext}`, layer: 'middleware' },
      { prefix: 'lg-error-middleware', file: `src/middleware/error-handler.${ext}`, layer: 'middleware' },
      { prefix: 'lg-zod-middleware', file: `src/middleware/validate.${ext}`, layer: 'middleware' },
      { prefix: 'lg-idempotency-key', file: `src/middleware/idempotency-key.${ext}`, layer: 'middleware' },
      { prefix: 'lg-express-health', file: `src/health/health.router.${ext}`, layer: 'router' },
    ],
  };
}

function fastifyScenario(language: Language, ext: 'ts' | 'js'): Scenario {
  return {
    name: 'Fastify routes over the service layer',
    language,
    files: {
      [ext === 'ts' ? 'tsconfig.json' : 'jsconfig.json']: ext === 'ts' ? TSCONFIG : JSCONFIG,
      'package.json': packageJson([...(ext === 'ts' ? ['fastify', '@fastify/type-provider-typebox'] : ['fastify']), 'zod', 'typeorm', 'pg'], ext === 'js'),
    },
    placements: [{ prefix: 'lg-fastify-route', file: `src/orders/orders.routes.${ext}`, layer: 'router' }, ...expressLayers(ext)],
  };
}

function bullmqScenario(language: Language, ext: 'ts' | 'js'): Scenario {
  return {
    name: 'BullMQ producer and worker',
    language,
    files: {
      [ext === 'ts' ? 'tsconfig.json' : 'jsconfig.json']: ext === 'ts' ? TSCONFIG : JSCONFIG,
      'package.json': packageJson(['bullmq', 'ioredis'], ext === 'js'),
    },
    placements: [
      { prefix: 'lg-bullmq-producer', file: `src/jobs/send-receipt.producer.${ext}`, layer: undefined },
      { prefix: 'lg-bullmq-worker', file: `src/jobs/send-receipt.worker.${ext}`, layer: undefined },
    ],
  };
}

const TS_SCENARIOS: readonly Scenario[] = [
  {
    name: 'NestJS feature with TypeORM, bootstrap and health',
    language: 'typescript',
    files: {
      'tsconfig.json': NEST_TSCONFIG,
      'package.json': packageJson(
        ['@nestjs/common', '@nestjs/core', '@nestjs/config', '@nestjs/typeorm', '@nestjs/terminus', 'typeorm', 'pg', 'class-validator', 'class-transformer', 'reflect-metadata'],
        false,
      ),
      'src/app.module.ts': NEST_APP_MODULE,
    },
    placements: [
      { prefix: 'lg-nest-main', file: 'src/main.ts', layer: 'composition-root' },
      { prefix: 'lg-nest-module', file: 'src/orders/orders.module.ts', layer: 'module' },
      { prefix: 'lg-nest-controller', file: 'src/orders/orders.controller.ts', layer: 'controller' },
      { prefix: 'lg-nest-service', file: 'src/orders/orders.service.ts', layer: 'service' },
      { prefix: 'lg-nest-repository', file: 'src/orders/orders.repository.ts', layer: 'repository' },
      { prefix: 'lg-nest-dto', file: 'src/orders/dto/create-order.dto.ts', layer: 'dto' },
      { prefix: 'lg-typeorm-entity', file: 'src/orders/entities/order.entity.ts', layer: 'model' },
      { prefix: 'lg-nest-health', file: 'src/health/health.controller.ts', layer: 'controller' },
    ],
  },
  expressScenario('typescript', 'ts'),
  fastifyScenario('typescript', 'ts'),
  {
    name: 'TypeORM transaction in a repository',
    language: 'typescript',
    files: {
      'tsconfig.json': NEST_TSCONFIG,
      'package.json': packageJson(['@nestjs/common', 'typeorm', 'pg'], false),
      'src/orders/entities/order-item.entity.ts': ORDER_ITEM_ENTITY,
    },
    placements: [
      { prefix: 'lg-typeorm-entity', file: 'src/orders/entities/order.entity.ts', layer: 'model' },
      {
        prefix: 'lg-typeorm-transaction',
        file: 'src/orders/orders.repository.ts',
        layer: 'repository',
        around: `import { Injectable } from '@nestjs/common';
import { DataSource, type DeepPartial } from 'typeorm';
import { OrderItem } from './entities/order-item.entity';
import { Order } from './entities/order.entity';

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  ${FRAGMENT}
}
`,
      },
    ],
  },
  {
    name: 'Prisma transaction in a repository',
    language: 'typescript',
    files: {
      'tsconfig.json': NEST_TSCONFIG,
      'package.json': packageJson(['@nestjs/common', '@prisma/client'], false),
      'src/prisma/prisma.service.ts': PRISMA_SERVICE,
    },
    placements: [
      {
        prefix: 'lg-prisma-transaction',
        file: 'src/orders/orders.repository.ts',
        layer: 'repository',
        around: `import { Injectable } from '@nestjs/common';
import type { Order, Prisma } from '@prisma/client';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class OrdersRepository {
  constructor(private readonly prisma: PrismaService) {}

  ${FRAGMENT}
}
`,
      },
    ],
  },
  bullmqScenario('typescript', 'ts'),
];

const JS_SCENARIOS: readonly Scenario[] = [
  expressScenario('javascript', 'js'),
  fastifyScenario('javascript', 'js'),
  {
    name: 'TypeORM transaction in a repository',
    language: 'javascript',
    files: { 'jsconfig.json': JSCONFIG, 'package.json': packageJson(['typeorm', 'pg'], true) },
    placements: [
      {
        prefix: 'lg-typeorm-transaction',
        file: 'src/orders/orders.repository.js',
        layer: 'repository',
        around: `export class OrdersRepository {
  /** @param {import('typeorm').DataSource} dataSource */
  constructor(dataSource) {
    this.dataSource = dataSource;
  }

  ${FRAGMENT}
}
`,
      },
    ],
  },
  {
    name: 'Prisma transaction in a repository',
    language: 'javascript',
    files: { 'jsconfig.json': JSCONFIG, 'package.json': packageJson(['@prisma/client'], true) },
    placements: [
      {
        prefix: 'lg-prisma-transaction',
        file: 'src/orders/orders.repository.js',
        layer: 'repository',
        around: `export class OrdersRepository {
  /** @param {import('@prisma/client').PrismaClient} prisma */
  constructor(prisma) {
    this.prisma = prisma;
  }

  ${FRAGMENT}
}
`,
      },
    ],
  },
  bullmqScenario('javascript', 'js'),
];

const SCENARIOS: Readonly<Record<Language, readonly Scenario[]>> = { typescript: TS_SCENARIOS, javascript: JS_SCENARIOS };

/** The first placement of each snippet: where it is parsed on its own. */
function placementOf(language: Language, prefix: string): Placement | undefined {
  for (const scenario of SCENARIOS[language]) {
    const found = scenario.placements.find((p) => p.prefix === prefix);
    if (found) return found;
  }
  return undefined;
}

function describeFinding(root: string, finding: Finding): string {
  return `  ${path.posix.relative(root, finding.file)}:${finding.start.line + 1}:${finding.start.character + 1} ${finding.ruleId}: ${finding.message}`;
}

function describeProblem(root: string, problem: Problem): string {
  return `  [${problem.kind}] ${problem.file ? `${path.posix.relative(root, problem.file)}: ` : ''}${problem.message}`;
}

describe('snippet expansion follows VS Code', () => {
  it('gives mirrors the first default, choices their first option, and empty bare tab stops', () => {
    assert.equal(expandSnippet(['class ${1:Orders}Service {', '\t$2', '}', 'new $1Service();$0']), 'class OrdersService {\n\t\n}\nnew OrdersService();');
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2 ${3|a,b\\,c|} $3'), 'outer inner inner a a');
    assert.equal(expandSnippet('${1|b\\,c,d|}'), 'b,c');
  });

  it('applies escapes, transforms (only after tabbing through) and variables', () => {
    assert.equal(expandSnippet('`\\${id}` costs \\$5 \\} \\\\ $/'), '`${id}` costs $5 } \\ $/');
    const body = 'class ${1:order-items} ${1/(.*)/${1:/pascalcase}/} ${1/(.*)/${1:/camelcase}/} ${1/(.*)/${1:/upcase}/}';
    assert.equal(expandSnippet(body), 'class order-items OrderItems orderItems ORDER-ITEMS');
    assert.equal(expandSnippet(body, { transforms: false }), 'class order-items order-items order-items order-items');
    assert.equal(expandSnippet('${1:OrderItem} ${1/(^[A-Z])|([A-Z])/${1:/downcase}${2:+-}${2:/downcase}/g}'), 'OrderItem order-item');
    assert.equal(expandSnippet('${1:x} ${1/(y)?/${1:?yes:no}/}'), 'x nox');
    assert.equal(expandSnippet('${TM_FILENAME_BASE/[.].*$//} ${UNSET:fallback}', { variables: { TM_FILENAME_BASE: 'orders.controller' } }), 'orders fallback');
  });

  it('rejects an unescaped ${ and unknown variables', () => {
    assert.throws(() => expandSnippet('`${id}`'), /unknown snippet variable "id"/);
    assert.throws(() => expandSnippet('`${order.id}`'), /after "\$\{order" \(escape a literal/);
    assert.throws(() => expandSnippet('this.prisma.$transaction()'), /unknown snippet variable "transaction"/);
    assert.throws(() => expandSnippet('${1:unterminated'), /unterminated/);
  });
});

for (const language of LANGUAGES) {
  describe(`${language} snippets`, () => {
    const snippets = SNIPPETS[language];

    it('have an lg- prefix, a description and a body; prefixes are unique', () => {
      assert.ok(snippets.length > 0);
      for (const s of snippets) {
        assert.match(s.prefix, /^lg-[a-z0-9]+(?:-[a-z0-9]+)*$/, `"${s.name}": prefix ${s.prefix}`);
        assert.ok(s.description.trim().length > 0, `"${s.name}" has no description`);
        assert.ok(s.body.length > 0, `"${s.name}" has no body`);
      }
      const prefixes = snippets.map((s) => s.prefix);
      assert.deepEqual(
        prefixes.filter((p, i) => prefixes.indexOf(p) !== i),
        [],
        'duplicate prefixes',
      );
    });

    it('name every package their code imports, and indent with tabs only (the editor turns them into its indentation)', () => {
      for (const s of snippets) {
        const imported = new Set([...s.body.join('\n').matchAll(/from '((?:@[\w.-]+\/)?[\w.-]+)[^']*'/g)].map((m) => m[1] ?? '').filter((name) => !name.startsWith('.')));
        for (const name of imported) assert.ok(s.packages.includes(name), `${s.prefix} imports ${name}, which its packages do not list`);
        assert.ok(s.packages.length > 0, `${s.prefix} names the packages it needs`);
        // A space may only line up a block comment's star: ` * text`.
        for (const line of s.body) assert.match(line, /^\t*(?![ \t])|^\t* \*/, `${s.prefix}: indentation by spaces in ${JSON.stringify(line)}`);
      }
    });

    it('give every tab stop a default (except $0)', () => {
      for (const s of snippets) {
        const missing = [...tabStops(parseSnippet(s.body))].filter(([index, hasDefault]) => index > 0 && !hasDefault).map(([index]) => `$${index}`);
        assert.deepEqual(missing, [], `${s.prefix}: tab stops without a default`);
      }
    });

    it('are each checked in a scenario, and the scenarios use no unknown snippet', () => {
      const placed = new Set(SCENARIOS[language].flatMap((scenario) => scenario.placements.map((p) => p.prefix)));
      assert.deepEqual(
        snippets.map((s) => s.prefix).filter((p) => !placed.has(p)),
        [],
        'snippets no scenario checks',
      );
      assert.deepEqual(
        [...placed].filter((p) => !snippets.some((s) => s.prefix === p)),
        [],
        'scenarios name snippets that do not exist',
      );
    });

    for (const s of snippets) {
      it(`${s.prefix} expands to code that parses, right after insertion and after tabbing through`, () => {
        const placement = placementOf(language, s.prefix);
        assert.ok(placement, `${s.prefix} is in no scenario`);
        for (const transforms of [true, false]) {
          const text = fileText(language, placement, transforms);
          const errors = syntaxErrors(placement.file, text, language);
          assert.deepEqual(errors, [], `${s.prefix} (${transforms ? 'after tabbing through' : 'right after insertion'}) does not parse:\n${errors.join('\n')}\n${numbered(text)}`);
        }
      });
    }

    for (const scenario of SCENARIOS[language]) {
      it(`${scenario.name}: expanded with their defaults, the snippets produce no finding`, () => {
        const files: Record<string, string> = { ...scenario.files };
        for (const placement of scenario.placements) {
          assert.equal(files[placement.file], undefined, `${placement.file} is written twice in "${scenario.name}"`);
          files[placement.file] = fileText(language, placement);
        }
        const result = project(files).analyze();
        const root = result.root;
        const syntax = result.problems.filter((p) => p.kind === 'syntax');
        assert.deepEqual(syntax.map((p) => describeProblem(root, p)), [], 'syntax problems');
        for (const placement of scenario.placements) {
          const node = result.graph.files.get(path.posix.join(root, placement.file));
          assert.ok(node, `${placement.file} was not analyzed`);
          assert.equal(node.layer, placement.layer, `${placement.file} (${placement.prefix}) is classified ${node.layer ?? 'as no layer'}: ${node.layerReason}`);
        }
        assert.equal(
          result.findings.length,
          0,
          `findings:\n${result.findings.map((f) => describeFinding(root, f)).join('\n')}\nproblems:\n${result.problems.map((p) => describeProblem(root, p)).join('\n')}\n\n${Object.entries(files)
            .filter(([file]) => result.findings.some((f) => f.file === path.posix.join(root, file)))
            .map(([file, text]) => `--- ${file}\n${numbered(text)}`)
            .join('\n')}`,
        );
      });
    }
  });
}
