import { ts } from '../../ts';
import type { FileNode, DependencyGraph } from '../../graph/types';
import { singularIfPlural, snakeToCamel } from '../../text/words';
import type { ParamFact } from '../../facts/types';

// Stage 2: the lookup itself, per ORM (TypeORM, Prisma, node-postgres) or through the app's own data-layer method, and the batched query that replaces it.

// The lookup and its batched form

/** A lookup by one field equal to a key, and how to write it for many keys at once. */
export interface Batch {
  readonly call: ts.CallExpression;
  readonly field: string;
  readonly key: ts.Expression;
  /** The query for all the keys, given the expression of the key array. */
  readonly batched: (ids: string) => string;
  /** `.rows` when the results come wrapped (pg). */
  readonly rows: string;
  /** What a missing row reads as: findOneBy and findUnique answer null, pg's rows[0] undefined. */
  readonly missing: string;
  /** What the query runs on (`this.users`, `prisma.user`, `pool`), to spot writes in the loop. */
  readonly receiver: string;
  /** A name for one result when the code gives none: the Prisma model, the table. */
  readonly noun?: string;
}

/** A lookup the ORM itself can batch. */
export interface Lookup extends Batch {
  /** TypeORM's `In`, imported from typeorm. */
  readonly needsIn: boolean;
}

export function ormLookup(call: ts.CallExpression, node: FileNode): Lookup | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  switch (call.expression.name.text) {
    case 'findOneBy':
    case 'findOne':
      return typeormLookup(call, call.expression, node);
    case 'findUnique':
      return prismaLookup(call, call.expression);
    case 'query':
      return pgLookup(call, call.expression);
    default:
      return undefined;
  }
}

/** `SELECT <columns> FROM <table> WHERE <column> = $1`, and nothing else. */
const SINGLE_ROW_SQL = /^\s*SELECT\s+([\w\s,*]+?)\s+FROM\s+([A-Za-z_]\w*)\s+WHERE\s+([A-Za-z_]\w*)\s*=\s*\$1\s*;?\s*$/i;

/** `pool.query('SELECT * FROM users WHERE id = $1', [key])` → `pool.query('… WHERE id = ANY($1)', [ids])`. */
export function pgLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Lookup | undefined {
  const [sql, values] = call.arguments;
  if (call.arguments.length !== 2 || !sql || !isPlainString(sql) || !values || !ts.isArrayLiteralExpression(values) || values.elements.length !== 1) return undefined;
  const match = SINGLE_ROW_SQL.exec(sql.text);
  const key = values.elements[0];
  const column = match?.[3];
  // Unquoted names reach the rows in lower case: the column must be written that way to be read back.
  if (!match || !key || ts.isSpreadElement(key) || !column || !/^[a-z_][a-z0-9_]*$/.test(column) || !selects(match[1] ?? '', column)) return undefined;
  const anySql = sql.getText().replace(/=\s*\$1/, '= ANY($1)');
  const batched = (ids: string): string =>
    spliced(call, [
      [sql, anySql],
      [values, `[${ids}]`],
    ]);
  return { call, field: column, key, batched, rows: '.rows', missing: '', receiver: flat(callee.expression), noun: singularIfPlural(snakeToCamel((match[2] ?? '').toLowerCase())), needsIn: false };
}

function isPlainString(node: ts.Expression): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return false;
  // Escapes would make the written text differ from the SQL: keep to literals written as they read.
  return node.getText().slice(1, -1) === node.text;
}

function selects(columns: string, column: string): boolean {
  return columns.split(',').some((c) => c.trim() === '*' || c.trim() === column);
}

/** `prisma.user.findUnique({ where: { id: key } })` → `prisma.user.findMany({ where: { id: { in: ids } } })`. */
export function prismaLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Lookup | undefined {
  const options = optionsOf(call.arguments[0]);
  if (call.arguments.length !== 1 || !options || [...options.keys()].some((name) => name !== 'where' && name !== 'include')) return undefined;
  const condition = singleCondition(options.get('where')?.initializer);
  const model = callee.expression;
  if (!condition || !ts.isPropertyAccessExpression(model)) return undefined;
  const batched = (ids: string): string =>
    spliced(call, [
      [callee.name, 'findMany'],
      [condition.property, `${condition.field}: { in: ${ids} }`],
    ]);
  return { call, field: condition.field, key: condition.key, batched, rows: '', missing: ' ?? null', receiver: flat(model), noun: model.name.text, needsIn: false };
}

/** findOne options that load the same rows for many keys: no select (it may leave out the key), no order or paging. */
const TYPEORM_KEPT_OPTIONS = new Set(['where', 'relations', 'withDeleted', 'loadEagerRelations']);
const TYPEORM_REPOSITORIES = new Set(['Repository', 'MongoRepository', 'TreeRepository']);

/** `repo.findOneBy({ id: key })` → `repo.findBy({ id: In(ids) })`; `repo.findOne({ where: { id: key } })` likewise. */
export function typeormLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression, node: FileNode): Lookup | undefined {
  const [argument] = call.arguments;
  if (call.arguments.length !== 1 || !argument) return undefined;
  const byWhere = callee.name.text === 'findOne';
  // findOne({ where }) has look-alikes in other ORMs (Sequelize, MikroORM): only on a receiver known to be TypeORM's.
  if (!isTypeormReceiver(callee.expression, node) && (byWhere || !importsTypeorm(node))) return undefined;
  const criteria = byWhere ? whereOption(argument) : { where: argument, onlyWhere: true };
  const condition = singleCondition(criteria?.where);
  if (!criteria || !condition) return undefined;
  const { where, onlyWhere } = criteria;
  const batched = (ids: string): string => {
    const replaced = spliced(onlyWhere ? where : argument, [[condition.property, `${condition.field}: In(${ids})`]]);
    return `${callee.expression.getText()}.${onlyWhere ? 'findBy' : 'find'}(${replaced})`;
  };
  const noun = receiverNoun(callee.expression);
  return { call, field: condition.field, key: condition.key, batched, rows: '', missing: ' ?? null', receiver: flat(callee.expression), needsIn: true, ...(noun ? { noun } : {}) };
}

/** The where of findOne options, when the other options load the same rows for many keys. */
function whereOption(argument: ts.Expression): { where: ts.Expression; onlyWhere: boolean } | undefined {
  const options = optionsOf(argument);
  const where = options?.get('where')?.initializer;
  if (!options || !where || [...options.keys()].some((name) => !TYPEORM_KEPT_OPTIONS.has(name))) return undefined;
  return { where, onlyWhere: options.size === 1 };
}

/** `this.x` injected as a TypeORM `Repository<T>`, or `….getRepository(Entity)`. */
function isTypeormReceiver(receiver: ts.Expression, node: FileNode): boolean {
  if (ts.isCallExpression(receiver)) return ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'getRepository';
  if (!ts.isPropertyAccessExpression(receiver) || receiver.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const param = constructorParam(node, receiver, receiver.name.text);
  return !!param && ((!!param.typeName && TYPEORM_REPOSITORIES.has(param.typeName)) || param.decorators.some((d) => d.name === 'InjectRepository'));
}

function importsTypeorm(node: FileNode): boolean {
  return node.facts.moduleRefs.some((ref) => ref.kind === 'import' && ref.specifier === 'typeorm');
}

/** `{ id: key }` / `{ id }`: one field, compared for equality with a plain value. */
interface Condition {
  readonly property: ts.ObjectLiteralElementLike;
  readonly field: string;
  readonly key: ts.Expression;
}

export function singleCondition(where: ts.Expression | undefined): Condition | undefined {
  if (!where || !ts.isObjectLiteralExpression(where) || where.properties.length !== 1) return undefined;
  const property = where.properties[0]!;
  if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) return { property, field: property.name.text, key: property.name };
  if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return undefined;
  const value = property.initializer;
  // An object or array here is a relation, a FindOperator or an operator object, not a key.
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value) || ts.isCallExpression(value)) return undefined;
  return { property, field: property.name.text, key: value };
}

/** Properties of an options object, by name; undefined when one is not a plain `name: value`. */
export function optionsOf(argument: ts.Expression | undefined): Map<string, ts.PropertyAssignment> | undefined {
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  const options = new Map<string, ts.PropertyAssignment>();
  for (const property of argument.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return undefined;
    options.set(property.name.text, property);
  }
  return options;
}

export function constructorParam(node: FileNode, at: ts.Node, name: string): ParamFact | undefined {
  const position = at.getStart();
  const owner = node.facts.classes.find((c) => c.range.start <= position && position < c.range.end);
  return owner?.constructorParams.find((p) => p.name === name);
}

/** `this.usersRepository` / `this.users` → `user`; `dataSource.getRepository(User)` → `user`. */
export function receiverNoun(receiver: ts.Expression): string | undefined {
  const entity = ts.isCallExpression(receiver) ? receiver.arguments[0] : undefined;
  if (entity) return ts.isIdentifier(entity) ? entity.text.charAt(0).toLowerCase() + entity.text.slice(1) : undefined;
  if (!ts.isPropertyAccessExpression(receiver)) return undefined;
  const name = receiver.name.text.replace(/Repo(?:sitory)?$/, '');
  return singularIfPlural(name) ?? (name === receiver.name.text ? undefined : name);
}

/** Node text with some of its descendants replaced. */
export function spliced(node: ts.Node, replacements: readonly (readonly [ts.Node, string])[]): string {
  const start = node.getStart();
  let text = node.getText();
  const ordered = [...replacements].sort(([a], [b]) => b.getStart() - a.getStart());
  for (const [inner, replacement] of ordered) text = text.slice(0, inner.getStart() - start) + replacement + text.slice(inner.getEnd() - start);
  return text;
}

export function flat(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}

/** `findById(id: number) { return this.repo.findOneBy({ id }); }`: one ORM lookup by its one parameter. */
export interface Delegation {
  readonly lookup: Lookup;
  readonly param: ts.ParameterDeclaration;
  readonly statement: ts.ReturnStatement;
  readonly awaited: boolean;
}

export function delegatedLookup(repository: FileNode, method: ts.MethodDeclaration): Delegation | undefined {
  const [param] = method.parameters;
  const [statement] = method.body?.statements ?? [];
  if (method.parameters.length !== 1 || !param || !ts.isIdentifier(param.name) || param.questionToken || param.initializer) return undefined;
  if (method.body?.statements.length !== 1 || !statement || !ts.isReturnStatement(statement) || !statement.expression) return undefined;
  const returned = ts.isAwaitExpression(statement.expression) ? statement.expression.expression : statement.expression;
  const lookup = ts.isCallExpression(returned) ? ormLookup(returned, repository) : undefined;
  const byParam = lookup && !lookup.rows && ts.isIdentifier(lookup.key) && lookup.key.text === param.name.text;
  return byParam ? { lookup, param, statement, awaited: returned !== statement.expression } : undefined;
}

/** The repository class a `this.x` constructor parameter injects, when its file is in the workspace. */
export function injectedClass(graph: DependencyGraph, node: FileNode, receiver: ts.PropertyAccessExpression): { file: FileNode; declaration: ts.ClassDeclaration } | undefined {
  const param = constructorParam(node, receiver, receiver.name.text);
  const edge = param && graph.outgoing(node.file).find((e) => e.kind === 'di' && e.range.start === param.range.start && !e.external);
  const file = edge && graph.files.get(edge.to);
  const declaration = file?.sourceFile.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === param?.typeName);
  return file && declaration ? { file, declaration } : undefined;
}
