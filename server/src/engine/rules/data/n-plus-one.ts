import { z } from 'zod';
import { ts } from '../../ts';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { declaredValue } from '../declared-values';
import { bindingIdentifiers, chainRoot, dottedName, enclosing, hasNode, isLoop, mentionsName, rangeOf, skipParentheses, walk } from '../syntax';
import { defineFileRule } from '../file-rule';
import { DataAccessNames } from './data-access-calls';
import { localInitializer } from '../local-values';
import { iteratesRows } from './loop-collections';

const options = z
  .object({
    /** Loops over a literal array of at most this many items are a fixed tuple, not a collection. */
    maxFixedItems: z.number().int().nonnegative().default(5),
    /**
     * Also report an insert or a delete per element. Off by default: on real backends most were
     * conditional writes of a handful of rows, rows whose ids or hooks the next step needs, or a
     * delete paired with per-row clean-up.
     */
    reportWrites: z.boolean().default(false),
  })
  .strict();

const ITERATING_METHODS = new Set(['map', 'forEach', 'reduce', 'flatMap', 'filter', 'some', 'every']);
/** Methods that load or write a batch (case matters: `buildPlugin` and `domain` are no `In`). */
const BATCHED_METHOD = /Many|ByIds|Batch|[Bb]ulk|In$|^in$/;
/** A transaction per element is a unit of work, not a query to batch. */
const TRANSACTION_METHOD = /^\$?transaction$/;
/**
 * Per-row updates carry each row's own values: "load all in one query" does not fit them, and a
 * bulk update is a different statement, not a batched call.
 */
const ROW_UPDATE_METHOD = /^(?:update|updateOne|updateById|updateTable|findByIdAndUpdate|findOneAndUpdate|save|store|increment|decrement|patch|upsert|nativeUpdate)$/;
/** A method of the app's own data layer named for updating a row (`updateStatus`, `saveDraft`). */
const NAMED_ROW_UPDATE = /^(?:update|save|patch|upsert)[A-Z]\w*$/;
/** Inserts: batched by a bulk insert, not by loading. */
const INSERTING_METHOD = /^(?:create|insert|insertOne|insertInto|add|persist)$/;
/** Deletes: batched by one delete of a set of keys. */
const DELETING_METHOD = /^(?:delete|deleteOne|deleteById|deleteFrom|destroy|del|remove|removeOne|nativeDelete|softRemove|softDelete)$|^(?:delete|remove)[A-Z]\w*$/;
/** Calls that compile a query to text without running it. */
const COMPILING_METHOD = /^(?:toQuery|toSQL|toSql|toString|toNative|getQuery|getSql|getQueryAndParameters|compile)$/;
/** Schema changes: one statement per table or column by nature, with no batched form. */
const SCHEMA_CHANGE_METHOD = /^(?:create|drop|alter|rename|duplicate|truncate|add|modify|copy)\w*(?:Table|Column|Schema|Index|Sequence|Constraint|View|Database)s?$/;
/** MongoDB's schema operations: dropping or creating a collection has no batched form. */
const COLLECTION_CHANGE_METHOD = /^(?:drop|dropCollection|dropDatabase|createCollection|renameCollection)$/;
/** Lookups of a registered model or repository (`mongoose.model(name)`, `getRepository(Entity)`): a handle from memory, no query. */
const HANDLE_LOOKUP_METHOD = /^(?:model|getModel|getRepository|getCustomRepository|getTreeRepository|getMongoRepository)$/;
/** Methods that run a statement given as text: running each of a list of statements is no lookup. */
const RAW_STATEMENT_METHOD = /^\$?(?:raw|query|execute|exec|run|unsafe|executeRaw\w*|queryRaw\w*|executeQuery)$/;
const SCHEMA_CHANGE_TEXT = /^\s*(?:create|alter|drop|truncate|comment\s+on|grant|revoke|vacuum|analyze|refresh|reindex)\b/i;
/** SQL text that already loads a set: `… WHERE id IN (…)`, `= ANY($1)`. */
const SET_CONDITION_TEXT = /\bin\s*\(|=\s*any\s*\(/i;
/** Loops over chunks or batches already batch: one query per chunk is the point. */
const CHUNK_NAME = /(?:chunk|batch|slice)(?:e?s)?$/i;
/** Functions that run once, at start-up or by hand: a loop there repeats a handful of times, once. */
const ONE_TIME_FUNCTION = /^(?:onModuleInit|onApplicationBootstrap|init\w*|initialize\w*|bootstrap\w*|setup\w*|seed\w*|migrate\w*)$/;
const RETRY_NAMES = /attempt|retr|tries/i;
const MAX_FIXED_COUNT = 10;

/**
 * Loops that run once per element of a collection: `for…of` / `for…in` over anything but a small
 * constant list (a literal tuple, or a `const` list or enum of a few members, here or imported), and
 * counted `for` loops up to a collection's length. `while` and `do` loops repeat until a condition
 * holds — a retry, a uniqueness probe, a page-by-page fetch — not per element.
 */
function isPerElementLoop(loop: ts.IterationStatement, list: ListSizes, maxFixedItems: number): boolean {
  // A search that stops at the first hit (`if (step) break;`, `if (count > 0) return rule;`) runs
  // until found, not once per element.
  if (breaksOut(loop) || returnsAHit(loop)) return false;
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) {
    if (isChunked(loop.initializer) || isChunked(loop.expression)) return false;
    const size = list(loop.expression);
    return size === undefined || size > maxFixedItems;
  }
  if (!ts.isForStatement(loop) || !loop.condition || stepsOverChunks(loop)) return false;
  const text = loop.condition.getText();
  if (RETRY_NAMES.test(text) || hasSmallBound(loop.condition)) return false;
  return loopCollection(loop) !== undefined;
}

/** A `break` of this loop (not of a loop or `switch` inside it). */
function breaksOut(loop: ts.IterationStatement): boolean {
  let found = false;
  walk(loop.statement, (n) => {
    if (found || ts.isFunctionLike(n) || isLoop(n) || ts.isSwitchStatement(n)) return false;
    if (ts.isBreakStatement(n) && !n.label) found = true;
    return !found;
  });
  return found;
}

/** Names of a response or of passing on: returning one answers the request, and is no hit. */
const ANSWERING = /^(?:res|response|reply|ctx|h|next|callback|cb|done)$/;

/**
 * A `return` of a value out of the loop (not a flag or sentinel such as `return true` or `return
 * null`, nor an answer to the request): the loop looks for the first element that qualifies and
 * returns it. A loop returning a flag (`if (count === 1) return true;`) checks every element in
 * the usual case.
 */
function returnsAHit(loop: ts.IterationStatement): boolean {
  return hasNode(loop.statement, (n) => {
    if (!ts.isReturnStatement(n) || !n.expression || enclosing(n, ts.isFunctionLike) !== enclosing(loop, ts.isFunctionLike)) return false;
    const value = ts.isAwaitExpression(n.expression) ? n.expression.expression : n.expression;
    if (isLiteralValue(value)) return false;
    return !ANSWERING.test(chainRoot(value)?.text ?? '') && !ts.isNewExpression(value);
  });
}

/** `true`, `null`, `0`, `'none'`, `undefined`: a flag or a sentinel, not an element found. */
function isLiteralValue(value: ts.Expression): boolean {
  const keywords = [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.UndefinedKeyword];
  return keywords.includes(value.kind) || ts.isLiteralExpression(value) || (ts.isIdentifier(value) && value.text === 'undefined');
}

/** `for (let i = 0; i < rows.length; i += batchSize)`: each pass takes a chunk, not an element. */
function stepsOverChunks(loop: ts.ForStatement): boolean {
  const step = loop.incrementor;
  if (!step || !ts.isBinaryExpression(step) || step.operatorToken.kind !== ts.SyntaxKind.PlusEqualsToken) return false;
  return !(ts.isNumericLiteral(step.right) && step.right.text === '1');
}

/** `for (const chunk of chunks)`: the element or the collection is named as a batch. */
function isChunked(node: ts.Node): boolean {
  if (ts.isVariableDeclarationList(node)) return node.declarations.some((d) => ts.isIdentifier(d.name) && CHUNK_NAME.test(d.name.text));
  const name = ts.isIdentifier(node) ? node.text : ts.isPropertyAccessExpression(node) ? node.name.text : ts.isCallExpression(node) ? (dottedName(node.expression).split('.').pop() ?? '') : '';
  return CHUNK_NAME.test(name) || /^(?:chunk|batch|paginate|inChunks|inBatches)/i.test(name);
}

/** Inside a function that runs once (a module's init hook, a set-up or seed function). */
function inOneTimeFunction(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const name =
      current.name && ts.isIdentifier(current.name) ? current.name.text : ts.isVariableDeclaration(current.parent) && ts.isIdentifier(current.parent.name) ? current.parent.name.text : undefined;
    if (name && ONE_TIME_FUNCTION.test(name)) return true;
    if (isShutdownHandler(current)) return true;
  }
  return false;
}

/** `process.on('SIGTERM', async () => …)`: runs once, as the process stops. */
function isShutdownHandler(fn: ts.Node): boolean {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[1] !== fn || !/^process\.(?:on|once)$/.test(dottedName(call.expression))) return false;
  const [event] = call.arguments;
  return event !== undefined && ts.isStringLiteralLike(event) && /^(?:SIGINT|SIGTERM|SIGHUP|SIGQUIT|exit|beforeExit)$/.test(event.text);
}

/** `i < 3`, `i < 3 && !done`: a comparison with a small number anywhere in the condition. */
function hasSmallBound(condition: ts.Expression): boolean {
  let small = false;
  walk(condition, (n) => {
    if (ts.isBinaryExpression(n) && (ts.isNumericLiteral(n.right) || ts.isNumericLiteral(n.left))) {
      const literal = ts.isNumericLiteral(n.right) ? n.right : (n.left as ts.NumericLiteral);
      if (Number(literal.text) <= MAX_FIXED_COUNT) small = true;
    }
    return !small;
  });
  return small;
}

/** The size of a constant list a loop runs over, when it is known: a literal, a `const` list or enum (here or imported), `Object.values(X)` of one. */
type ListSizes = (expr: ts.Expression) => number | undefined;

function listSizes(graph: DependencyGraph, node: FileNode): ListSizes {
  const sizeOf = (expr: ts.Expression): number | undefined => {
    if (ts.isArrayLiteralExpression(expr)) return expr.elements.length;
    if (ts.isAsExpression(expr) || ts.isParenthesizedExpression(expr)) return sizeOf(expr.expression);
    if (ts.isCallExpression(expr) && /^Object\.(?:values|keys|entries)$/.test(dottedName(expr.expression)) && expr.arguments[0]) return sizeOf(expr.arguments[0]);
    const name = ts.isIdentifier(expr) ? expr.text : undefined;
    const member = ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression) ? { name: expr.expression.text, member: expr.name.text } : undefined;
    if (name) return declaredValue(graph, node, name, undefined, (facts, key) => facts.constantListSizes.get(key));
    if (member) return declaredValue(graph, node, member.name, member.member, (facts, key) => facts.constantListSizes.get(key));
    return undefined;
  };
  return sizeOf;
}

/** `items.map(async (item) => …)`: a callback run once per element. */
function isPerElementCallback(fn: ts.Node): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression) || !ts.isPropertyAccessExpression(call.expression)) return false;
  return ITERATING_METHODS.has(call.expression.name.text);
}

/** Where a call repeats: the loop or per-element callback it runs in, and what that runs over. */
interface Repetition {
  readonly where: string;
  readonly collection: ts.Expression | undefined;
  /** The loop statement or the callback: what is declared in it changes from one element to the next. */
  readonly scope: ts.Node;
}

/** The loop or per-element callback a call runs in, within its function. */
function repeatingContext(call: ts.Node, list: ListSizes, maxFixedItems: number): Repetition | undefined {
  for (let current: ts.Node = call; current.parent; current = current.parent) {
    const parent = current.parent;
    // Recording a failure in a catch runs per failure, not per element.
    if (ts.isCatchClause(parent)) return undefined;
    if (isLoop(parent) && parent.statement === current) return isPerElementLoop(parent, list, maxFixedItems) ? { where: 'in a loop', collection: loopCollection(parent), scope: parent } : undefined;
    if (ts.isFunctionLike(parent))
      return isPerElementCallback(parent) && isOverCollection(parent, list, maxFixedItems)
        ? { where: `in a .${callbackMethod(parent)}() callback`, collection: callbackReceiver(parent), scope: parent }
        : undefined;
  }
  return undefined;
}

/** `xs` in `for (const x of xs)`, and in `for (let i = 0; i < xs.length; i++)`. */
function loopCollection(loop: ts.IterationStatement): ts.Expression | undefined {
  if (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) return loop.expression;
  let found: ts.Expression | undefined;
  if (ts.isForStatement(loop) && loop.condition) {
    walk(loop.condition, (n) => {
      if (!found && ts.isPropertyAccessExpression(n) && /^(?:length|size|count)$/.test(n.name.text)) found = n.expression;
      return !found;
    });
  }
  return found;
}

function callbackReceiver(fn: ts.Node): ts.Expression {
  return ((fn.parent as ts.CallExpression).expression as ts.PropertyAccessExpression).expression;
}

/** `items.map(…)` over anything but a small constant list. */
function isOverCollection(fn: ts.Node, list: ListSizes, maxFixedItems: number): boolean {
  const receiver = callbackReceiver(fn);
  if (isChunked(receiver)) return false;
  const size = list(receiver);
  return size === undefined || size > maxFixedItems;
}

function callbackMethod(fn: ts.Node): string {
  const call = fn.parent as ts.CallExpression;
  return (call.expression as ts.PropertyAccessExpression).name.text;
}

/**
 * Whether the call is keyed by the element: an argument names the element, or something declared
 * per element (`for (const order of orders) { const id = order.userId; await find(id) }`). A query
 * whose arguments stay the same on every pass loads the same thing each time: it belongs before
 * the loop, but it is no query per element to batch.
 */
function keyedByElement(call: ts.CallExpression, scope: ts.Node): boolean {
  const perElement = namesBoundIn(scope, call.getStart());
  let keyed = false;
  for (const argument of chainCalls(call).flatMap((link) => link.arguments)) {
    walk(argument, (n) => {
      if (keyed) return false;
      // `x.name`, `{ name: … }`: a property's name is no variable.
      const isPropertyName = (ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) || (ts.isPropertyAssignment(n.parent) && n.parent.name === n);
      if (ts.isIdentifier(n) && !isPropertyName) keyed = perElement.has(n.text);
      return !keyed;
    });
  }
  return keyed;
}

/** Calls that reach another system: each is a round trip of its own. */
const OUTGOING_CALL = /^(?:fetch|axios(?:\.\w+)?|got(?:\.\w+)?|request|superagent\.\w+|\w*(?:[Hh]ttp|[Cc]lient|[Aa]pi)\.(?:get|post|put|patch|delete|request))$/;

/**
 * The same pass also writes a row of the data layer or calls another system
 * (`const user = await users.findOne(…); …; await users.save(user)`, `await fetch(feed.url)`):
 * a unit of work per element. Loading the reads in one query would leave a round trip per
 * element, so the loop is a per-element workflow, not a lookup to batch.
 */
function writesEachElement(read: ts.CallExpression, scope: ts.Node, names: DataAccessNames): boolean {
  const body = ts.isFunctionLike(scope) ? scope : (scope as ts.IterationStatement).statement;
  return hasNode(body, (n) => {
    if (!ts.isAwaitExpression(n) || !ts.isCallExpression(n.expression) || n.expression === read) return false;
    const other = n.expression;
    if (OUTGOING_CALL.test(dottedName(other.expression))) return true;
    const chain = chainCalls(other).map(methodName);
    const writes = isRowWrite(other, chain) || chain.some((m) => INSERTING_METHOD.test(m) || DELETING_METHOD.test(m));
    return (writes && names.layerOfCall(other) !== undefined) || savesRecordOfPass(other, scope);
  });
}

/** Active-record writes: a row that saves or removes itself. */
const RECORD_WRITE_METHOD = /^(?:save|remove|destroy|softRemove|softDelete|restore|increment|decrement)$/;

/**
 * `await guild.save()`, `await row.destroy()` on the element itself: an active record (TypeORM's
 * `BaseEntity`, a Sequelize or Mongoose instance) of the collection writing itself, the
 * per-element write of a unit of work. A record the pass has just loaded saving itself
 * (`const item = await find(id); item.flag = true; await item.save()`) is the read to batch, and
 * stays reported.
 */
function savesRecordOfPass(call: ts.CallExpression, scope: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(call.expression) || !RECORD_WRITE_METHOD.test(call.expression.name.text)) return false;
  const receiver = call.expression.expression;
  return ts.isIdentifier(receiver) && elementNames(scope).has(receiver.text);
}

/** What a pass binds the element to: `for (const guild of …)`, `guilds.map(async (guild) => …)`. */
function elementNames(scope: ts.Node): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    for (const id of bindingIdentifiers(name)) names.add(id.text);
  };
  if (ts.isForOfStatement(scope) || ts.isForInStatement(scope)) {
    if (ts.isVariableDeclarationList(scope.initializer)) for (const d of scope.initializer.declarations) bind(d.name);
  } else if (ts.isFunctionLike(scope)) {
    const [element] = scope.parameters;
    if (element) bind(element.name);
  }
  return names;
}

/**
 * `if (!hosts[id]) hosts[id] = await find(id)`, `if (!cache.has(key)) cache.set(key, await load(key))`:
 * a lookup remembered per key runs once per distinct key, and the loop reads the rest from memory.
 */
function rememberedPerKey(call: ts.CallExpression, scope: ts.Node): boolean {
  for (let current: ts.Node = call; current !== scope && current.parent; current = current.parent) {
    const parent = current.parent;
    if (!ts.isIfStatement(parent) || parent.thenStatement !== current) continue;
    const memo = testedMemo(parent.expression);
    if (memo && storesInto(parent.thenStatement, memo)) return true;
  }
  return false;
}

/** The collection a condition finds a key missing from: `!m[k]`, `!m.has(k)`, `!m.get(k)`, `m[k] === undefined`, `!(k in m)`. */
function testedMemo(condition: ts.Expression): string | undefined {
  let tested = skipParentheses(condition);
  if (ts.isPrefixUnaryExpression(tested) && tested.operator === ts.SyntaxKind.ExclamationToken) tested = skipParentheses(tested.operand);
  else if (ts.isBinaryExpression(tested) && /^(?:===|==)$/.test(tested.operatorToken.getText()) && /^(?:undefined|null)$/.test(tested.right.getText())) tested = tested.left;
  if (ts.isElementAccessExpression(tested)) return dottedName(tested.expression) || undefined;
  if (ts.isCallExpression(tested) && ts.isPropertyAccessExpression(tested.expression) && /^(?:has|get)$/.test(tested.expression.name.text))
    return dottedName(tested.expression.expression) || undefined;
  if (ts.isBinaryExpression(tested) && tested.operatorToken.kind === ts.SyntaxKind.InKeyword) return dottedName(tested.right) || undefined;
  return undefined;
}

/** `m[k] = …` or `m.set(k, …)` in a statement. */
function storesInto(statement: ts.Statement, memo: string): boolean {
  return hasNode(statement, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(n.left)) return dottedName(n.left.expression) === memo;
    return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'set' && dottedName(n.expression.expression) === memo;
  });
}

/** What a raw statement run per element does, read from its text: `UPDATE …` is a row's own write. */
function rawStatementKind(call: ts.CallExpression): 'update' | 'insert' | 'delete' | undefined {
  const [first] = call.arguments;
  if (!first || !RAW_STATEMENT_METHOD.test(methodName(call))) return undefined;
  const text = ts.isStringLiteralLike(first) ? first.text : ts.isTemplateExpression(first) ? first.head.text : '';
  const verb = /^\s*(update|insert|delete)\b/i.exec(text)?.[1]?.toLowerCase();
  return verb === 'update' || verb === 'insert' || verb === 'delete' ? verb : undefined;
}

/** Names a scope binds before a position: its parameters, its loop variables and its locals, destructured ones too. */
function namesBoundIn(scope: ts.Node, before: number): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    for (const id of bindingIdentifiers(name)) names.add(id.text);
  };
  walk(scope, (n) => {
    if (n.pos >= before) return false;
    if (ts.isVariableDeclaration(n) || ts.isParameter(n)) bind(n.name);
    return true;
  });
  return names;
}

/**
 * A call that already loads a batch: a batched method anywhere in the chain (`findByIds`,
 * `whereIn`, `createMany`), or an `In(...)` / `{ in: [...] }` argument.
 */
function isBatched(call: ts.CallExpression, depth = 0): boolean {
  let batched = false;
  walk(call, (n) => {
    if (batched || ts.isFunctionLike(n)) return false;
    batched = loadsASet(n);
    return !batched;
  });
  if (batched || depth > 0) return batched;
  // `const query = knex(table).whereIn('id', ids).toQuery(); await db.$queryRawUnsafe(query)`
  const [first] = call.arguments;
  const initializer = first && ts.isIdentifier(first) ? localInitializer(first) : undefined;
  return initializer !== undefined && ts.isCallExpression(initializer) && isBatched(initializer, depth + 1);
}

/**
 * One part of a query that makes it load a set: a batched method, TypeORM's `In(…)`, Prisma's
 * `{ in: … }`, Kysely's and Knex's `.where('id', 'in', ids)`, raw `IN (…)` or `= ANY(…)`.
 */
function loadsASet(n: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(n)) return BATCHED_METHOD.test(n.name.text);
  // `insert(analytes.map((a) => ({ … })))`, `values(ids.map(…))`: many rows in one statement.
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(?:insert|values|insertMany|bulkCreate|createMany)$/.test(n.expression.name.text))
    return n.arguments.some(isMappedList);
  if (ts.isPropertyAssignment(n)) return ts.isIdentifier(n.name) && n.name.text === 'in';
  if (ts.isCallExpression(n)) return (ts.isIdentifier(n.expression) && n.expression.text === 'In') || n.arguments.some((a) => ts.isStringLiteral(a) && /^(?:in|=\s*any)$/i.test(a.text));
  return (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && SET_CONDITION_TEXT.test(n.text);
}

function isMappedList(arg: ts.Expression): boolean {
  return ts.isCallExpression(arg) && ts.isPropertyAccessExpression(arg.expression) && arg.expression.name.text === 'map';
}

/**
 * The calls of a query chain, outermost first: `db.update(t).set(…).where(…)` → where, set,
 * update. A builder chain states its statement early (`update`, `insertInto`, `deleteFrom`) and
 * ends in a condition or an `execute()`, so what it does is read along the whole chain; its key
 * may be given to any of them (`find(id).exec()` is keyed by `id`).
 */
function chainCalls(call: ts.CallExpression): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  for (let link: ts.Expression = call; ts.isCallExpression(link) || ts.isPropertyAccessExpression(link) || ts.isNonNullExpression(link); link = link.expression) {
    if (ts.isCallExpression(link)) calls.push(link);
  }
  return calls;
}

/** A per-row update, or an upsert that writes each row's own values (not `update: {}`, an insert-if-missing a bulk insert covers). */
function isRowWrite(call: ts.CallExpression, chain: readonly string[]): boolean {
  const method = methodName(call);
  // `updateSampleAttribute(row)`: a repository method named for updating one row.
  if (NAMED_ROW_UPDATE.test(method)) return true;
  if (method !== 'upsert') return chain.some((m) => ROW_UPDATE_METHOD.test(m));
  const [options] = call.arguments;
  const update = options && ts.isObjectLiteralExpression(options) ? options.properties.find((p) => p.name?.getText() === 'update') : undefined;
  return !(update && ts.isPropertyAssignment(update) && ts.isObjectLiteralExpression(update.initializer) && update.initializer.properties.length === 0);
}

/**
 * Not a query per element at all: compiling a query to text (`.toQuery()`), a schema change
 * (`dropTable(name)`, `ALTER TABLE …`), or running the elements of a list of statements
 * (`for (const sql of statements) await db.raw(sql)`): each is one statement by nature.
 */
function isNotPerElementQuery(call: ts.CallExpression): boolean {
  const method = methodName(call);
  if (
    HANDLE_LOOKUP_METHOD.test(method) ||
    COMPILING_METHOD.test(method) ||
    SCHEMA_CHANGE_METHOD.test(method) ||
    COLLECTION_CHANGE_METHOD.test(method) ||
    /\.schema\./.test(dottedName(call.expression))
  )
    return true;
  const [first] = call.arguments;
  if (!first) return false;
  const text = ts.isStringLiteralLike(first) ? first.text : ts.isTemplateExpression(first) ? first.head.text : undefined;
  if (text !== undefined && SCHEMA_CHANGE_TEXT.test(text)) return true;
  return (RAW_STATEMENT_METHOD.test(method) && runsIterationElement(call, first)) || runsBuiltChange(first);
}

/**
 * `const sql = this.dialect.duplicateTable(t); await db.$executeRawUnsafe(sql)`, or a statement
 * built as `knex(table).update({…}).toQuery()`: the text was made by a schema change or a
 * set-wide update, one statement per table by nature.
 */
function runsBuiltChange(argument: ts.Expression): boolean {
  const initializer = ts.isIdentifier(argument) ? localInitializer(argument) : ts.isCallExpression(argument) ? argument : undefined;
  if (!initializer || !ts.isCallExpression(initializer)) return false;
  let change = false;
  walk(initializer, (n) => {
    if (change || ts.isFunctionLike(n)) return false;
    if (ts.isPropertyAccessExpression(n)) change = SCHEMA_CHANGE_METHOD.test(n.name.text) || n.name.text === 'schema' || ROW_UPDATE_METHOD.test(n.name.text);
    return !change;
  });
  return change;
}

/** `db.raw(statement)` where `statement` is the loop's or the callback's element (or its `.sql`). */
function runsIterationElement(call: ts.CallExpression, argument: ts.Expression): boolean {
  const root = ts.isPropertyAccessExpression(argument) && ts.isIdentifier(argument.expression) && /^(?:sql|query|text|statement)$/.test(argument.name.text) ? argument.expression : argument;
  if (!ts.isIdentifier(root)) return false;
  for (let current: ts.Node | undefined = call.parent; current; current = current.parent) {
    if (iteratesAs(current, root.text)) return true;
    if (ts.isFunctionDeclaration(current) || ts.isMethodDeclaration(current)) return false;
  }
  return false;
}

/** `for (const name of …)`, or `list.map((name) => …)`: the node binds `name` to each element. */
function iteratesAs(node: ts.Node, name: string): boolean {
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return mentionsName(node.initializer, name);
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const [element] = node.parameters;
  return isPerElementCallback(node) && element !== undefined && mentionsName(element.name, name);
}

/**
 * The outermost call of an awaited chain (`await db('x').where(…).first()`), or the call a
 * per-element callback returns (`ids.map((id) => repo.find(id))`, or `{ return repo.find(id) }`),
 * which `Promise.all` then awaits.
 */
function queryCall(node: ts.Node): ts.CallExpression | undefined {
  if (ts.isAwaitExpression(node) && ts.isCallExpression(node.expression)) return node.expression;
  if (!ts.isCallExpression(node)) return undefined;
  if (ts.isArrowFunction(node.parent) && node.parent.body === node && isPerElementCallback(node.parent)) return node;
  const returned = ts.isReturnStatement(node.parent) && node.parent.expression === node ? enclosing(node.parent, ts.isFunctionLike) : undefined;
  return returned && isPerElementCallback(returned) ? node : undefined;
}

function methodName(call: ts.CallExpression): string {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : '';
}

type StatementKind = 'read' | 'insert' | 'delete';

/**
 * What a repeated call does, or nothing when it is no query to batch: already batched, a
 * transaction, a row's own update, or no query per element at all.
 */
function statementKind(call: ts.CallExpression): StatementKind | undefined {
  const chain = chainCalls(call).map(methodName);
  const raw = rawStatementKind(call);
  if (isBatched(call) || TRANSACTION_METHOD.test(methodName(call)) || isRowWrite(call, chain) || raw === 'update' || isNotPerElementQuery(call)) return undefined;
  if (raw === 'insert' || chain.some((m) => INSERTING_METHOD.test(m))) return 'insert';
  if (raw === 'delete' || chain.some((m) => DELETING_METHOD.test(m))) return 'delete';
  return 'read';
}

const MESSAGE: Record<StatementKind, (text: string, where: string) => string> = {
  insert: (text, where) => `N+1 queries: ${text}() inserts once per element (${where}). Insert them in one statement (createMany, bulkCreate, insert([...]), save([...])).`,
  delete: (text, where) => `N+1 queries: ${text}() deletes once per element (${where}). Delete them in one statement (deleteMany, destroy({ where: { id: ids } }), whereIn('id', ids).del()).`,
  read: (text, where) =>
    `N+1 queries: ${text}() runs once per element (${where}). Load all of them in one query (findBy({ id: In(ids) }), findMany({ where: { id: { in: ids } } }), WHERE id = ANY($1)) and look them up in a Map.`,
};

export const nPlusOne = defineFileRule({
  meta: {
    id: 'data/n-plus-one',
    description: 'A database query runs once per element of a collection (in a loop or a map/forEach callback) instead of once for all.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  visitor({ file: node, graph, options, report }) {
    const names = new DataAccessNames(graph, node);
    const list = listSizes(graph, node);
    const sf = node.sourceFile;
    return (n) => {
      const call = queryCall(n);
      const kind = call ? statementKind(call) : undefined;
      if (!call || !kind || (kind !== 'read' && !options.reportWrites)) return;
      const repetition = names.layerOfCall(call) ? repeatingContext(call, list, options.maxFixedItems) : undefined;
      if (!repetition?.collection || !iteratesRows(repetition.collection, names) || inOneTimeFunction(call)) return;
      if (!keyedByElement(call, repetition.scope) || rememberedPerKey(call, repetition.scope)) return;
      if (kind === 'read' && writesEachElement(call, repetition.scope, names)) return;
      const text = call.expression.getText(sf).replace(/\s+/g, ' ').slice(0, 60);
      report({ range: rangeOf(call, sf), message: MESSAGE[kind](text, repetition.where) });
    };
  },
});
