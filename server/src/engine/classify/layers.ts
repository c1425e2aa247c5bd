/**
 * The built-in layers: zero configuration for NestJS, Express, Fastify and Koa backends.
 * `layerguard.json` can add patterns to these, add layers of its own, and change the policy.
 */

export const BUILTIN_LAYER_IDS = ['controller', 'router', 'service', 'repository', 'model', 'dto', 'middleware', 'config', 'module', 'data-access', 'composition-root', 'tooling'] as const;

export type BuiltinLayerId = (typeof BUILTIN_LAYER_IDS)[number];
export type LayerId = string;

export interface LayerDefinition {
  readonly id: LayerId;
  readonly description: string;
  /** Globs relative to the workspace root; checked before every heuristic. */
  readonly patterns: readonly string[];
  /** Class decorators that decide the layer (`@Controller`). */
  readonly decorators: readonly string[];
  /** Base classes that decide the layer (`extends Repository<User>`). */
  readonly baseClasses: readonly string[];
  /** Implemented interfaces that decide the layer (`implements CanActivate`). */
  readonly interfaces: readonly string[];
  /**
   * File-name suffix words: `users.controller.ts`, `user-controller.js`, `UserController.ts`.
   * A leading dot (`.filter`) accepts only the dotted form: `http-exception.filter.ts`, not
   * `query-filter.ts`.
   */
  readonly fileSuffixes: readonly string[];
  /** Class-name suffixes of the file's exported class (`UsersService`). */
  readonly classSuffixes: readonly string[];
  /** Folder names, matched on the file's folder and the one above it; the nearest wins. */
  readonly folders: readonly string[];
  /** Folders whose whole subtree is this layer, before any file-level evidence (`seeds/`). */
  readonly subtreeFolders: readonly string[];
  /** Exact file names (no extension) matched at any depth (`db.ts`). */
  readonly fileNames: readonly string[];
  /** File-name shapes (the name without extension, lower case) matched at any depth (`seed-users`). */
  readonly fileNamePatterns: readonly RegExp[];
  /** Exact file names matched only at a project's top level or in its `src/` (`main.ts`). */
  readonly rootFileNames: readonly string[];
  /** External packages that belong to this layer (database clients and ORMs). */
  readonly packages: readonly string[];
  /**
   * An architecture's areas (`domain/`, `application/`, `infrastructure/`): every file below such a
   * folder is in this layer. The outermost area folder of a file's path decides (a file in
   * `domain/ports/` is in the domain). Set by presets.
   */
  readonly areaFolders: readonly string[];
  /**
   * The area decides only after a file's strong evidence (decorators, base classes, entry points):
   * in `infrastructure/`, a `@Controller` stays a controller and the rest are adapters.
   */
  readonly areaAfterStrongEvidence: boolean;
  /**
   * Area folders that count only where a folder of one of the partner names sits beside them:
   * `{ application: ['domain'] }`; area folders not listed need no partner.
   */
  readonly areaBeside?: Readonly<Record<string, readonly string[]>>;
  /**
   * Area folders that do not count where a folder of one of these names sits beside them:
   * `{ core: ['domain'] }` (a `core/` beside the `domain/` is the kernel both share).
   */
  readonly areaNotBeside?: Readonly<Record<string, readonly string[]>>;
}

type PartialLayer = Partial<LayerDefinition> & Pick<LayerDefinition, 'id' | 'description'>;

/** Each of the area folders counts only beside one of the partners (see `LayerDefinition.areaBeside`). */
export function besidePartners(areaFolders: readonly string[], partners: readonly string[]): Record<string, readonly string[]> {
  return Object.fromEntries(areaFolders.map((folder) => [folder, partners]));
}

export function defineLayer(def: PartialLayer): LayerDefinition {
  return {
    areaFolders: [],
    areaAfterStrongEvidence: false,
    patterns: [],
    decorators: [],
    baseClasses: [],
    interfaces: [],
    fileSuffixes: [],
    classSuffixes: [],
    folders: [],
    subtreeFolders: [],
    fileNames: [],
    fileNamePatterns: [],
    rootFileNames: [],
    packages: [],
    ...def,
  };
}

export const BUILTIN_LAYERS: readonly LayerDefinition[] = [
  defineLayer({
    id: 'composition-root',
    description: 'Application entry points that wire every layer together (main.ts, app.ts, server.ts, DI containers).',
    rootFileNames: ['main', 'app', 'server', 'index', 'bootstrap'],
    fileNames: ['container', 'inversify.config', 'ioc', 'composition-root'],
  }),
  defineLayer({
    id: 'tooling',
    description: 'Standalone programs outside the request path: seeds, migrations, scripts, fixtures, test-data factories (a factory the DI container injects is production code).',
    subtreeFolders: ['migrations', 'migration', 'migrate', 'seeds', 'seed', 'seeders', 'seeding', 'seed-data', 'scripts', 'bin', 'fixtures', 'factories'],
    // `server-dev.ts`, `dev-server.ts`: the local development entry point, with its well-known dev tokens.
    fileNames: ['seed', 'seeds', 'seeder', 'dev-server', 'fixture', 'fixtures'],
    // `seed-webhooks.ts`, `seed_demo.js`; `fix-20190726150000_rename.js`, `1690000000000-AddUsers.ts`:
    // a file named for seeding, or stamped with the time it was written as migrations are.
    fileNamePatterns: [/^seed[-_]/, /(?:^|[-_])\d{8,14}(?:[-_]|$)/],
    fileSuffixes: ['.seed', '.seeder', 'dev', '.fixture', '.fixtures'],
  }),
  defineLayer({
    id: 'module',
    description: 'NestJS modules: declare providers and controllers, may reference every layer.',
    decorators: ['Module', 'Global'],
    fileSuffixes: ['.module', '.module.config'],
    classSuffixes: ['Module'],
  }),
  defineLayer({
    id: 'controller',
    description: 'HTTP, GraphQL and RPC entry points: parse the request, call a service, shape the response.',
    decorators: ['Controller', 'Resolver', 'JsonController'],
    fileSuffixes: ['controller', '.resolver'],
    classSuffixes: ['Controller'],
    folders: ['controllers', 'controller', 'resolvers'],
  }),
  defineLayer({
    id: 'router',
    description: 'Express/Fastify/Koa route tables that mount controllers and middleware.',
    fileSuffixes: ['routes', 'route', 'router'],
    classSuffixes: ['Router'],
    folders: ['routes', 'routers', 'router'],
  }),
  defineLayer({
    id: 'service',
    description: 'Business logic: orchestrates repositories and other services, knows nothing of HTTP.',
    decorators: ['CommandHandler', 'QueryHandler', 'EventsHandler'],
    interfaces: ['ICommandHandler', 'IQueryHandler', 'IEventHandler'],
    fileSuffixes: ['service', 'usecase', 'use-case', 'interactor'],
    classSuffixes: ['Service', 'UseCase', 'Interactor'],
    folders: ['services', 'service', 'usecases', 'use-cases', 'application'],
  }),
  defineLayer({
    id: 'repository',
    description: 'Data access behind an interface: queries, persistence, the ORM or database client.',
    decorators: ['EntityRepository', 'CustomRepository'],
    baseClasses: ['Repository', 'MongoRepository', 'TreeRepository', 'AbstractRepository', 'EntityRepository'],
    fileSuffixes: ['repository', 'repo', 'dao'],
    classSuffixes: ['Repository', 'Repo', 'Dao', 'DAO'],
    folders: ['repositories', 'repository', 'repos', 'dao', 'daos', 'dal'],
  }),
  defineLayer({
    id: 'model',
    description: 'Entities, ORM models and schemas: the shape of persisted data.',
    decorators: ['Entity', 'Schema', 'Table', 'ViewEntity', 'ObjectType'],
    baseClasses: ['BaseEntity', 'Model', 'BaseModel'],
    fileSuffixes: ['entity', 'model', '.schema'],
    classSuffixes: ['Entity', 'Model'],
    folders: ['models', 'model', 'entities', 'entity', 'schemas', 'domain'],
  }),
  defineLayer({
    id: 'dto',
    description: 'Request/response shapes and their validation schemas.',
    fileSuffixes: ['dto', '.input', '.validator', '.validation', '.command', '.query'],
    classSuffixes: ['Dto', 'DTO', 'Input', 'Args'],
    folders: ['dto', 'dtos', 'validators', 'validation'],
  }),
  defineLayer({
    id: 'middleware',
    description: 'Cross-cutting HTTP concerns: middleware, guards, interceptors, pipes, exception filters, auth strategies.',
    decorators: ['Catch'],
    baseClasses: ['PassportStrategy'],
    interfaces: ['CanActivate', 'NestInterceptor', 'PipeTransform', 'ExceptionFilter', 'NestMiddleware', 'ExpressMiddlewareInterface', 'ExpressErrorMiddlewareInterface', 'KoaMiddlewareInterface'],
    fileSuffixes: ['middleware', 'guard', 'interceptor', '.pipe', '.filter', '.strategy'],
    classSuffixes: ['Middleware', 'Guard', 'Interceptor'],
    folders: ['middleware', 'middlewares', 'guards', 'interceptors', 'pipes', 'filters', 'strategies'],
  }),
  defineLayer({
    id: 'config',
    description: 'Configuration: environment parsing, settings objects, constants.',
    fileSuffixes: ['config', 'configuration', '.env', '.settings'],
    fileNames: ['env', 'settings'],
    classSuffixes: ['Config', 'Configuration'],
    folders: ['config', 'configs', 'configuration', 'settings'],
  }),
  defineLayer({
    id: 'data-access',
    description: 'Database clients and ORM runtime APIs, and the local files that create them (db.ts, prisma.ts).',
    baseClasses: ['PrismaClient'],
    folders: ['db', 'database'],
    fileNames: ['db', 'database', 'data-source', 'datasource', 'knex', 'knexfile', 'prisma', 'mongoose', 'sequelize', 'typeorm'],
    packages: [
      'typeorm',
      '@prisma/client',
      'mongoose',
      'mongodb',
      'sequelize',
      'sequelize-typescript',
      'knex',
      'pg',
      'pg-promise',
      'postgres',
      'mysql',
      'mysql2',
      'better-sqlite3',
      'sqlite3',
      'drizzle-orm',
      '@mikro-orm/core',
      '@mikro-orm/knex',
      '@mikro-orm/postgresql',
      '@mikro-orm/mysql',
      '@mikro-orm/sqlite',
      '@mikro-orm/mongodb',
      'objection',
      'kysely',
      'slonik',
      'nestjs-prisma',
      'mssql',
      'tedious',
      'oracledb',
      'cassandra-driver',
      '@libsql/client',
      '@neondatabase/serverless',
      '@vercel/postgres',
      '@planetscale/database',
      'redbean-node',
    ],
  }),
];

/**
 * Folders that say a file is a helper, a type or a constant: when one is the file's own folder,
 * the folders above it are not evidence (`database/utils/id.util.ts` is no data access).
 */
export const NEUTRAL_FOLDERS: ReadonlySet<string> = new Set([
  'utils',
  'util',
  'helpers',
  'helper',
  'lib',
  'libs',
  'common',
  'shared',
  'interfaces',
  'types',
  'typings',
  'constants',
  'enums',
  'decorators',
  'errors',
  'exceptions',
]);

/**
 * Folders that hold one kind of file (`dto/`, `types/`, `mappers/`): an architecture's area word
 * below one sorts that kind (`dto/domain/`, `dto/presentation/` are the DTOs of each side), it is
 * no area of the architecture.
 */
const KIND_FOLDERS: ReadonlySet<string> = new Set([
  'dto',
  'dtos',
  'models',
  'types',
  'typings',
  'interfaces',
  'enums',
  'constants',
  'errors',
  'exceptions',
  'mappers',
  'schemas',
  'validators',
  'utils',
  'helpers',
  'mocks',
  'fixtures',
]);

/**
 * A folder named for a role rather than a feature: a layer's folder (`controllers/`, `services/`),
 * a neutral one (`utils/`) or one that sorts a kind of file (`dto/`).
 */
export function namesARole(folder: string): boolean {
  const name = folder.toLowerCase();
  return NEUTRAL_FOLDERS.has(name) || KIND_FOLDERS.has(name) || BUILTIN_LAYERS.some((layer) => layer.folders.includes(name) || layer.subtreeFolders.includes(name));
}

/** Whether one of these folders (outermost first, lower case) holds one kind of file. */
export function sortsOneKind(folders: readonly string[]): boolean {
  return folders.some((f) => KIND_FOLDERS.has(f.toLowerCase()));
}

/**
 * Names that ORM packages export for describing schemas or recognizing their errors, not for
 * querying: an entity importing `Entity` and `Column` from typeorm defines a model, and an error
 * handler checking `instanceof QueryFailedError` does not access data.
 */
export const SCHEMA_ONLY_EXPORTS: Readonly<Record<string, ReadonlySet<string>>> = {
  typeorm: new Set([
    'Entity',
    'ViewEntity',
    'ViewColumn',
    'ChildEntity',
    'TableInheritance',
    'Column',
    'PrimaryColumn',
    'PrimaryGeneratedColumn',
    'CreateDateColumn',
    'UpdateDateColumn',
    'DeleteDateColumn',
    'VersionColumn',
    'ObjectIdColumn',
    'Generated',
    'VirtualColumn',
    'OneToOne',
    'OneToMany',
    'ManyToOne',
    'ManyToMany',
    'JoinColumn',
    'JoinTable',
    'RelationId',
    'Relation',
    'Index',
    'Unique',
    'Check',
    'Exclusion',
    'Tree',
    'TreeParent',
    'TreeChildren',
    'TreeLevelColumn',
    'BeforeInsert',
    'AfterInsert',
    'BeforeUpdate',
    'AfterUpdate',
    'BeforeRemove',
    'AfterRemove',
    'AfterLoad',
    'BeforeSoftRemove',
    'AfterSoftRemove',
    'BeforeRecover',
    'AfterRecover',
    'ValueTransformer',
    'ColumnOptions',
    'ObjectId',
    'ObjectID',
    'TypeORMError',
    'QueryFailedError',
    'EntityNotFoundError',
    'EntityPropertyNotFoundError',
    'CannotCreateEntityIdMapError',
    'OptimisticLockVersionMismatchError',
    // Find operators and query-builder brackets: criteria a repository or data source then runs.
    'In',
    'Not',
    'IsNull',
    'Between',
    'Like',
    'ILike',
    'MoreThan',
    'MoreThanOrEqual',
    'LessThan',
    'LessThanOrEqual',
    'Equal',
    'Any',
    'Raw',
    'And',
    'Or',
    'ArrayContains',
    'ArrayContainedBy',
    'ArrayOverlap',
    'JsonContains',
    'Brackets',
    'NotBrackets',
  ]),
  // Query-building operators and helpers: they build a query's parts, the client runs it.
  'drizzle-orm': new Set([
    'sql',
    'eq',
    'ne',
    'gt',
    'gte',
    'lt',
    'lte',
    'and',
    'or',
    'not',
    'inArray',
    'notInArray',
    'isNull',
    'isNotNull',
    'like',
    'ilike',
    'notLike',
    'notIlike',
    'between',
    'notBetween',
    'exists',
    'notExists',
    'asc',
    'desc',
    'count',
    'countDistinct',
    'sum',
    'avg',
    'min',
    'max',
    'relations',
    'getTableColumns',
    'getTableName',
    'SQL',
    'Column',
    'Table',
    'DefaultLogger',
    'LogWriter',
    'InferSelectModel',
    'InferInsertModel',
    'arrayContains',
    'arrayContained',
    'arrayOverlaps',
  ]),
  sequelize: new Set([
    'Op',
    'DataTypes',
    'Model',
    'fn',
    'col',
    'literal',
    'where',
    'cast',
    'QueryTypes',
    'ValidationError',
    'UniqueConstraintError',
    'ForeignKeyConstraintError',
    'EmptyResultError',
    'DatabaseError',
    'BaseError',
  ]),
  'sequelize-typescript': new Set([
    'Table',
    'Column',
    'DataType',
    'PrimaryKey',
    'AutoIncrement',
    'AllowNull',
    'Default',
    'Unique',
    'ForeignKey',
    'BelongsTo',
    'HasMany',
    'HasOne',
    'BelongsToMany',
    'CreatedAt',
    'UpdatedAt',
    'DeletedAt',
  ]),
  // `mongoose.model('User')` looks up a registered model (and with a schema, registers one): the file
  // depends on the model, which then runs the queries, not on the client.
  mongoose: new Set(['Schema', 'Types', 'ObjectId', 'HydratedDocument', 'Document', 'SchemaTypes', 'Error', 'MongooseError', 'isValidObjectId', 'isObjectIdOrHexString', 'model', 'models']),
  mongodb: new Set(['ObjectId', 'ObjectID', 'Decimal128', 'Long', 'Binary', 'Timestamp', 'UUID', 'BSON', 'MongoError', 'MongoServerError']),
  kysely: new Set([
    'sql',
    'Selectable',
    'Insertable',
    'Updateable',
    'Generated',
    'GeneratedAlways',
    'ColumnType',
    'Expression',
    'ExpressionBuilder',
    'RawBuilder',
    'Migration',
    'Migrator',
    'FileMigrationProvider',
    'JSONColumnType',
  ]),
  slonik: new Set(['sql', 'SqlToken', 'NotFoundError', 'UniqueIntegrityConstraintViolationError', 'DataIntegrityError']),
};

/**
 * Packages generated from a schema, whose exports are the schema's model types and enums plus one
 * client: only the client accesses data. A controller typing a parameter as the generated `User`,
 * or comparing against the generated `Role.ADMIN` enum, touches no database.
 */
export const CLIENT_ONLY_EXPORTS: Readonly<Record<string, ReadonlySet<string>>> = {
  '@prisma/client': new Set(['PrismaClient']),
  '.prisma/client': new Set(['PrismaClient']),
  // The Nest wrapper around the generated client: its module and helpers are wiring.
  'nestjs-prisma': new Set(['PrismaService', 'CustomPrismaService']),
};

/**
 * `Role`, `User` from `@prisma/client`: only names a schema-generated package declares for the
 * schema's models and enums, neither its client nor the `Prisma` namespace (which holds the
 * transaction client). Such names hold data; they reach no database. Read through its members
 * (`Prisma.JsonValue`, `Prisma.Decimal`), the namespace gives data too, unless a member is a client.
 */
export function namesGeneratedShapesOnly(packageName: string, names: readonly string[], members: readonly string[] = []): boolean {
  const clients = CLIENT_ONLY_EXPORTS[packageName];
  if (clients === undefined || names.length === 0) return false;
  const namespaceHoldsData = members.length > 0 && members.every((member) => PRISMA_DATA_MEMBER.test(member));
  return names.every((name) => !clients.has(name) && (name !== 'Prisma' || namespaceHoldsData));
}

/** Members of the `Prisma` namespace that type a value: JSON columns and decimals, not the transaction client or raw SQL. */
const PRISMA_DATA_MEMBER = /^(?:(?:Input|Nullable)?Json(?:Value|Object|Array)|Decimal)$/;

/**
 * Packages every layer uses without saying anything about its role: the framework's core,
 * validation and utility libraries. Any other package a file uses at run time is infrastructure
 * (a logger, an HTTP or mail client, a message broker) and says what a file named like a
 * repository or a service really wraps.
 */
export const NEUTRAL_PACKAGES: ReadonlySet<string> = new Set([
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/swagger',
  '@nestjs/graphql',
  '@nestjs/mapped-types',
  '@nestjs/cqrs',
  'class-validator',
  'class-transformer',
  'reflect-metadata',
  'tslib',
  'rxjs',
  'zod',
  'joi',
  'yup',
  '@sinclair/typebox',
  'lodash',
  'lodash-es',
  'es-toolkit',
  'ramda',
  'underscore',
  'date-fns',
  'dayjs',
  'moment',
  'luxon',
  'uuid',
  'uuidv7',
  'ulid',
  'ulidx',
  '@paralleldrive/cuid2',
  'cuid',
  'short-uuid',
  'nanoid',
  'fp-ts',
  'io-ts',
  'type-fest',
  'inversify',
  'typedi',
  'tsyringe',
  'http-status',
  'http-status-codes',
  'http-errors',
]);

/** Libraries that declare persisted shapes, and the frameworks' bindings of the ORMs, without being database clients themselves. */
const SCHEMA_LIBRARIES: ReadonlySet<string> = new Set(['@typegoose/typegoose', 'dynamoose', 'bookshelf', 'waterline', '@nestjs/mongoose', '@nestjs/typeorm', '@nestjs/sequelize', '@mikro-orm/nestjs']);

/**
 * A package whose use makes a shape the persistence's own: the data-access layer's clients and
 * ORMs (any `@mikro-orm/*` part), schema libraries, and the frameworks' ORM bindings. `name` is a package name, not a deep path.
 */
export function isPersistencePackage(name: string): boolean {
  if (SCHEMA_LIBRARIES.has(name) || name.startsWith('@mikro-orm/')) return true;
  return BUILTIN_LAYERS.some((layer) => layer.id === 'data-access' && layer.packages.includes(name));
}

/** Deep imports of ORM packages that only describe schemas: `drizzle-orm/pg-core` declares tables. */
export const SCHEMA_ONLY_SUBPATHS = /^drizzle-orm\/[a-z0-9]+-core(?:\/|$)|^typeorm\/decorator\//;
