// Deterministic generator of synthetic layered backends for the benchmark.
//
//   node scripts/bench/generate.mjs <nest|express> <files> <outDir>
//   import { generate } from './generate.mjs'; generate({ style, files, outDir })
//
// The output looks like a real NestJS or Express + knex backend: feature modules under
// src/modules/<name>/ (controller, service, repository, DTOs/schemas, entity/model, barrel),
// shared code under src/common/, tsconfig `paths` aliases used by the imports, constructor
// injection, cross-module service dependencies, and about 1% of files with a planted problem
// (controller → repository, a cycle between two services, an empty catch, a hardcoded secret).
// Third-party packages (@nestjs/*, typeorm, express, knex, zod) are imported but not installed,
// as in a fresh clone: their imports stay unresolved, which is what every tool sees there too.
//
// Same (style, files) → byte-identical output: everything random comes from a seeded PRNG.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bumped whenever the output changes, so run.mjs regenerates stale trees. */
export const GENERATOR_VERSION = 3;
export const MANIFEST = 'bench-manifest.json';

// ---------------------------------------------------------------------------------------------
// Randomness and naming

/** mulberry32: tiny, fast, good enough for picking templates; seeded, unlike Math.random. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    shuffle(list) {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

function hashSeed(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const NOUNS = [
  'account', 'address', 'invoice', 'payment', 'order', 'product', 'customer', 'shipment', 'warehouse', 'supplier',
  'category', 'review', 'coupon', 'cart', 'refund', 'subscription', 'plan', 'ticket', 'message', 'notification',
  'report', 'audit', 'session', 'device', 'tenant', 'team', 'project', 'task', 'comment', 'attachment',
  'document', 'contract', 'vendor', 'employee', 'department', 'payroll', 'timesheet', 'absence', 'asset', 'inventory',
  'stock', 'price', 'tax', 'currency', 'ledger', 'budget', 'expense', 'campaign', 'lead', 'opportunity',
  'quote', 'delivery', 'route', 'vehicle', 'driver', 'booking', 'room', 'event', 'venue', 'member',
];
const QUALIFIERS = [
  '', 'billing', 'partner', 'internal', 'regional', 'archived', 'scheduled', 'recurring', 'digital', 'legacy',
  'premium', 'draft', 'shared', 'external', 'mobile', 'retail', 'wholesale', 'marketing', 'support', 'finance',
  'fleet', 'loyalty', 'catalog', 'compliance', 'identity', 'pricing', 'fulfillment', 'returns', 'onboarding', 'analytics',
  'search', 'media', 'payout', 'tax-exempt', 'cross-border', 'seasonal', 'bulk', 'priority', 'trial', 'enterprise',
  'public', 'private', 'temporary', 'pending', 'verified', 'local', 'global', 'secondary', 'primary', 'backup',
];

const pascal = (kebab) => kebab.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const camel = (kebab) => {
  const p = pascal(kebab);
  return p[0].toLowerCase() + p.slice(1);
};
const snake = (kebab) => kebab.replace(/-/g, '_');
/** `amountCents` → `Amount cents`. */
const humanize = (name) => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).replace(/^./, (c) => c.toUpperCase());

/** Module names: shuffled qualifier-noun pairs, enough for 20k files; numbered beyond that. */
function moduleNames(rng, count) {
  const all = [];
  for (const q of QUALIFIERS) for (const n of NOUNS) all.push(q ? `${q}-${n}` : n);
  const shuffled = rng.shuffle(all);
  const names = [];
  for (let i = 0; i < count; i++) names.push(i < shuffled.length ? shuffled[i] : `${shuffled[i % shuffled.length]}-${Math.floor(i / shuffled.length) + 1}`);
  return names;
}

function moduleInfo(name) {
  const Cls = pascal(name);
  return { name, Cls, cls: camel(name), table: `${snake(name)}s`, route: `${name}s`, title: name.replace(/-/g, ' ') };
}

// Columns an entity may have: TS type, TypeORM column options, class-validator decorators, zod.
const FIELDS = [
  { name: 'title', ts: 'string', column: "{ length: 200 }", validators: ['@IsString()', '@Length(1, 200)'], zod: 'z.string().trim().min(1).max(200)' },
  { name: 'description', ts: 'string | null', column: "{ type: 'text', nullable: true }", validators: ['@IsOptional()', '@IsString()', '@MaxLength(4000)'], zod: 'z.string().max(4000).nullable()' },
  { name: 'code', ts: 'string', column: "{ length: 32, unique: true }", validators: ['@IsString()', '@Matches(/^[A-Z0-9-]{3,32}$/)'], zod: 'z.string().regex(/^[A-Z0-9-]{3,32}$/)' },
  { name: 'status', ts: 'string', column: "{ length: 24, default: 'active' }", validators: ['@IsIn([\'active\', \'inactive\', \'archived\'])'], zod: "z.enum(['active', 'inactive', 'archived'])" },
  { name: 'amountCents', ts: 'number', column: "{ name: 'amount_cents', type: 'int' }", validators: ['@IsInt()', '@Min(0)'], zod: 'z.number().int().min(0)' },
  { name: 'quantity', ts: 'number', column: "{ type: 'int', default: 1 }", validators: ['@IsInt()', '@IsPositive()'], zod: 'z.number().int().positive()' },
  { name: 'isActive', ts: 'boolean', column: "{ name: 'is_active', default: true }", validators: ['@IsBoolean()'], zod: 'z.boolean()' },
  { name: 'priority', ts: 'number', column: "{ type: 'smallint', default: 0 }", validators: ['@IsInt()', '@Min(0)', '@Max(10)'], zod: 'z.number().int().min(0).max(10)' },
  { name: 'email', ts: 'string', column: "{ length: 254 }", validators: ['@IsEmail()'], zod: 'z.string().email().max(254)' },
  { name: 'externalRef', ts: 'string | null', column: "{ name: 'external_ref', length: 64, nullable: true }", validators: ['@IsOptional()', '@IsString()', '@MaxLength(64)'], zod: 'z.string().max(64).nullable()' },
  { name: 'currency', ts: 'string', column: "{ length: 3, default: 'EUR' }", validators: ['@IsString()', '@Length(3, 3)'], zod: 'z.string().length(3)' },
  { name: 'rating', ts: 'number', column: "{ type: 'real', default: 0 }", validators: ['@IsNumber()', '@Min(0)', '@Max(5)'], zod: 'z.number().min(0).max(5)' },
  { name: 'slug', ts: 'string', column: "{ length: 120, unique: true }", validators: ['@IsString()', '@Matches(/^[a-z0-9-]+$/)'], zod: 'z.string().regex(/^[a-z0-9-]+$/)' },
  { name: 'expiresAt', ts: 'Date | null', column: "{ name: 'expires_at', type: 'timestamptz', nullable: true }", validators: ['@IsOptional()', '@IsDateString()'], zod: 'z.coerce.date().nullable()' },
  { name: 'notes', ts: 'string | null', column: "{ type: 'text', nullable: true }", validators: ['@IsOptional()', '@IsString()'], zod: 'z.string().nullable()' },
  { name: 'weightGrams', ts: 'number', column: "{ name: 'weight_grams', type: 'int', default: 0 }", validators: ['@IsInt()', '@Min(0)'], zod: 'z.number().int().min(0)' },
];

/** A module's shape: its fields, its dependencies and extra domain methods, decided once. */
function planModule(rng, info, index, names, groupSize) {
  const fields = rng.shuffle(FIELDS).slice(0, rng.int(5, 10));
  // Dependencies only on earlier modules of the same group: the module graph stays acyclic
  // (except for planted cycles) and each composition file is self-contained.
  const groupStart = index - (index % groupSize);
  const candidates = [];
  for (let j = groupStart; j < index; j++) candidates.push(j);
  const deps = rng.shuffle(candidates).slice(0, Math.min(candidates.length, rng.pick([0, 1, 1, 2, 2, 3])));
  const verbs = rng.shuffle(['activate', 'archive', 'restore', 'approve', 'reject', 'lock', 'unlock', 'publish', 'suspend', 'reopen']).slice(0, rng.int(2, 5));
  return { ...info, index, fields, deps: deps.map((j) => moduleInfo(names[j])), verbs, related: deps.length > 0 && rng.chance(0.5) ? moduleInfo(names[deps[0]]) : undefined };
}

/** Which modules carry a planted problem: ~1% of files, the four kinds in turn. */
function planViolations(rng, modules, files) {
  const kinds = ['controller-imports-repository', 'service-cycle', 'swallowed-error', 'hardcoded-secret'];
  const wanted = Math.max(kinds.length, Math.round(files / 100));
  const order = rng.shuffle(modules.map((m) => m.index));
  const byModule = new Map();
  const planted = [];
  for (let k = 0; k < wanted && k < order.length; k++) {
    const mod = modules[order[k]];
    const kind = kinds[k % kinds.length];
    if (kind === 'service-cycle' && mod.deps.length === 0) continue; // needs a partner to import back
    byModule.set(mod.index, kind);
    planted.push({ kind, module: mod.name, ...(kind === 'service-cycle' ? { partner: mod.deps[0].name } : {}) });
  }
  return { byModule, planted };
}

const join = (...parts) => `${parts.flat(Infinity).filter((p) => p !== null && p !== undefined && p !== false).join('\n')}\n`;
const sampleValue = (field, i) => ({ string: `'${field.name}-${i}'`, number: `${i}`, boolean: 'true' })[field.ts.split(' ')[0]] ?? 'null';

// ---------------------------------------------------------------------------------------------
// NestJS

const nest = {
  filesPerModule: 8,

  module(m, kind) {
    const dir = `src/modules/${m.name}`;
    return {
      [`${dir}/entities/${m.name}.entity.ts`]: nest.entity(m),
      [`${dir}/dto/create-${m.name}.dto.ts`]: nest.createDto(m),
      [`${dir}/dto/update-${m.name}.dto.ts`]: nest.updateDto(m),
      [`${dir}/${m.name}.repository.ts`]: nest.repository(m),
      [`${dir}/${m.name}.service.ts`]: nest.service(m, kind),
      [`${dir}/${m.name}.controller.ts`]: nest.controller(m, kind),
      [`${dir}/${m.name}.module.ts`]: nest.nestModule(m),
      [`${dir}/index.ts`]: join(`export * from './${m.name}.module';`, `export * from './${m.name}.service';`, `export * from './entities/${m.name}.entity';`, `export * from './dto/create-${m.name}.dto';`),
    };
  },

  entity(m) {
    const imports = ['Column', 'Entity', 'Index', ...(m.related ? ['JoinColumn', 'ManyToOne'] : [])].sort();
    return join(
      `import { ${imports.join(', ')} } from 'typeorm';`,
      `import { BaseEntity } from '@common/database/base.entity';`,
      m.related && `import { ${m.related.Cls} } from '@modules/${m.related.name}/entities/${m.related.name}.entity';`,
      '',
      `/** A ${m.title} as stored in the \`${m.table}\` table. */`,
      `@Entity({ name: '${m.table}' })`,
      `@Index(['createdAt'])`,
      `export class ${m.Cls} extends BaseEntity {`,
      m.fields.map((f) => [`  /** ${humanize(f.name)} of the ${m.title}. */`, `  @Column(${f.column})`, `  ${f.name}!: ${f.ts};`, '']),
      m.related && [
        `  @ManyToOne(() => ${m.related.Cls}, { nullable: true, onDelete: 'SET NULL' })`,
        `  @JoinColumn({ name: '${snake(m.related.name)}_id' })`,
        `  ${m.related.cls}!: ${m.related.Cls} | null;`,
        '',
        `  @Column({ name: '${snake(m.related.name)}_id', nullable: true })`,
        `  ${m.related.cls}Id!: number | null;`,
        '',
      ],
      `  /** Shown in lists and audit entries. */`,
      `  get label(): string {`,
      `    return \`${m.Cls} #\${this.id}\`;`,
      `  }`,
      `}`,
    );
  },

  createDto(m) {
    const validators = [...new Set(m.fields.flatMap((f) => f.validators.map((v) => v.slice(1, v.indexOf('(')))))].sort();
    return join(
      `import { ${validators.join(', ')} } from 'class-validator';`,
      '',
      `/** Body of POST /v1/${m.route}; validated by the global ValidationPipe. */`,
      `export class Create${m.Cls}Dto {`,
      m.fields.map((f) => [`  /** ${humanize(f.name)}${f.ts.includes('null') ? ' (optional)' : ''}. */`, f.validators.map((v) => `  ${v}`), `  ${f.name}${f.ts.includes('null') ? '?' : '!'}: ${f.ts.replace(' | null', '').replace('Date', 'string')};`, '']),
      m.related && [`  @IsOptional()`, `  ${m.related.cls}Id?: number;`],
      `}`,
    );
  },

  updateDto(m) {
    return join(
      `import { PartialType } from '@nestjs/mapped-types';`,
      `import { IsOptional, IsString, MaxLength } from 'class-validator';`,
      `import { Create${m.Cls}Dto } from './create-${m.name}.dto';`,
      '',
      `/** Body of PATCH /v1/${m.route}/:id: every field optional, plus a reason for the audit log. */`,
      `export class Update${m.Cls}Dto extends PartialType(Create${m.Cls}Dto) {`,
      `  @IsOptional()`,
      `  @IsString()`,
      `  @MaxLength(500)`,
      `  changeReason?: string;`,
      `}`,
    );
  },

  repository(m) {
    const lookup = m.fields.find((f) => f.name === 'code' || f.name === 'slug' || f.name === 'email');
    return join(
      `import { Injectable } from '@nestjs/common';`,
      `import { InjectRepository } from '@nestjs/typeorm';`,
      `import { Repository } from 'typeorm';`,
      `import { ${m.Cls} } from './entities/${m.name}.entity';`,
      '',
      `/** Persistence of ${m.title}s; the only place that talks to TypeORM for them. */`,
      `@Injectable()`,
      `export class ${m.Cls}Repository {`,
      `  constructor(@InjectRepository(${m.Cls}) private readonly repo: Repository<${m.Cls}>) {}`,
      '',
      `  findById(id: number): Promise<${m.Cls} | null> {`,
      `    return this.repo.findOneBy({ id });`,
      `  }`,
      '',
      `  findPage(page: number, pageSize: number): Promise<[${m.Cls}[], number]> {`,
      `    return this.repo.findAndCount({`,
      `      order: { createdAt: 'DESC' },`,
      `      skip: (page - 1) * pageSize,`,
      `      take: pageSize,`,
      `    });`,
      `  }`,
      '',
      lookup && [
        `  findBy${pascal(lookup.name)}(${lookup.name}: string): Promise<${m.Cls} | null> {`,
        `    return this.repo.findOneBy({ ${lookup.name} });`,
        `  }`,
        '',
      ],
      `  /** Case-insensitive search on the ${m.fields[0].name}, newest first. */`,
      `  search(term: string, limit = 20): Promise<${m.Cls}[]> {`,
      `    return this.repo`,
      `      .createQueryBuilder('${m.cls}')`,
      `      .where('LOWER(${m.cls}.${m.fields[0].name}) LIKE :term', { term: \`%\${term.toLowerCase()}%\` })`,
      `      .orderBy('${m.cls}.createdAt', 'DESC')`,
      `      .limit(limit)`,
      `      .getMany();`,
      `  }`,
      '',
      `  async exists(id: number): Promise<boolean> {`,
      `    return (await this.repo.countBy({ id })) > 0;`,
      `  }`,
      '',
      `  findByIds(ids: readonly number[]): Promise<${m.Cls}[]> {`,
      `    return this.repo.createQueryBuilder('${m.cls}').where('${m.cls}.id IN (:...ids)', { ids }).getMany();`,
      `  }`,
      '',
      `  create(fields: Partial<${m.Cls}>): Promise<${m.Cls}> {`,
      `    return this.repo.save(this.repo.create(fields));`,
      `  }`,
      '',
      `  async update(id: number, fields: Partial<${m.Cls}>): Promise<${m.Cls} | null> {`,
      `    await this.repo.update({ id }, fields);`,
      `    return this.findById(id);`,
      `  }`,
      '',
      `  async remove(id: number): Promise<boolean> {`,
      `    const result = await this.repo.delete({ id });`,
      `    return (result.affected ?? 0) > 0;`,
      `  }`,
      '',
      `  count(): Promise<number> {`,
      `    return this.repo.count();`,
      `  }`,
      `}`,
    );
  },

  service(m, kind) {
    const lookup = m.fields.find((f) => f.name === 'code' || f.name === 'slug' || f.name === 'email');
    const cyclePartner = kind === 'service-cycle' ? m.deps[0] : undefined;
    return join(
      `import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';`,
      `import { paginate, type Page } from '@common/utils/pagination';`,
      `import { DomainError } from '@common/errors/domain-error';`,
      m.deps.map((d) => `import { ${d.Cls}Service } from '@modules/${d.name}';`),
      `import { Create${m.Cls}Dto } from './dto/create-${m.name}.dto';`,
      `import { Update${m.Cls}Dto } from './dto/update-${m.name}.dto';`,
      `import { ${m.Cls} } from './entities/${m.name}.entity';`,
      `import { ${m.Cls}Repository } from './${m.name}.repository';`,
      '',
      `/** How many ${m.title}s a page returns when the client does not say. */`,
      `export const ${snake(m.name).toUpperCase()}_PAGE_SIZE = 25;`,
      '',
      `/** Human-readable one-liner, also used by other modules in their audit messages. */`,
      `export function describe${m.Cls}(entity: Pick<${m.Cls}, 'id'>): string {`,
      `  return \`${m.title} \${entity.id}\`;`,
      `}`,
      '',
      kind === 'hardcoded-secret' && [`const apiKey = 'sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'.slice(0, 12)}${m.index.toString(36).padStart(12, 'q')}';`, ''],
      `@Injectable()`,
      `export class ${m.Cls}Service {`,
      `  private readonly logger = new Logger(${m.Cls}Service.name);`,
      '',
      `  constructor(`,
      `    private readonly repository: ${m.Cls}Repository,`,
      m.deps.map((d) => `    private readonly ${d.cls}Service: ${d.Cls}Service,`),
      `  ) {}`,
      '',
      `  async findPage(page = 1, pageSize = ${snake(m.name).toUpperCase()}_PAGE_SIZE): Promise<Page<${m.Cls}>> {`,
      `    const [items, total] = await this.repository.findPage(page, pageSize);`,
      `    return paginate(items, total, page, pageSize);`,
      `  }`,
      '',
      `  async findById(id: number): Promise<${m.Cls}> {`,
      `    const entity = await this.repository.findById(id);`,
      `    if (!entity) throw new NotFoundException(\`${m.Cls} \${id} not found\`);`,
      `    return entity;`,
      `  }`,
      '',
      `  async create(dto: Create${m.Cls}Dto): Promise<${m.Cls}> {`,
      lookup && [
        `    if (await this.repository.findBy${pascal(lookup.name)}(dto.${lookup.name})) {`,
        `      throw new ConflictException(\`A ${m.title} with ${lookup.name} \${dto.${lookup.name}} already exists\`);`,
        `    }`,
      ],
      m.related && [`    if (dto.${m.related.cls}Id !== undefined) await this.${m.related.cls}Service.findById(dto.${m.related.cls}Id);`],
      `    const created = await this.repository.create({ ...dto } as Partial<${m.Cls}>);`,
      `    this.logger.log(\`created \${describe${m.Cls}(created)}\`);`,
      `    return created;`,
      `  }`,
      '',
      `  async update(id: number, dto: Update${m.Cls}Dto): Promise<${m.Cls}> {`,
      `    const { changeReason, ...fields } = dto;`,
      `    const updated = await this.repository.update(id, fields as Partial<${m.Cls}>);`,
      `    if (!updated) throw new NotFoundException(\`${m.Cls} \${id} not found\`);`,
      `    this.logger.log(\`updated \${describe${m.Cls}(updated)}: \${changeReason ?? 'no reason given'}\`);`,
      `    return updated;`,
      `  }`,
      '',
      `  async remove(id: number): Promise<void> {`,
      `    if (!(await this.repository.remove(id))) throw new NotFoundException(\`${m.Cls} \${id} not found\`);`,
      `  }`,
      '',
      `  /** Search box of the admin UI: short terms would match everything, so they are refused. */`,
      `  search(term: string): Promise<${m.Cls}[]> {`,
      `    const trimmed = term.trim();`,
      `    if (trimmed.length < 2) throw new DomainError('${m.name}.search.too-short', 'Type at least two characters');`,
      `    return this.repository.search(trimmed);`,
      `  }`,
      '',
      m.verbs.map((verb) => nest.verbMethod(m, verb)),
      m.deps.map((d) => [
        `  /** The ${m.title} with a summary of the ${d.title}s it relates to. */`,
        `  async with${d.Cls}Summary(id: number): Promise<{ ${m.cls}: ${m.Cls}; ${d.cls}Count: number }> {`,
        `    const ${m.cls} = await this.findById(id);`,
        `    const page = await this.${d.cls}Service.findPage(1, 1);`,
        `    return { ${m.cls}, ${d.cls}Count: page.total };`,
        `  }`,
        '',
      ]),
      kind === 'swallowed-error' && [
        `  async refreshStatistics(): Promise<number> {`,
        `    let total = 0;`,
        `    try {`,
        `      total = await this.repository.count();`,
        `    } catch {}`,
        `    return total;`,
        `  }`,
        '',
      ],
      kind === 'hardcoded-secret' && [
        `  paymentHeaders(): Record<string, string> {`,
        `    return { Authorization: \`Bearer \${apiKey}\` };`,
        `  }`,
        '',
      ],
      cyclePartner && [
        `  /** Audit text naming the related ${cyclePartner.title}. */`,
        `  auditLine(id: number): string {`,
        `    return \`${m.title} \${id} follows \${describe${cyclePartner.Cls}({ id })}\`;`,
        `  }`,
        '',
      ],
      `}`,
    );
  },

  verbMethod(m, verb) {
    const Verb = pascal(verb);
    return [
      `  /** ${Verb}s a ${m.title}; refuses when it is already in that state. */`,
      `  async ${verb}(id: number): Promise<${m.Cls}> {`,
      `    const entity = await this.findById(id);`,
      `    if (entity.updatedAt && Date.now() - entity.updatedAt.getTime() < 1000) {`,
      `      throw new DomainError('${m.name}.${verb}.too-soon', \`${m.Cls} \${id} changed a moment ago; retry\`);`,
      `    }`,
      `    const updated = await this.repository.update(id, { updatedAt: new Date() } as Partial<${m.Cls}>);`,
      `    this.logger.log(\`${verb} \${describe${m.Cls}(entity)}\`);`,
      `    return updated ?? entity;`,
      `  }`,
      '',
    ];
  },

  controller(m, kind) {
    const viaRepository = kind === 'controller-imports-repository';
    return join(
      `import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';`,
      `import { ApiKeyGuard } from '@common/guards/api-key.guard';`,
      `import { PaginationQueryDto } from '@common/dto/pagination-query.dto';`,
      `import type { Page } from '@common/utils/pagination';`,
      `import { Create${m.Cls}Dto } from './dto/create-${m.name}.dto';`,
      `import { Update${m.Cls}Dto } from './dto/update-${m.name}.dto';`,
      `import { ${m.Cls} } from './entities/${m.name}.entity';`,
      `import { ${m.Cls}Service } from './${m.name}.service';`,
      viaRepository && `import { ${m.Cls}Repository } from './${m.name}.repository';`,
      '',
      `@Controller({ path: '${m.route}', version: '1' })`,
      `export class ${m.Cls}Controller {`,
      viaRepository
        ? [`  constructor(`, `    private readonly service: ${m.Cls}Service,`, `    private readonly repository: ${m.Cls}Repository,`, `  ) {}`]
        : `  constructor(private readonly service: ${m.Cls}Service) {}`,
      '',
      `  @Get()`,
      `  list(@Query() query: PaginationQueryDto): Promise<Page<${m.Cls}>> {`,
      `    return this.service.findPage(query.page, query.pageSize);`,
      `  }`,
      '',
      `  @Get('search')`,
      `  search(@Query('q') term: string): Promise<${m.Cls}[]> {`,
      `    return this.service.search(term ?? '');`,
      `  }`,
      '',
      viaRepository && [`  @Get('count')`, `  count(): Promise<number> {`, `    return this.repository.count();`, `  }`, ''],
      `  @Get(':id')`,
      `  findOne(@Param('id', ParseIntPipe) id: number): Promise<${m.Cls}> {`,
      `    return this.service.findById(id);`,
      `  }`,
      '',
      `  @Post()`,
      `  @HttpCode(201)`,
      `  @UseGuards(ApiKeyGuard)`,
      `  create(@Body() dto: Create${m.Cls}Dto): Promise<${m.Cls}> {`,
      `    return this.service.create(dto);`,
      `  }`,
      '',
      `  @Patch(':id')`,
      `  @UseGuards(ApiKeyGuard)`,
      `  update(@Param('id', ParseIntPipe) id: number, @Body() dto: Update${m.Cls}Dto): Promise<${m.Cls}> {`,
      `    return this.service.update(id, dto);`,
      `  }`,
      '',
      `  @Delete(':id')`,
      `  @HttpCode(204)`,
      `  @UseGuards(ApiKeyGuard)`,
      `  async remove(@Param('id', ParseIntPipe) id: number): Promise<void> {`,
      `    await this.service.remove(id);`,
      `  }`,
      m.verbs.map((verb) => [
        '',
        `  @Post(':id/${verb}')`,
        `  @HttpCode(200)`,
        `  @UseGuards(ApiKeyGuard)`,
        `  ${verb}(@Param('id', ParseIntPipe) id: number): Promise<${m.Cls}> {`,
        `    return this.service.${verb}(id);`,
        `  }`,
      ]),
      `}`,
    );
  },

  nestModule(m) {
    return join(
      `import { Module } from '@nestjs/common';`,
      `import { TypeOrmModule } from '@nestjs/typeorm';`,
      m.deps.map((d) => `import { ${d.Cls}Module } from '@modules/${d.name}/${d.name}.module';`),
      `import { ${m.Cls} } from './entities/${m.name}.entity';`,
      `import { ${m.Cls}Controller } from './${m.name}.controller';`,
      `import { ${m.Cls}Repository } from './${m.name}.repository';`,
      `import { ${m.Cls}Service } from './${m.name}.service';`,
      '',
      `@Module({`,
      `  imports: [TypeOrmModule.forFeature([${m.Cls}])${m.deps.map((d) => `, ${d.Cls}Module`).join('')}],`,
      `  controllers: [${m.Cls}Controller],`,
      `  providers: [${m.Cls}Service, ${m.Cls}Repository],`,
      `  exports: [${m.Cls}Service],`,
      `})`,
      `export class ${m.Cls}Module {}`,
    );
  },

  /** One Nest module per group of feature modules, imported by AppModule (a domain module). */
  group(k, members) {
    return join(
      `import { Module } from '@nestjs/common';`,
      members.map((m) => `import { ${m.Cls}Module } from '@modules/${m.name}';`),
      '',
      `/** Feature modules of domain ${k}, registered together. */`,
      `@Module({`,
      `  imports: [`,
      members.map((m) => `    ${m.Cls}Module,`),
      `  ],`,
      `})`,
      `export class Domain${k}Module {}`,
    );
  },

  shared(groups) {
    return {
      'src/main.ts': join(
        `import { ValidationPipe, VersioningType } from '@nestjs/common';`,
        `import { NestFactory } from '@nestjs/core';`,
        `import { AppModule } from './app.module';`,
        `import { appConfig } from '@app/config/app.config';`,
        `import { HttpExceptionFilter } from '@common/filters/http-exception.filter';`,
        `import { LoggingInterceptor } from '@common/interceptors/logging.interceptor';`,
        '',
        `async function bootstrap(): Promise<void> {`,
        `  const app = await NestFactory.create(AppModule);`,
        `  app.enableVersioning({ type: VersioningType.URI });`,
        `  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));`,
        `  app.useGlobalFilters(new HttpExceptionFilter());`,
        `  app.useGlobalInterceptors(new LoggingInterceptor());`,
        `  await app.listen(appConfig().port);`,
        `}`,
        '',
        `void bootstrap();`,
      ),
      'src/app.module.ts': join(
        `import { Module } from '@nestjs/common';`,
        `import { TypeOrmModule } from '@nestjs/typeorm';`,
        `import { databaseConfig } from './config/database.config';`,
        groups.map((k) => `import { Domain${k}Module } from './domains/domain-${k}.module';`),
        '',
        `@Module({`,
        `  imports: [TypeOrmModule.forRoot(databaseConfig()), ${groups.map((k) => `Domain${k}Module`).join(', ')}],`,
        `})`,
        `export class AppModule {}`,
      ),
      'src/config/app.config.ts': join(
        `export interface AppConfig {`,
        `  readonly port: number;`,
        `  readonly apiKeys: readonly string[];`,
        `}`,
        '',
        `export function appConfig(): AppConfig {`,
        `  return {`,
        `    port: Number(process.env.PORT ?? 3000),`,
        `    apiKeys: (process.env.API_KEYS ?? '').split(',').filter(Boolean),`,
        `  };`,
        `}`,
      ),
      'src/config/database.config.ts': join(
        `import type { TypeOrmModuleOptions } from '@nestjs/typeorm';`,
        '',
        `export function databaseConfig(): TypeOrmModuleOptions {`,
        `  return {`,
        `    type: 'postgres',`,
        `    url: process.env.DATABASE_URL,`,
        `    autoLoadEntities: true,`,
        `    synchronize: false,`,
        `  };`,
        `}`,
      ),
      'src/common/database/base.entity.ts': join(
        `import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';`,
        '',
        `/** Columns every table has. */`,
        `export abstract class BaseEntity {`,
        `  @PrimaryGeneratedColumn()`,
        `  id!: number;`,
        '',
        `  @CreateDateColumn({ name: 'created_at' })`,
        `  createdAt!: Date;`,
        '',
        `  @UpdateDateColumn({ name: 'updated_at' })`,
        `  updatedAt!: Date | null;`,
        `}`,
      ),
      'src/common/dto/pagination-query.dto.ts': join(
        `import { Type } from 'class-transformer';`,
        `import { IsInt, IsOptional, Max, Min } from 'class-validator';`,
        '',
        `export class PaginationQueryDto {`,
        `  @IsOptional()`,
        `  @Type(() => Number)`,
        `  @IsInt()`,
        `  @Min(1)`,
        `  page?: number;`,
        '',
        `  @IsOptional()`,
        `  @Type(() => Number)`,
        `  @IsInt()`,
        `  @Min(1)`,
        `  @Max(100)`,
        `  pageSize?: number;`,
        `}`,
      ),
      'src/common/guards/api-key.guard.ts': join(
        `import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';`,
        `import { appConfig } from '@app/config/app.config';`,
        '',
        `@Injectable()`,
        `export class ApiKeyGuard implements CanActivate {`,
        `  canActivate(context: ExecutionContext): boolean {`,
        `    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();`,
        `    const key = request.headers['x-api-key'];`,
        `    if (!key || !appConfig().apiKeys.includes(key)) throw new UnauthorizedException();`,
        `    return true;`,
        `  }`,
        `}`,
      ),
      'src/common/filters/http-exception.filter.ts': join(
        `import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';`,
        `import { DomainError } from '../errors/domain-error';`,
        '',
        `@Catch(DomainError, HttpException)`,
        `export class HttpExceptionFilter implements ExceptionFilter {`,
        `  catch(exception: DomainError | HttpException, host: ArgumentsHost): void {`,
        `    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();`,
        `    if (exception instanceof DomainError) {`,
        `      response.status(422).json({ error: exception.code, message: exception.message });`,
        `      return;`,
        `    }`,
        `    response.status(exception.getStatus()).json(exception.getResponse());`,
        `  }`,
        `}`,
      ),
      'src/common/interceptors/logging.interceptor.ts': join(
        `import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';`,
        `import { Observable, tap } from 'rxjs';`,
        '',
        `@Injectable()`,
        `export class LoggingInterceptor implements NestInterceptor {`,
        `  private readonly logger = new Logger('HTTP');`,
        '',
        `  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {`,
        `    const started = Date.now();`,
        `    const request = context.switchToHttp().getRequest<{ method: string; url: string }>();`,
        `    return next.handle().pipe(tap(() => this.logger.log(\`\${request.method} \${request.url} \${Date.now() - started}ms\`)));`,
        `  }`,
        `}`,
      ),
      ...commonUtilities(),
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Express + knex + zod, wired by hand (constructor injection, one composition file per group)

const express = {
  filesPerModule: 7,

  module(m, kind) {
    const dir = `src/modules/${m.name}`;
    return {
      [`${dir}/${m.name}.model.ts`]: express.model(m),
      [`${dir}/${m.name}.schema.ts`]: express.schema(m),
      [`${dir}/${m.name}.repository.ts`]: express.repository(m),
      [`${dir}/${m.name}.service.ts`]: express.service(m, kind),
      [`${dir}/${m.name}.controller.ts`]: express.controller(m, kind),
      [`${dir}/${m.name}.routes.ts`]: express.routes(m),
      [`${dir}/index.ts`]: join(
        `export * from './${m.name}.model';`,
        `export * from './${m.name}.service';`,
        `export * from './${m.name}.repository';`,
        `export * from './${m.name}.controller';`,
        `export * from './${m.name}.routes';`,
      ),
    };
  },

  model(m) {
    return join(
      `/** A ${m.title} as the service layer sees it. */`,
      `export interface ${m.Cls} {`,
      `  id: number;`,
      m.fields.map((f) => `  ${f.name}: ${f.ts};`),
      m.related && `  ${m.related.cls}Id: number | null;`,
      `  createdAt: Date;`,
      `}`,
      '',
      `/** A row of the \`${m.table}\` table. */`,
      `export interface ${m.Cls}Row {`,
      `  id: number;`,
      m.fields.map((f) => `  ${snake(f.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))}: ${f.ts};`),
      m.related && `  ${snake(m.related.name)}_id: number | null;`,
      `  created_at: Date;`,
      `}`,
      '',
      `export type New${m.Cls} = Omit<${m.Cls}, 'id' | 'createdAt'>;`,
      '',
      `export function to${m.Cls}(row: ${m.Cls}Row): ${m.Cls} {`,
      `  return {`,
      `    id: row.id,`,
      m.fields.map((f) => `    ${f.name}: row.${snake(f.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))},`),
      m.related && `    ${m.related.cls}Id: row.${snake(m.related.name)}_id,`,
      `    createdAt: row.created_at,`,
      `  };`,
      `}`,
      '',
      `export function to${m.Cls}Row(entity: New${m.Cls}): Omit<${m.Cls}Row, 'id' | 'created_at'> {`,
      `  return {`,
      m.fields.map((f) => `    ${snake(f.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))}: entity.${f.name},`),
      m.related && `    ${snake(m.related.name)}_id: entity.${m.related.cls}Id,`,
      `  };`,
      `}`,
    );
  },

  schema(m) {
    return join(
      `import { z } from 'zod';`,
      `import { paginationSchema } from '@common/utils/pagination';`,
      '',
      `export const create${m.Cls}Schema = z.object({`,
      m.fields.map((f) => [`  /** ${humanize(f.name)}. */`, `  ${f.name}: ${f.zod},`]),
      m.related && `  ${m.related.cls}Id: z.number().int().positive().nullable(),`,
      `});`,
      '',
      `export const update${m.Cls}Schema = create${m.Cls}Schema.partial();`,
      '',
      `export const list${m.Cls}QuerySchema = paginationSchema.extend({`,
      `  search: z.string().trim().max(100).optional(),`,
      `});`,
      '',
      `export type Create${m.Cls}Input = z.infer<typeof create${m.Cls}Schema>;`,
      `export type Update${m.Cls}Input = z.infer<typeof update${m.Cls}Schema>;`,
      `export type List${m.Cls}Query = z.infer<typeof list${m.Cls}QuerySchema>;`,
    );
  },

  repository(m) {
    return join(
      `import type { Knex } from 'knex';`,
      `import { type ${m.Cls}, type ${m.Cls}Row, type New${m.Cls}, to${m.Cls}, to${m.Cls}Row } from './${m.name}.model';`,
      '',
      `const TABLE = '${m.table}';`,
      '',
      `/** Persistence of ${m.title}s; the only place that writes SQL for them. */`,
      `export class ${m.Cls}Repository {`,
      `  constructor(private readonly db: Knex) {}`,
      '',
      `  async findById(id: number): Promise<${m.Cls} | undefined> {`,
      `    const row = await this.db<${m.Cls}Row>(TABLE).where({ id }).first();`,
      `    return row && to${m.Cls}(row);`,
      `  }`,
      '',
      `  async list(limit: number, offset: number, search?: string): Promise<${m.Cls}[]> {`,
      `    const query = this.db<${m.Cls}Row>(TABLE).orderBy('id').limit(limit).offset(offset);`,
      `    if (search) query.whereILike('${snake(m.fields[0].name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))}', \`%\${search}%\`);`,
      `    const rows = await query;`,
      `    return rows.map(to${m.Cls});`,
      `  }`,
      '',
      `  async listByIds(ids: readonly number[]): Promise<${m.Cls}[]> {`,
      `    if (ids.length === 0) return [];`,
      `    const rows = await this.db<${m.Cls}Row>(TABLE).whereIn('id', ids);`,
      `    return rows.map(to${m.Cls});`,
      `  }`,
      '',
      `  async exists(id: number): Promise<boolean> {`,
      `    const row = await this.db(TABLE).where({ id }).first('id');`,
      `    return row !== undefined;`,
      `  }`,
      '',
      `  async count(): Promise<number> {`,
      `    const [row] = await this.db(TABLE).count<{ count: string }[]>('id as count');`,
      `    return Number(row?.count ?? 0);`,
      `  }`,
      '',
      `  async insert(entity: New${m.Cls}): Promise<${m.Cls}> {`,
      `    const [row] = await this.db(TABLE).insert(to${m.Cls}Row(entity)).returning<${m.Cls}Row[]>('*');`,
      `    return to${m.Cls}(row);`,
      `  }`,
      '',
      `  async update(id: number, fields: Partial<New${m.Cls}>): Promise<${m.Cls} | undefined> {`,
      `    const [row] = await this.db(TABLE).where({ id }).update(fields).returning<${m.Cls}Row[]>('*');`,
      `    return row && to${m.Cls}(row);`,
      `  }`,
      '',
      `  async remove(id: number): Promise<boolean> {`,
      `    return (await this.db(TABLE).where({ id }).delete()) > 0;`,
      `  }`,
      `}`,
    );
  },

  service(m, kind) {
    const cyclePartner = kind === 'service-cycle' ? m.deps[0] : undefined;
    return join(
      `import { NotFoundError, UnprocessableError } from '@common/errors';`,
      `import { logger } from '@common/logger';`,
      m.deps.map((d) => `import { ${d.Cls}Service${cyclePartner === d ? `, describe${d.Cls}` : ''} } from '@modules/${d.name}/${d.name}.service';`),
      `import type { ${m.Cls}, New${m.Cls} } from './${m.name}.model';`,
      `import { ${m.Cls}Repository } from './${m.name}.repository';`,
      `import type { Create${m.Cls}Input, List${m.Cls}Query, Update${m.Cls}Input } from './${m.name}.schema';`,
      '',
      `/** Human-readable one-liner, also used by other modules in their log lines. */`,
      `export function describe${m.Cls}(entity: Pick<${m.Cls}, 'id'>): string {`,
      `  return \`${m.title} \${entity.id}\`;`,
      `}`,
      '',
      kind === 'hardcoded-secret' && [`const apiKey = 'sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'.slice(0, 12)}${m.index.toString(36).padStart(12, 'q')}';`, ''],
      `export class ${m.Cls}Service {`,
      `  constructor(`,
      `    private readonly repository: ${m.Cls}Repository,`,
      m.deps.map((d) => `    private readonly ${d.cls}Service: ${d.Cls}Service,`),
      `  ) {}`,
      '',
      `  list(query: List${m.Cls}Query): Promise<${m.Cls}[]> {`,
      `    return this.repository.list(query.pageSize, (query.page - 1) * query.pageSize, query.search);`,
      `  }`,
      '',
      `  async getById(id: number): Promise<${m.Cls}> {`,
      `    const entity = await this.repository.findById(id);`,
      `    if (!entity) throw new NotFoundError('${m.Cls}', id);`,
      `    return entity;`,
      `  }`,
      '',
      `  async create(input: Create${m.Cls}Input): Promise<${m.Cls}> {`,
      m.related && `    if (input.${m.related.cls}Id !== null) await this.${m.related.cls}Service.getById(input.${m.related.cls}Id);`,
      `    const created = await this.repository.insert(input as New${m.Cls});`,
      `    logger.info(\`created \${describe${m.Cls}(created)}\`);`,
      `    return created;`,
      `  }`,
      '',
      `  async update(id: number, input: Update${m.Cls}Input): Promise<${m.Cls}> {`,
      `    const updated = await this.repository.update(id, input as Partial<New${m.Cls}>);`,
      `    if (!updated) throw new NotFoundError('${m.Cls}', id);`,
      `    return updated;`,
      `  }`,
      '',
      `  async remove(id: number): Promise<void> {`,
      `    if (!(await this.repository.remove(id))) throw new NotFoundError('${m.Cls}', id);`,
      `  }`,
      m.verbs.map((verb) => [
        '',
        `  async ${verb}(id: number): Promise<${m.Cls}> {`,
        `    const entity = await this.getById(id);`,
        `    if (Date.now() - entity.createdAt.getTime() < 1000) {`,
        `      throw new UnprocessableError(\`${m.Cls} \${id} was created a moment ago; cannot ${verb} yet\`);`,
        `    }`,
        `    logger.info(\`${verb} \${describe${m.Cls}(entity)}\`);`,
        `    return entity;`,
        `  }`,
      ]),
      m.deps.map((d) => [
        '',
        `  async with${d.Cls}Count(id: number): Promise<{ ${m.cls}: ${m.Cls}; ${d.cls}Count: number }> {`,
        `    const ${m.cls} = await this.getById(id);`,
        `    const ${d.cls}List = await this.${d.cls}Service.list({ page: 1, pageSize: 100 });`,
        `    return { ${m.cls}, ${d.cls}Count: ${d.cls}List.length };`,
        `  }`,
      ]),
      kind === 'swallowed-error' && ['', `  async countSafely(): Promise<number> {`, `    let total = 0;`, `    try {`, `      total = await this.repository.count();`, `    } catch {}`, `    return total;`, `  }`],
      kind === 'hardcoded-secret' && ['', `  paymentHeaders(): Record<string, string> {`, `    return { Authorization: \`Bearer \${apiKey}\` };`, `  }`],
      cyclePartner && ['', `  auditLine(id: number): string {`, `    return \`${m.title} \${id} follows \${describe${cyclePartner.Cls}({ id })}\`;`, `  }`],
      `}`,
    );
  },

  controller(m, kind) {
    const viaRepository = kind === 'controller-imports-repository';
    const handler = (name, body) => [
      '',
      `  ${name} = async (req: Request, res: Response, next: NextFunction): Promise<void> => {`,
      `    try {`,
      body.map((l) => `      ${l}`),
      `    } catch (err) {`,
      `      next(err);`,
      `    }`,
      `  };`,
    ];
    return join(
      `import type { NextFunction, Request, Response } from 'express';`,
      `import type { Create${m.Cls}Input, List${m.Cls}Query, Update${m.Cls}Input } from './${m.name}.schema';`,
      `import { ${m.Cls}Service } from './${m.name}.service';`,
      viaRepository && `import { ${m.Cls}Repository } from './${m.name}.repository';`,
      '',
      `export class ${m.Cls}Controller {`,
      viaRepository
        ? [`  constructor(`, `    private readonly service: ${m.Cls}Service,`, `    private readonly repository: ${m.Cls}Repository,`, `  ) {}`]
        : `  constructor(private readonly service: ${m.Cls}Service) {}`,
      handler('list', [`res.json(await this.service.list(req.query as unknown as List${m.Cls}Query));`]),
      viaRepository && handler('count', [`res.json({ count: await this.repository.count() });`]),
      handler('getById', [`res.json(await this.service.getById(Number(req.params.id)));`]),
      handler('create', [`const created = await this.service.create(req.body as Create${m.Cls}Input);`, `res.status(201).location(\`/v1/${m.route}/\${created.id}\`).json(created);`]),
      handler('update', [`res.json(await this.service.update(Number(req.params.id), req.body as Update${m.Cls}Input));`]),
      handler('remove', [`await this.service.remove(Number(req.params.id));`, `res.status(204).end();`]),
      m.verbs.map((verb) => handler(verb, [`res.json(await this.service.${verb}(Number(req.params.id)));`])),
      `}`,
    );
  },

  routes(m) {
    return join(
      `import { Router } from 'express';`,
      `import { validate } from '@common/middleware/validate';`,
      `import { idParamSchema } from '@common/utils/pagination';`,
      `import type { ${m.Cls}Controller } from './${m.name}.controller';`,
      `import { create${m.Cls}Schema, list${m.Cls}QuerySchema, update${m.Cls}Schema } from './${m.name}.schema';`,
      '',
      `export function ${m.cls}Routes(controller: ${m.Cls}Controller): Router {`,
      `  const router = Router();`,
      '',
      `  router.get('/', validate(list${m.Cls}QuerySchema, 'query'), controller.list);`,
      `  router.post('/', validate(create${m.Cls}Schema), controller.create);`,
      `  router.get('/:id', validate(idParamSchema, 'params'), controller.getById);`,
      `  router.patch('/:id', validate(idParamSchema, 'params'), validate(update${m.Cls}Schema), controller.update);`,
      `  router.delete('/:id', validate(idParamSchema, 'params'), controller.remove);`,
      m.verbs.map((verb) => `  router.post('/:id/${verb}', validate(idParamSchema, 'params'), controller.${verb});`),
      '',
      `  return router;`,
      `}`,
    );
  },

  /** Composition root of one group: creates repositories, services and controllers in order. */
  group(k, members) {
    return join(
      `import { Router } from 'express';`,
      `import type { Knex } from 'knex';`,
      members.map((m) => `import { ${m.Cls}Controller, ${m.Cls}Repository, ${m.Cls}Service, ${m.cls}Routes } from '@modules/${m.name}';`),
      '',
      `/** Wires the modules of domain ${k} by constructor injection and mounts their routes. */`,
      `export function domain${k}Router(db: Knex): Router {`,
      members.map((m) => `  const ${m.cls}Service = new ${m.Cls}Service(new ${m.Cls}Repository(db)${m.deps.map((d) => `, ${d.cls}Service`).join('')});`),
      '',
      `  const router = Router();`,
      members.map((m) =>
        m.plantedKind === 'controller-imports-repository'
          ? `  router.use('/${m.route}', ${m.cls}Routes(new ${m.Cls}Controller(${m.cls}Service, new ${m.Cls}Repository(db))));`
          : `  router.use('/${m.route}', ${m.cls}Routes(new ${m.Cls}Controller(${m.cls}Service)));`,
      ),
      `  return router;`,
      `}`,
    );
  },

  shared(groups) {
    return {
      'src/server.ts': join(
        `import { createApp } from './app';`,
        `import { env } from '@app/config/env';`,
        `import { db } from '@app/db';`,
        `import { logger } from '@common/logger';`,
        '',
        `const app = createApp(db);`,
        `const server = app.listen(env.PORT, () => logger.info(\`listening on :\${env.PORT}\`));`,
        '',
        `function shutdown(signal: NodeJS.Signals): void {`,
        `  logger.info(\`\${signal} received, closing\`);`,
        `  server.close(() => {`,
        `    db.destroy()`,
        `      .catch((err: unknown) => logger.error('closing the pool failed', err))`,
        `      .finally(() => process.exit(0));`,
        `  });`,
        `}`,
        '',
        `process.once('SIGTERM', shutdown);`,
        `process.once('SIGINT', shutdown);`,
      ),
      'src/app.ts': join(
        `import express, { type Express } from 'express';`,
        `import type { Knex } from 'knex';`,
        `import { errorHandler, notFound } from '@common/middleware/error-handler';`,
        groups.map((k) => `import { domain${k}Router } from './composition/domain-${k}';`),
        '',
        `export function createApp(db: Knex): Express {`,
        `  const app = express();`,
        `  app.disable('x-powered-by');`,
        `  app.use(express.json({ limit: '100kb' }));`,
        groups.map((k) => `  app.use('/v1', domain${k}Router(db));`),
        `  app.use(notFound);`,
        `  app.use(errorHandler);`,
        `  return app;`,
        `}`,
      ),
      'src/config/env.ts': join(
        `import { z } from 'zod';`,
        '',
        `const envSchema = z.object({`,
        `  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),`,
        `  PORT: z.coerce.number().int().positive().default(3000),`,
        `  DATABASE_URL: z.string().url(),`,
        `  DB_POOL_MAX: z.coerce.number().int().positive().default(10),`,
        `});`,
        '',
        `export const env = envSchema.parse(process.env);`,
      ),
      'src/db.ts': join(
        `import knex from 'knex';`,
        `import { env } from './config/env';`,
        '',
        `export const db = knex({`,
        `  client: 'pg',`,
        `  connection: env.DATABASE_URL,`,
        `  pool: { min: 0, max: env.DB_POOL_MAX },`,
        `});`,
      ),
      'src/common/middleware/validate.ts': join(
        `import type { NextFunction, Request, RequestHandler, Response } from 'express';`,
        `import type { ZodTypeAny } from 'zod';`,
        '',
        `type Source = 'body' | 'query' | 'params';`,
        '',
        `export function validate(schema: ZodTypeAny, source: Source = 'body'): RequestHandler {`,
        `  return (req: Request, res: Response, next: NextFunction): void => {`,
        `    const result = schema.safeParse(req[source]);`,
        `    if (!result.success) {`,
        `      res.status(400).json({ error: 'ValidationError', issues: result.error.issues });`,
        `      return;`,
        `    }`,
        `    req[source] = result.data;`,
        `    next();`,
        `  };`,
        `}`,
      ),
      'src/common/middleware/error-handler.ts': join(
        `import type { NextFunction, Request, Response } from 'express';`,
        `import { HttpError } from '../errors';`,
        `import { logger } from '../logger';`,
        '',
        `export function notFound(req: Request, res: Response): void {`,
        `  res.status(404).json({ error: 'NotFound', message: \`\${req.method} \${req.path} does not exist\` });`,
        `}`,
        '',
        `export function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {`,
        `  if (err instanceof HttpError) {`,
        `    res.status(err.status).json({ error: err.name, message: err.message, details: err.details });`,
        `    return;`,
        `  }`,
        `  logger.error('unhandled error', err);`,
        `  res.status(500).json({ error: 'InternalServerError' });`,
        `}`,
      ),
      'src/common/errors/index.ts': join(
        `export class HttpError extends Error {`,
        `  constructor(`,
        `    public readonly status: number,`,
        `    message: string,`,
        `    public readonly details?: unknown,`,
        `  ) {`,
        `    super(message);`,
        `    this.name = new.target.name;`,
        `  }`,
        `}`,
        '',
        `export class NotFoundError extends HttpError {`,
        `  constructor(resource: string, id: number | string) {`,
        `    super(404, \`\${resource} \${id} not found\`);`,
        `  }`,
        `}`,
        '',
        `export class UnprocessableError extends HttpError {`,
        `  constructor(message: string, details?: unknown) {`,
        `    super(422, message, details);`,
        `  }`,
        `}`,
      ),
      ...commonUtilities(),
    };
  },
};

/** Shared utilities both styles have under src/common/. */
function commonUtilities() {
  return {
    'src/common/utils/pagination.ts': join(
      `import { z } from 'zod';`,
      '',
      `export interface Page<T> {`,
      `  readonly items: readonly T[];`,
      `  readonly total: number;`,
      `  readonly page: number;`,
      `  readonly pageSize: number;`,
      `  readonly pages: number;`,
      `}`,
      '',
      `export function paginate<T>(items: readonly T[], total: number, page: number, pageSize: number): Page<T> {`,
      `  return { items, total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };`,
      `}`,
      '',
      `export const paginationSchema = z.object({`,
      `  page: z.coerce.number().int().min(1).default(1),`,
      `  pageSize: z.coerce.number().int().min(1).max(100).default(25),`,
      `});`,
      '',
      `export const idParamSchema = z.object({ id: z.coerce.number().int().positive() });`,
    ),
    'src/common/utils/strings.ts': join(
      `/** Lower-case, trimmed, inner whitespace collapsed: how names are compared. */`,
      `export function normalizeText(text: string): string {`,
      `  return text.trim().replace(/\\s+/g, ' ').toLowerCase();`,
      `}`,
      '',
      `export function slugify(text: string): string {`,
      `  return normalizeText(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');`,
      `}`,
    ),
    'src/common/errors/domain-error.ts': join(
      `/** A business rule refused the operation; answered with 422. */`,
      `export class DomainError extends Error {`,
      `  constructor(`,
      `    readonly code: string,`,
      `    message: string,`,
      `  ) {`,
      `    super(message);`,
      `    this.name = 'DomainError';`,
      `  }`,
      `}`,
    ),
    'src/common/logger/index.ts': join(
      `type Level = 'debug' | 'info' | 'warn' | 'error';`,
      '',
      `function write(level: Level, message: string, detail?: unknown): void {`,
      `  const line = JSON.stringify({ level, message, time: new Date().toISOString(), detail });`,
      `  if (level === 'error') process.stderr.write(\`\${line}\\n\`);`,
      `  else process.stdout.write(\`\${line}\\n\`);`,
      `}`,
      '',
      `export const logger = {`,
      `  debug: (message: string, detail?: unknown) => write('debug', message, detail),`,
      `  info: (message: string, detail?: unknown) => write('info', message, detail),`,
      `  warn: (message: string, detail?: unknown) => write('warn', message, detail),`,
      `  error: (message: string, detail?: unknown) => write('error', message, detail),`,
      `};`,
    ),
    'src/common/index.ts': join(`export * from './utils/pagination';`, `export * from './utils/strings';`, `export * from './errors/domain-error';`, `export * from './logger';`),
  };
}

/** Filler to reach the exact file count: small helpers of the kind every codebase accumulates. */
function helperFile(rng, k) {
  const fns = rng.int(3, 6);
  const body = [];
  for (let i = 0; i < fns; i++) {
    body.push(
      `/** Rounds to ${i + 1} decimals the way invoices of region ${k} expect. */`,
      `export function roundRegion${k}V${i}(value: number): number {`,
      `  const factor = 10 ** ${i + 1};`,
      `  return Math.round((value + Number.EPSILON) * factor) / factor;`,
      `}`,
      '',
    );
  }
  return join(`import { normalizeText } from '@common/utils/strings';`, '', `export const REGION_${k} = normalizeText(' Region ${k} ');`, '', body);
}

// ---------------------------------------------------------------------------------------------
// Project files and the driver

function projectFiles(style, name) {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      outDir: './dist',
      baseUrl: './',
      paths: { '@app/*': ['src/*'], '@common/*': ['src/common/*'], '@modules/*': ['src/modules/*'] },
      ...(style === 'nest' ? { experimentalDecorators: true, emitDecoratorMetadata: true } : {}),
    },
    include: ['src'],
  };
  const deps =
    style === 'nest'
      ? { '@nestjs/common': '^10.4.15', '@nestjs/core': '^10.4.15', '@nestjs/mapped-types': '^2.0.6', '@nestjs/typeorm': '^10.0.2', 'class-transformer': '^0.5.1', 'class-validator': '^0.14.1', pg: '^8.13.1', 'reflect-metadata': '^0.2.2', rxjs: '^7.8.1', typeorm: '^0.3.20' }
      : { express: '^4.21.2', knex: '^3.1.0', pg: '^8.13.1', zod: '^3.24.1' };
  const pkg = { name, version: '0.0.0', private: true, scripts: { build: 'tsc -p tsconfig.json' }, dependencies: deps, devDependencies: { typescript: '^5.7.2' } };
  return { 'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`, 'package.json': `${JSON.stringify(pkg, null, 2)}\n` };
}

const GROUP_SIZE = 25;

/**
 * Writes a synthetic backend of exactly `files` source files (.ts) into `outDir` (emptied first),
 * plus tsconfig.json, package.json and bench-manifest.json. Returns the manifest.
 */
export function generate({ style, files, outDir }) {
  if (style !== 'nest' && style !== 'express') throw new Error(`unknown style ${style}`);
  const kit = style === 'nest' ? nest : express;
  const rng = prng(hashSeed(`${style}:${files}`));

  // Fixed files first (shared code, one group file per GROUP_SIZE modules), modules fill the rest.
  const sharedCount = Object.keys(kit.shared([])).length;
  let modules = Math.floor((files - sharedCount) / kit.filesPerModule);
  while (modules > 0 && sharedCount + Math.ceil(modules / GROUP_SIZE) + modules * kit.filesPerModule > files) modules--;
  if (modules < 1) throw new Error(`${files} files are too few for a ${style} project`);
  const groupCount = Math.ceil(modules / GROUP_SIZE);
  const names = moduleNames(rng, modules);
  const plans = names.map((n, i) => planModule(rng, moduleInfo(n), i, names, GROUP_SIZE));
  const { byModule, planted } = planViolations(rng, plans, files);
  for (const p of plans) p.plantedKind = byModule.get(p.index);

  const out = new Map();
  const groups = Array.from({ length: groupCount }, (_, k) => k + 1);
  for (const [file, text] of Object.entries(kit.shared(groups))) out.set(file, text);
  for (const k of groups) {
    const members = plans.slice((k - 1) * GROUP_SIZE, k * GROUP_SIZE);
    out.set(style === 'nest' ? `src/domains/domain-${k}.module.ts` : `src/composition/domain-${k}.ts`, kit.group(k, members));
  }
  for (const plan of plans) for (const [file, text] of Object.entries(kit.module(plan, plan.plantedKind))) out.set(file, text);
  // A planted cycle: the partner (an earlier module) imports back from the later one.
  for (const p of planted.filter((x) => x.kind === 'service-cycle')) addCycleBackEdge(out, p);
  for (let k = 1; out.size < files; k++) out.set(`src/common/utils/region-${k}.ts`, helperFile(rng, k));

  fs.rmSync(outDir, { recursive: true, force: true });
  const dirs = new Set([...out.keys()].map((f) => path.dirname(path.join(outDir, f))));
  for (const dir of dirs) fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of out) fs.writeFileSync(path.join(outDir, file), text);

  const lines = [...out.values()].map((t) => t.split('\n').length - 1);
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    style,
    requestedFiles: files,
    sourceFiles: out.size,
    configFiles: 3,
    modules,
    lines: lines.reduce((a, b) => a + b, 0),
    meanLines: Math.round(lines.reduce((a, b) => a + b, 0) / lines.length),
    planted,
  };
  for (const [file, text] of Object.entries(projectFiles(style, `bench-${style}-${files}`))) fs.writeFileSync(path.join(outDir, file), text);
  fs.writeFileSync(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The partner service imports a helper from the planting service: A → B → A, a real cycle. */
function addCycleBackEdge(out, plant) {
  const m = moduleInfo(plant.module);
  const partner = moduleInfo(plant.partner);
  const file = `src/modules/${partner.name}/${partner.name}.service.ts`;
  const text = out.get(file);
  const importLine = `import { describe${m.Cls} } from '@modules/${m.name}/${m.name}.service';\n`;
  const method = [
    '',
    `  /** Names the ${m.title} that follows this ${partner.title} in audit entries. */`,
    `  followerLine(id: number): string {`,
    `    return describe${m.Cls}({ id });`,
    `  }`,
    '}',
    '',
  ].join('\n');
  const withImport = text.replace(/\n\n/, `\n${importLine}\n`);
  out.set(file, withImport.replace(/}\n$/, method));
}

// CLI: node scripts/bench/generate.mjs <style> <files> <outDir>
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [style, files, outDir] = process.argv.slice(2);
  if (!style || !files || !outDir) {
    console.error('usage: node scripts/bench/generate.mjs <nest|express> <files> <outDir>');
    process.exit(2);
  }
  const manifest = generate({ style, files: Number(files), outDir: path.resolve(outDir) });
  console.log(JSON.stringify({ ...manifest, planted: manifest.planted.length }));
}
