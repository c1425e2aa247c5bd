import type { DependencyGraph } from '../../graph/types';
import { walk } from '../../rules/syntax';
import { ts } from '../../ts';
import { familiesIn, type Family } from './driver-packages';

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
