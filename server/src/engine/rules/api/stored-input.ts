import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import { perGraph } from '../../memo';
import { dottedName, hasNode, walk } from '../syntax';
import { calledName, functionsNamed, sourcesReachedFrom, type FunctionWithBody } from '../callees';
import { DataAccessNames } from '../data/data-access-calls';

/**
 * Where request input is written to the data store: the write (`Order.create(input)`,
 * `this.repo.save(input)`, `db.insert(t).values(input)`), the record built from it (`new Order(input)`),
 * or the data-layer function it is handed to, with the file that holds it.
 *
 * missing-validation reports only input that provably reaches such a write. Input used as a lookup
 * key, compared, forwarded to an outside API or to code out of view is not claimed to be stored:
 * on unseen backends every such guess was labelled noise more often than not.
 */
export interface StoreSite {
  readonly file: FileNode;
  readonly node: ts.Node;
  /** What writes it, as the code says it (`this.orders.save`). */
  readonly writer: string;
}

/** How many calls further in a value handed to the app's code is followed. */
const FOLLOWED_CALLS = 2;

/** Layers whose functions store what they are given. */
const STORING_LAYERS: ReadonlySet<string> = new Set(['repository', 'data-access']);

/** Methods that write what they are given. Reads (`findOne({ id })`) only look a value up. */
const WRITE_METHOD =
  /^(?:create|createMany|insert|insertMany|insertOne|save|update|updateOne|updateMany|upsert|bulkCreate|bulkWrite|findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|replaceOne|persist|persistAndFlush|store|increment|decrement)$/;

/** Writes whose first argument is the filter that finds the records (`updateOne({ _id }, changes)`). */
const FILTER_FIRST = /^(?:updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|replaceOne)$/;

/** Raw SQL that writes: `db.query('INSERT INTO orders …', [input])`. */
const SQL_WRITE = /^\s*(?:insert|update|replace|merge)\b/i;

/** Properties of a call's argument that only find records: `{ where: { code } }`. */
const LOOKUP_PROPERTY = /^(?:where|filter|select|include|orderBy|order|sort|_id|id)$/;

/** Calls that hand back (part of) the value they are given: `pick(input, ['name'])`, `{ ...omit(input, 'id') }`. */
const PASSING_CALL = /^(?:pick|omit|merge|assign|cloneDeep|clone|structuredClone)$/;

/** `db.insert(t).values(input)`, `db.update(t).set(input)`: the written values of a builder's write. */
const BUILDER_VALUES = /^(?:values|set)$/;

/** Receivers that persist what they are given as it is, by name: `ordersRepo`, `userModel`, `prisma`, `knex`. */
export const PERSISTING_RECEIVER = /(?:repo|repository|model|db|database|knex|prisma|collection|table|orm|em|manager|dataSource)$/i;

/** Built-in objects: `Object.assign`, `JSON.stringify` write nothing. */
const BUILT_IN = /^(?:Object|JSON|Math|Promise|Array|String|Number|Boolean|Date|Buffer|Reflect|URL|Intl|Error|Map|Set|Symbol|console|process)$/;

/** Where a value reaches a write in `fn` (the handler itself), taken from what `seed` matches and the locals named. */
export function storeSiteOfValue(
  fn: ts.FunctionLikeDeclaration,
  seed: (n: ts.Node) => boolean,
  names: readonly string[],
  file: FileNode,
  graph: DependencyGraph,
  tracking: Tracking,
): StoreSite | undefined {
  if (!fn.body) return undefined;
  return storeSiteIn(fn.body, taintFrom(fn.body, seed, names, tracking), fn, file, graph, FOLLOWED_CALLS);
}

/** Where the function's parameter at `index` reaches a write, in it or in the app's functions it calls. */
export function storeSiteOfParameter(fn: FunctionWithBody, index: number, file: FileNode, graph: DependencyGraph, tracking: Tracking): StoreSite | undefined {
  return parameterStoreSite(fn, index, file, graph, FOLLOWED_CALLS, tracking);
}

function parameterStoreSite(fn: FunctionWithBody, index: number, file: FileNode, graph: DependencyGraph, depth: number, tracking: Tracking): StoreSite | undefined {
  const param = fn.parameters[index];
  if (!param || param.dotDotDotToken) return undefined;
  if (file.layer !== undefined && STORING_LAYERS.has(file.layer)) return { file, node: fn.name ?? fn, writer: fn.name?.getText(file.sourceFile) ?? 'a data-access function' };
  const names = namesHolding(param.name, tracking);
  return names.length > 0
    ? storeSiteIn(
        fn.body,
        taintFrom(fn.body, () => false, names, tracking),
        fn,
        file,
        graph,
        depth,
      )
    : undefined;
}

/** The values a function holds that came from the input: what `seed` matches and the names bound to it. */
interface Taint {
  readonly carries: (n: ts.Node) => boolean;
  readonly names: ReadonlySet<string>;
  readonly tracking: Tracking;
}

/**
 * What counts as the input: the object as the client sent it (\`whole\`: \`save(input)\`,
 * \`{ ...input }\`), or also each field taken from it (\`fields\`: \`save({ title: input.title })\`).
 */
export type Tracking = 'whole' | 'fields';

function storeSiteIn(body: ts.Node, taint: Taint, self: ts.FunctionLikeDeclaration, file: FileNode, graph: DependencyGraph, depth: number): StoreSite | undefined {
  const data = dataAccessNamesOf(file, graph);
  let site: StoreSite | undefined;
  walk(body, (n) => {
    if (site) return false;
    if (ts.isNewExpression(n) && data.buildsRecord(n) && (n.arguments ?? []).some(taint.carries)) site = { file, node: n, writer: `new ${n.expression.getText(file.sourceFile)}` };
    else if (ts.isCallExpression(n)) site = writeSite(n, taint, data, file) ?? (depth > 0 ? calleeStoreSite(n, taint, self, file, graph, depth) : undefined);
    return !site;
  });
  return site;
}

function writeSite(call: ts.CallExpression, taint: Taint, data: DataAccessNames, file: FileNode): StoreSite | undefined {
  const writes = (isWrite(call) && (data.reachesData(call) || hasPersistingReceiver(call, file)) && writtenArguments(call).some(taint.carries)) || savesTaintedRecord(call, taint.names);
  return writes ? { file, node: call, writer: dottedName(call.expression) || call.expression.getText(file.sourceFile) } : undefined;
}

/**
 * The arguments a write stores: all but the filter (`updateOne(filter, changes)`, TypeORM's
 * `update(criteria, changes)`; Sequelize's `update(values, { where })` stores its first).
 */
function writtenArguments(call: ts.CallExpression): readonly ts.Expression[] {
  const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
  const [first, second] = call.arguments;
  const filterFirst =
    FILTER_FIRST.test(method) || (method === 'update' && second !== undefined && !(ts.isObjectLiteralExpression(second) && second.properties.some((p) => p.name?.getText() === 'where')));
  return filterFirst && first ? call.arguments.slice(1) : call.arguments;
}

/** `repo.save(x)`, the values of a builder's write (`db.insert(orders).values(x)`), and raw SQL that writes. */
export function isWrite(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  if (WRITE_METHOD.test(method)) return true;
  const [sql] = call.arguments;
  if (sql && ts.isStringLiteralLike(sql) && SQL_WRITE.test(sql.text)) return true;
  if (sql && ts.isTemplateExpression(sql) && SQL_WRITE.test(sql.head.text)) return true;
  return BUILDER_VALUES.test(method) && /\b(?:insert|update|upsert)\b/.test(call.expression.expression.getText());
}

/**
 * A receiver named for storage anywhere along the chain (`this.ordersRepo`, `prisma.user`), or a
 * capitalized one that is no built-in and not a package's (`Order.create`: the app's model).
 */
function hasPersistingReceiver(call: ts.CallExpression, file: FileNode): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  let receiver: ts.Expression = call.expression.expression;
  for (;;) {
    const name = calledName(receiver);
    if (name !== undefined && (PERSISTING_RECEIVER.test(name) || (ts.isIdentifier(receiver) && isAppModelName(name, file)))) return true;
    if (ts.isPropertyAccessExpression(receiver) || ts.isCallExpression(receiver) || ts.isNonNullExpression(receiver) || ts.isParenthesizedExpression(receiver)) receiver = receiver.expression;
    else return false;
  }
}

function isAppModelName(name: string, file: FileNode): boolean {
  if (!/^[A-Z]/.test(name) || BUILT_IN.test(name)) return false;
  const ref = file.facts.moduleRefs.find((r) => r.bindings.some((b) => b.local === name));
  return ref === undefined || /^[./]/.test(ref.specifier) || /\/models?\//.test(ref.specifier);
}

/** An argument carrying the input goes to a function of the app that stores it. */
function calleeStoreSite(call: ts.CallExpression, taint: Taint, caller: ts.FunctionLikeDeclaration, file: FileNode, graph: DependencyGraph, depth: number): StoreSite | undefined {
  const name = calledName(call.expression);
  if (name === undefined) return undefined;
  const callees = appFunctionsNamed(name, caller, file, graph);
  for (const [index, arg] of call.arguments.entries()) {
    if (!taint.carries(arg)) continue;
    for (const callee of callees) {
      const site = parameterStoreSite(callee.fn, index, callee.file, graph, depth - 1, taint.tracking);
      if (site) return site;
    }
  }
  return undefined;
}

/** The app's functions of that name the file reaches, other than the caller (\`getInstitutions\` calling \`client.getInstitutions\` is a namesake). */
function appFunctionsNamed(name: string, caller: ts.FunctionLikeDeclaration, file: FileNode, graph: DependencyGraph): { fn: FunctionWithBody; file: FileNode }[] {
  return sourcesReachedFrom(graph, file).flatMap((sf) => {
    const calleeFile = graph.files.get(sf.fileName);
    return calleeFile
      ? functionsNamed(sf, name)
          .filter((fn) => fn !== caller)
          .map((fn) => ({ fn, file: calleeFile }))
      : [];
  });
}

/** `doc.note = value; await doc.save()`: a record the value was written into, saved. */
function savesTaintedRecord(call: ts.CallExpression, tainted: ReadonlySet<string>): boolean {
  if (!ts.isPropertyAccessExpression(call.expression) || !/^(?:save|update|persist|insert|upsert|store)$/.test(call.expression.name.text)) return false;
  const root = rootIdentifier(call.expression.expression);
  return root !== undefined && tainted.has(root);
}

function rootIdentifier(expr: ts.Expression): string | undefined {
  let current = expr;
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}

/**
 * The names that hold the input or something built from it: the names given, locals initialized
 * from them (`const row = { content: comment }`), and objects they are written into (`doc.note =
 * comment`, `Object.assign(doc, input)`), to a fixed point.
 */
function taintFrom(body: ts.Node, seed: (n: ts.Node) => boolean, names: readonly string[], tracking: Tracking): Taint {
  const tainted = new Set(names);
  const carries = (n: ts.Node): boolean => hasNode(n, (m) => (seed(m) || (ts.isIdentifier(m) && tainted.has(m.text))) && (tracking === 'fields' || isWholeUse(m)) && !isLookupUse(m, n));
  for (let grew = true; grew;) {
    const before = tainted.size;
    walk(body, (n) => {
      if (ts.isVariableDeclaration(n) && n.initializer && passesValueOn(n.initializer) && carries(n.initializer)) for (const name of namesHolding(n.name, tracking)) tainted.add(name);
      const target = assignedTarget(n);
      if (target && target.values.some(carries)) {
        const root = rootIdentifier(target.into);
        if (root !== undefined) tainted.add(root);
      }
      return true;
    });
    grew = tainted.size > before;
  }
  return { carries, names: tainted, tracking };
}

/**
 * `{ ...input, owner }`, `input || {}`, `new Order(input)` hold the input; what a call returns
 * (`await User.findOne({ email })`, `pick(input, ['name'])`) is something else, looked up or cleaned.
 */
function passesValueOn(init: ts.Expression): boolean {
  let value: ts.Expression = init;
  while (ts.isAwaitExpression(value) || ts.isParenthesizedExpression(value) || ts.isAsExpression(value) || ts.isNonNullExpression(value) || ts.isSatisfiesExpression(value)) value = value.expression;
  return !ts.isCallExpression(value) || PASSING_CALL.test(calledName(value.expression) ?? '');
}

/**
 * The input's value used only to find records or to decide, within \`within\`: a field named as a
 * key (\`input.orderId\`), anything under a \`where\`/\`filter\` property, or a value turned into a
 * boolean or number on the way (\`!input.enabled\`, \`input.kind === 'a'\`, \`Number(input.size)\`).
 * A wrong one fails the lookup or the test, and stores nothing of its own.
 */
function isLookupUse(use: ts.Node, within: ts.Node): boolean {
  for (let node: ts.Node = use; node !== within && node.parent; node = node.parent) {
    if (findsOrTests(node)) return true;
  }
  return false;
}

/** The step from \`node\` to its parent looks a record up or turns the value into a test or a number. */
function findsOrTests(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return isKeyName(parent.name.text);
  if (ts.isPropertyAssignment(node)) return LOOKUP_PROPERTY.test(node.name.getText());
  if (ts.isShorthandPropertyAssignment(node)) return isKeyName(node.name.text);
  if (ts.isPrefixUnaryExpression(parent) || ts.isTypeOfExpression(parent)) return true;
  if (ts.isBinaryExpression(parent)) return COMPARISON.has(parent.operatorToken.kind);
  return ts.isCallExpression(parent) && parent.arguments.some((a) => a === node) && COERCING.test(calledName(parent.expression) ?? '');
}

const COMPARISON: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.InstanceOfKeyword,
  ts.SyntaxKind.InKeyword,
]);

const COERCING = /^(?:Number|parseInt|parseFloat|Boolean|to(?:Number|Integer|Int|Boolean|Bool))$/;

/** Names that say the value identifies a record or pages through them: \`fileId\`, \`ids\`, \`slug\`, \`page\`, \`limit\`. */
export function isKeyName(name: string): boolean {
  return /^(?:_?id|ids|uuid|slug)$|(?:Id|Ids|ID|IDs|_id|_ids|Uuid|Slug)$/.test(name) || PAGING.test(name);
}

/** Paging and ordering values: a wrong one pages or sorts nothing. */
export const PAGING = /^(?:page|pageSize|page_size|perPage|per_page|pageNumber|limit|offset|skip|take|cursor)$/;

/** `doc.note = value` and `Object.assign(doc, value)`: values written into an object. */
function assignedTarget(n: ts.Node): { into: ts.Expression; values: readonly ts.Node[] } | undefined {
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) return { into: n.left, values: [n.right] };
  const [into, ...values] = ts.isCallExpression(n) && dottedName(n.expression) === 'Object.assign' ? n.arguments : [];
  return into ? { into, values } : undefined;
}

/**
 * The names that hold the input: \`data\` in \`const data = input\`, \`rest\` in \`const { id,
 * ...rest } = input\`. Fields taken out one by one (\`const { title } = input\`) are chosen by the
 * code, not by the client: they count only when fields are tracked, and never when named as keys.
 */
function namesHolding(pattern: ts.BindingName, tracking: Tracking): string[] {
  if (ts.isIdentifier(pattern)) return isKeyName(pattern.text) ? [] : [pattern.text];
  if (tracking === 'fields') return pattern.elements.flatMap((el) => (ts.isBindingElement(el) ? namesHolding(el.name, tracking) : []));
  return pattern.elements.flatMap((el) => (ts.isBindingElement(el) && el.dotDotDotToken && ts.isIdentifier(el.name) ? [el.name.text] : []));
}

/**
 * The input used as the whole object (\`save(input)\`, \`{ ...input, owner }\`, \`{ data: input }\`),
 * not one of its fields (\`input.title\`, \`input[key]\`): storing the object as the client sent
 * it lets the client choose every field written (mass assignment).
 */
function isWholeUse(use: ts.Node): boolean {
  const parent = use.parent;
  return !((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === use);
}

const dataAccessNamesOf = (file: FileNode, graph: DependencyGraph): DataAccessNames => dataAccessPerGraph(graph).get(file);

const dataAccessPerGraph = perGraph((graph) => {
  const known = new Map<FileNode, DataAccessNames>();
  return {
    get(file: FileNode): DataAccessNames {
      let names = known.get(file);
      if (!names) known.set(file, (names = new DataAccessNames(graph, file)));
      return names;
    },
  };
});
