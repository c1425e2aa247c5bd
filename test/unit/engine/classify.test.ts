import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { stemEndsWithWord } from '../../../server/src/engine/classify/classify';
import { checkFindings, project } from '../../helpers/project';

function layersOf(files: Record<string, string>): Record<string, string | null> {
  const result = project({ 'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true } }', ...files }).analyze();
  return Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.layer ?? null]));
}

describe('layer classification', () => {
  it('matches suffix words as whole parts of the file name', () => {
    for (const stem of ['users.controller', 'user-controller', 'user_controller', 'userController', 'UserController', 'controller']) {
      assert.ok(stemEndsWithWord(stem, 'controller'), stem);
    }
    for (const stem of ['usercontroller', 'mycontrollers', 'remote']) assert.ok(!stemEndsWithWord(stem, 'controller'), stem);
    assert.ok(stemEndsWithWord('http-exception.filter', '.filter'));
    assert.ok(!stemEndsWithWord('query-filter', '.filter'), 'dotted-only suffixes need the dot');
    assert.ok(!stemEndsWithWord('deep-resolver', '.resolver'));
    assert.ok(stemEndsWithWord('jwt-auth.guard', 'guard') && stemEndsWithWord('AuthGuard', 'guard'));
    assert.ok(!stemEndsWithWord('Guard', 'guard'), 'Guard.ts alone holds guard clauses (Guard.againstNull), not a Nest guard');
  });

  it('reads decorators, base classes, suffixes, class names and folders, strongest first; @Injectable alone is no evidence', () => {
    assert.deepEqual(
      layersOf({
        'src/main.ts': 'import "./x";\n',
        'src/x.ts': 'export const x = 1;\n',
        'src/cats/cats.controller.ts': 'export class CatsController {}\n',
        'src/cats/anything.ts': '@Controller() export class Cats {}\n',
        'src/cats/cat.ts': '@Entity() export class Cat {}\n',
        'src/cats/cat.repo.ts': 'export class CatStore extends Repository<Cat> {}\n',
        'src/cats/prisma.service.ts': 'export class PrismaService extends PrismaClient {}\n',
        'src/cats/CatsService.ts': 'export class CatsService {}\n',
        'src/services/billing.ts': 'export function bill() {}\n',
        'src/controllers/admin/users.ts': 'export function list(req: unknown, res: unknown) {}\n',
        'src/controllers/errors/http/http-error.ts': 'export class HttpError extends Error {}\n',
        'src/common/http-exception.filter.ts': 'export class HttpExceptionFilter {}\n',
        'src/utils/query-filter.ts': 'export const where = {};\n',
        'src/utils/deep-resolver.ts': 'export const resolve = () => 1;\n',
        'src/database/utils/id.ts': 'export const newId = () => 1;\n',
        'src/auth/jwt.strategy.ts': 'export class JwtStrategy extends PassportStrategy(Strategy) {}\n',
        'src/db.ts': "import { Pool } from 'pg';\nexport const db = new Pool();\n",
        'src/database/seeds/user-seed.service.ts': 'export class UserSeedService {}\n',
        'src/seed-snapshot/users.ts': 'export const users = [{ name: "x" }];\n',
        'src/seed-webhook-deliveries.ts': 'export async function main() { return 1; }\n',
        'src/setup/fixes/fix-20190726150000_rename-columns.ts': 'export async function up() { return 1; }\n',
        'src/db/1690000000000-AddUserEmail.ts': 'export class AddUserEmail1690000000000 {}\n',
        'src/services/seeding-status.ts': 'export function seedingStatus() { return 1; }\n',
        'src/services/v2-20-report.ts': 'export function report() { return 1; }\n',
        'src/db/updates/3.0.1.ts': 'export async function update(db: unknown) { return db; }\n',
        'src/routes/1.0.ts': 'export const routes = [];\n',
        'src/helpers/thing.ts': '@Injectable() export class Thing {}\n',
        'src/database/factories/user.factory.ts': 'export const userFactory = () => ({ name: "x" });\n',
        'src/policy/factories/ability.factory.ts': '@Injectable() export class AbilityFactory {}\n',
        'src/cats/index.ts': 'export * from "./cats.controller";\n',
      }),
      {
        'src/main.ts': 'composition-root',
        'src/x.ts': null,
        'src/cats/cats.controller.ts': 'controller',
        'src/cats/anything.ts': 'controller',
        'src/cats/cat.ts': 'model',
        'src/cats/cat.repo.ts': 'repository',
        'src/cats/prisma.service.ts': 'data-access',
        'src/cats/CatsService.ts': 'service',
        'src/services/billing.ts': 'service',
        'src/controllers/admin/users.ts': 'controller',
        'src/controllers/errors/http/http-error.ts': null,
        'src/common/http-exception.filter.ts': 'middleware',
        'src/utils/query-filter.ts': null,
        'src/utils/deep-resolver.ts': null,
        'src/database/utils/id.ts': null,
        'src/auth/jwt.strategy.ts': 'middleware',
        'src/db.ts': 'data-access',
        'src/database/seeds/user-seed.service.ts': 'tooling',
        'src/seed-snapshot/users.ts': 'tooling',
        'src/seed-webhook-deliveries.ts': 'tooling',
        'src/setup/fixes/fix-20190726150000_rename-columns.ts': 'tooling',
        'src/db/1690000000000-AddUserEmail.ts': 'tooling',
        'src/services/seeding-status.ts': 'service',
        'src/services/v2-20-report.ts': 'service',
        'src/db/updates/3.0.1.ts': 'tooling',
        'src/routes/1.0.ts': null,
        'src/helpers/thing.ts': null,
        'src/database/factories/user.factory.ts': 'tooling',
        'src/policy/factories/ability.factory.ts': null,
        'src/cats/index.ts': null,
      },
    );
  });

  it('takes a strategy for auth middleware only when it is one (PassportStrategy, a passport package), not the strategy pattern of the domain', () => {
    assert.deepEqual(
      layersOf({
        'src/auth/jwt.strategy.ts': "import { PassportStrategy } from '@nestjs/passport';\nimport { Strategy } from 'passport-jwt';\nexport class JwtStrategy extends PassportStrategy(Strategy) {}\n",
        'src/auth/strategies/api-key.ts':
          "import { HeaderAPIKeyStrategy } from 'passport-headerapikey';\nexport const apiKey = new HeaderAPIKeyStrategy({ header: 'x-key' }, false, () => undefined);\n",
        'src/packing/first-fit.strategy.ts': 'export class FirstFitStrategy { pack(sizes: number[]) { return [...sizes].sort((a, b) => b - a); } }\n',
        'src/pricing/strategies/discount.ts': 'export function discount(total: number) { return total * 0.9; }\n',
      }),
      { 'src/auth/jwt.strategy.ts': 'middleware', 'src/auth/strategies/api-key.ts': 'middleware', 'src/packing/first-fit.strategy.ts': null, 'src/pricing/strategies/discount.ts': null },
    );
  });

  it('takes a *.resolver.ts for a controller only when it shows GraphQL, not when it resolves a tenant from the request', () => {
    assert.deepEqual(
      layersOf({
        'src/tenancy/tenant.resolver.ts':
          "import type { NextFunction, Request, Response } from 'express';\nexport function resolveTenant(req: Request, _res: Response, next: NextFunction) { req.headers['x-tenant'] ??= 'main'; next(); }\n",
        'src/releases/release-graph.resolver.ts': 'export function orderReleases(ids: string[]) { return [...ids].sort(); }\n',
        'src/schema/users.resolver.ts': 'export const userResolvers = { Query: { users: () => [] as string[] } };\n',
        'src/schema/teams.resolver.ts': "import { Args } from '@nestjs/graphql';\nexport class TeamsResolver { teams(@Args('id') id: string) { return [id]; } }\n",
      }),
      { 'src/tenancy/tenant.resolver.ts': null, 'src/releases/release-graph.resolver.ts': null, 'src/schema/users.resolver.ts': 'controller', 'src/schema/teams.resolver.ts': 'controller' },
    );
  });

  it('counts tooling folders from the opened folder, so a project of its own named like one is tooling', () => {
    const result = project({
      'tsconfig.json': '{ "include": ["src"] }',
      'src/users/users.service.ts': 'export class UsersService {}\n',
      'packages/seed-snapshot/tsconfig.json': '{}',
      'packages/seed-snapshot/src/users.ts': 'export const users = [{ name: "x" }];\n',
    }).analyze();
    const seedUsers = [...result.graph.files.values()].find((n) => n.file.endsWith('packages/seed-snapshot/src/users.ts'));
    assert.ok(seedUsers, 'the nested project is analyzed');
    assert.equal(path.posix.relative(result.root, seedUsers.projectDir), 'packages/seed-snapshot', 'it is a project of its own');
    assert.equal(seedUsers.layer, 'tooling');
  });

  it('takes a seeding script filed beside the database code for tooling: its name says more than the folder', () => {
    const layers = layersOf({
      'src/database/data-source.ts': "import { DataSource } from 'typeorm';\nexport const dataSource = new DataSource({ type: 'postgres' });\n",
      'src/database/seeder.ts': `import { DataSource } from 'typeorm';
import { WalletService } from '../finance/wallet.service';
export class Seeder {
  constructor(private readonly db: DataSource, private readonly wallets: WalletService) {}
  async run() { await this.db.getRepository('wallet').clear(); await this.wallets.open('system'); }
}
`,
      'src/database/migrations-runner.ts': "import { dataSource } from './data-source';\nexport const runMigrations = () => dataSource.runMigrations();\n",
      'src/finance/wallet.service.ts': 'export class WalletService { open(owner: string) { return owner; } }\n',
    });
    assert.equal(layers['src/database/seeder.ts'], 'tooling');
    assert.equal(layers['src/database/data-source.ts'], 'data-access', 'the folder still decides for the database code');
  });

  it("takes tools/ at the top of the folder for developer programs, and src/tools/ for the app's own code", () => {
    const result = project({
      'tsconfig.json': '{ "include": ["src", "tools"] }',
      'tools/compare/index.ts': 'export async function main() { return 1; }\n',
      'src/tools/search.tool.ts': 'export async function searchTool(q: string) { return q; }\n',
    }).analyze();
    const layers = Object.fromEntries([...result.graph.files.values()].map((n) => [path.posix.relative(result.root, n.file), n.layer ?? null]));
    assert.equal(layers['tools/compare/index.ts'], 'tooling');
    assert.notEqual(layers['src/tools/search.tool.ts'], 'tooling');
  });

  it('takes a file with a resolver and the object types it returns for the resolver, whichever is declared first', () => {
    const layers = layersOf({
      'src/settings/settings.ts': `@ObjectType() export class LimitsType { max = 10; }
@ObjectType() export class FlagsType { beta = false; }
@Resolver(() => FlagsType) export class SettingsResolver { @Query(() => FlagsType) flags() { return new FlagsType(); } }
`,
      'src/settings/types.ts': '@ObjectType() export class ThemeType { dark = true; }\n@InputType() export class ThemeInput { dark = true; }\n',
    });
    assert.equal(layers['src/settings/settings.ts'], 'controller');
    assert.equal(layers['src/settings/types.ts'], 'model');
  });

  it('gives no router layer to an in-memory route table of the app’s own named Router', () => {
    const layers = layersOf({
      'src/lib/routing/Router.js': `class Router {
  constructor() { this.table = []; }
  add(entry) { this.table.push(entry); }
  all() { return this.table; }
}
const shared = new Router();
export const addEntry = (entry) => shared.add(entry);
export const entries = () => shared.all();
`,
      'src/http/router.js': "import express from 'express';\nconst router = new express.Router();\nexport default router;\n",
    });
    assert.equal(layers['src/lib/routing/Router.js'], null);
    assert.equal(layers['src/http/router.js'], 'router');
  });

  it('does not count schema decorators and ORM error classes as data access', () => {
    checkFindings({
      'src/repositories/user.repository.ts': 'export class UserRepository {}\n',
      'src/middleware/handle-error.ts': `import { QueryFailedError } from 'typeorm';
export const handle = (e: unknown) => e instanceof QueryFailedError;
`,
      'src/controllers/users.controller.ts': `import { getManager } from 'typeorm';
//                         ^^^^^^^^^ layering/forbidden-dependency A controller must not depend on the data-access layer: it imports 'typeorm'
export const list = (req: unknown, res: { json(x: unknown): void }) => getManager().query('select * from users').then((rows) => res.json(rows));
`,
      'src/dto/user.dto.ts': `import { Column } from 'typeorm';
export class UserDto { @Column() name!: string; }
`,
    });
  });

  it('does not count imports used only as types by default', () => {
    checkFindings({
      'src/repositories/user.repository.ts': `import type { CreateUserDto } from '../dto/create-user.dto';
import { UserQuery } from '../dto/user-query.dto';
export class UserRepository { create(dto: CreateUserDto, q: UserQuery) { return [dto, q]; } }
`,
      'src/dto/create-user.dto.ts': 'export interface CreateUserDto { email: string }\n',
      'src/dto/user-query.dto.ts': 'export class UserQuery { page = 1 }\n',
    });
  });
});
