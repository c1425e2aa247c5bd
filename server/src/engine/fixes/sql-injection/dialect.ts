import type { FileNode, DependencyGraph } from '../../graph/types';
import { walk } from '../../rules/syntax';
import { ts } from '../../ts';
import type { FixContext } from '../types';
import { ensure, originName, type SinkCall } from './sink';

// Stage 2: the driver behind the call and its placeholder style ($1, ?).

// Which driver packages the code imports.

export type Family = 'pg' | 'postgres' | 'mysql' | 'sqlite' | 'typeorm' | 'knex';

const PACKAGE_FAMILY: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['pg', 'pg'],
  ['pg-pool', 'pg'],
  ['pg-promise', 'pg'],
  ['postgres', 'postgres'],
  ['mysql', 'mysql'],
  ['mysql2', 'mysql'],
  ['sqlite3', 'sqlite'],
  ['better-sqlite3', 'sqlite'],
  ['typeorm', 'typeorm'],
  ['@nestjs/typeorm', 'typeorm'],
  ['knex', 'knex'],
  ['objection', 'knex'],
]);

export function familiesIn(nodes: Iterable<FileNode>): Set<Family> {
  const families = new Set<Family>();
  for (const node of nodes) {
    for (const ref of node.facts.moduleRefs) {
      const family = PACKAGE_FAMILY.get(packageName(ref.specifier));
      if (family) families.add(family);
    }
  }
  return families;
}

function packageName(specifier: string): string {
  const segments = specifier.split('/');
  return (specifier.startsWith('@') ? segments.slice(0, 2) : segments.slice(0, 1)).join('/');
}

export function importedFamily(node: FileNode, local: string): Family | undefined {
  const ref = node.facts.moduleRefs.find((r) => r.bindings.some((b) => b.local === local));
  return ref ? PACKAGE_FAMILY.get(packageName(ref.specifier)) : undefined;
}

export type Dialect = 'dollar' | 'question';

/** TypeORM passes parameters to the database's own driver: its placeholders by `type`. */
const DATABASE_DIALECT: ReadonlyMap<string, Dialect> = new Map<string, Dialect>([
  ['postgres', 'dollar'],
  ['cockroachdb', 'dollar'],
  ['aurora-postgres', 'dollar'],
  ['mysql', 'question'],
  ['mariadb', 'question'],
  ['aurora-mysql', 'question'],
  ['sqlite', 'question'],
  ['better-sqlite3', 'question'],
  ['sqljs', 'question'],
]);
/** Keys besides `type` that make an object literal TypeORM connection options. */
const TYPEORM_OPTIONS = new Set(['entities', 'synchronize', 'database', 'host', 'url', 'migrations', 'username', 'autoLoadEntities', 'port']);

export function onlyDialect(dialects: readonly (Dialect | undefined)[]): Dialect | undefined {
  const distinct = new Set(dialects);
  const [only] = distinct;
  return distinct.size === 1 ? only : undefined;
}

export function familyDialect(family: Family, graph: DependencyGraph): Dialect | undefined {
  if (family === 'typeorm') return typeormDialect(graph);
  return family === 'pg' || family === 'postgres' ? 'dollar' : 'question';
}

/** The `type` of the TypeORM options written in the workspace, else the one SQL driver it imports. */
function typeormDialect(graph: DependencyGraph): Dialect | undefined {
  const types = configuredDatabaseTypes(graph);
  if (types.size > 0) return onlyDialect([...types].map((t) => DATABASE_DIALECT.get(t)));
  const drivers = [...familiesIn(graph.files.values())].filter((f) => f !== 'typeorm' && f !== 'knex');
  return onlyDialect(drivers.map((f) => familyDialect(f, graph)));
}

function configuredDatabaseTypes(graph: DependencyGraph): Set<string> {
  const types = new Set<string>();
  for (const node of graph.files.values()) {
    walk(node.sourceFile, (n) => {
      const type = ts.isObjectLiteralExpression(n) ? typeormDatabaseType(n) : undefined;
      if (type !== undefined) types.add(type);
    });
  }
  return types;
}

function typeormDatabaseType(options: ts.ObjectLiteralExpression): string | undefined {
  let type: string | undefined;
  let connection = false;
  for (const property of options.properties) {
    const key = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : '';
    const value = ts.isPropertyAssignment(property) ? skipAs(property.initializer) : undefined;
    if (key === 'type' && value && ts.isStringLiteralLike(value)) type = value.text;
    connection ||= TYPEORM_OPTIONS.has(key);
  }
  return connection ? type : undefined;
}

function skipAs(expr: ts.Expression): ts.Expression {
  return ts.isAsExpression(expr) ? expr.expression : expr;
}

// Which placeholders: the driver behind the call.

/** The drivers whose client has the method, taking the SQL text first and its values second. */
const DRIVER_METHODS: ReadonlyMap<string, readonly Family[]> = new Map<string, readonly Family[]>([
  ['query', ['pg', 'mysql', 'typeorm']],
  ['execute', ['mysql']],
  ['unsafe', ['postgres']],
]);
/** knex binds `?` whatever the database. */
const KNEX_METHODS = new Set(['raw', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw']);

export function dialectOf(context: FixContext, call: SinkCall): Dialect {
  const method = call.expression.name.text;
  if (KNEX_METHODS.has(method)) {
    ensure(familiesIn([context.node]).has('knex') || familiesIn(context.graph.files.values()).has('knex'), 'not a knex project');
    return 'question';
  }
  const families = DRIVER_METHODS.get(method);
  ensure(families !== undefined, 'a query-builder condition, not a driver call');
  const dialect = driverDialect(context, call, families);
  ensure(dialect !== undefined, 'the driver is unknown');
  return dialect;
}

/** The receiver's declared origin first; else the drivers this file, then the workspace, imports. */
function driverDialect(context: FixContext, call: SinkCall, families: readonly Family[]): Dialect | undefined {
  const { graph, node } = context;
  const origin = originName(call.expression.expression, call);
  const receiver = origin === undefined ? undefined : importedFamily(node, origin);
  if (receiver) return families.includes(receiver) ? familyDialect(receiver, graph) : undefined;
  const inFile = [...familiesIn([node])].filter((f) => families.includes(f));
  const candidates = inFile.length > 0 ? inFile : [...familiesIn(graph.files.values())].filter((f) => families.includes(f));
  return onlyDialect(candidates.map((f) => familyDialect(f, graph)));
}
