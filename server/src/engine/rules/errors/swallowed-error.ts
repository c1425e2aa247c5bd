import { z } from 'zod';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { containsComment, dottedName, hasOwnNode, rangeOf, walk } from '../syntax';
import { defineFileRule } from '../file-rule';
import { DataAccessNames } from '../data/data-access-calls';
import { handledByCallee } from './handled-callees';
import { sourcesReachedFrom } from '../callees';

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

const options = z.object({}).strict();

const ADVICE = 'Log it, rethrow it, pass it on (next(err)), or say in a comment why it is safe to ignore.';

/**
 * Values a catch may return that say nothing about the failure. Booleans are answers, not
 * defaults: `try { await ping(); return true } catch { return false }` is a probe.
 */
function isDefaultValue(expr: ts.Expression | undefined): boolean {
  if (!expr) return true;
  if (ts.isParenthesizedExpression(expr)) return isDefaultValue(expr.expression);
  switch (expr.kind) {
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return true;
  }
  if (ts.isIdentifier(expr)) return expr.text === 'undefined';
  if (ts.isVoidExpression(expr)) return ts.isLiteralExpression(expr.expression);
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.length === 0;
  if (ts.isObjectLiteralExpression(expr)) return expr.properties.length === 0;
  return false;
}

/** `{}` or `{ return <default>; }` and nothing else. */
function onlyReturnsDefault(block: ts.Block): boolean {
  return block.statements.every((s) => ts.isReturnStatement(s) && isDefaultValue(s.expression));
}

function isNoop(expr: ts.Expression): boolean {
  const name = dottedName(expr);
  return name === 'noop' || name.endsWith('.noop');
}

/**
 * `.catch(() => {})`, `.catch(() => undefined)`, `.catch(() => null)`, `.catch(noop)`: a rejection
 * handler that drops the error. `.catch(() => ({}))` and `.catch(() => [])` are fallbacks
 * (`res.json().catch(() => ({}))`), not flagged.
 */
function isSwallowingHandler(handler: ts.Expression, sourceFile: ts.SourceFile): boolean {
  if (isNoop(handler)) return true;
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return false;
  if (containsComment(handler.body, sourceFile) || handler.parameters.some((p) => isIgnoredName(p.name))) return false;
  if (ts.isBlock(handler.body)) return handler.body.statements.every((st) => ts.isReturnStatement(st) && isNothing(st.expression));
  return isNothing(handler.body);
}

function isNothing(expr: ts.Expression | undefined): boolean {
  if (!expr) return true;
  if (ts.isParenthesizedExpression(expr)) return isNothing(expr.expression);
  if (expr.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(expr)) return expr.text === 'undefined';
  return ts.isVoidExpression(expr) && ts.isLiteralExpression(expr.expression);
}

/** `catch (_)`, `catch (_error)`, `catch (ignored)`: the author says the error is ignored on purpose. */
function isIgnoredName(name: ts.BindingName): boolean {
  return ts.isIdentifier(name) && (name.text.startsWith('_') || /^ignored?$/i.test(name.text));
}

/** A comment after the code on the node's last line (`} // eslint-disable-line no-empty`). */
function trailingComment(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  return (ts.getTrailingCommentRanges(sourceFile.text, node.getEnd())?.length ?? 0) > 0;
}

/**
 * A comment right before the statement holding a `.catch()`, or after it on the same line; or
 * before the `if`/loop whose body is that one statement (`// best effort` above
 * `if (stale) { await touch().catch(() => {}) }`), which is written about it.
 */
function commentedStatement(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  let statement: ts.Node = node;
  while (!ts.isStatement(statement) && statement.parent) statement = statement.parent;
  for (let current: ts.Node | undefined = statement; current; current = soleStatementOf(current)) {
    if ((ts.getLeadingCommentRanges(sourceFile.text, current.pos)?.length ?? 0) > 0 || trailingComment(current, sourceFile)) return true;
  }
  return false;
}

/** The `if` or loop whose whole body is this statement (directly or as the only one of its block). */
function soleStatementOf(statement: ts.Node): ts.Statement | undefined {
  let body: ts.Node = statement;
  if (ts.isBlock(statement.parent) && statement.parent.statements.length === 1) body = statement.parent;
  const owner = body.parent;
  if (!owner) return undefined;
  if (ts.isIfStatement(owner) && owner.thenStatement === body && !owner.elseStatement) return owner;
  return ts.isIterationStatement(owner, false) && owner.statement === body ? owner : undefined;
}

/** HTTP clients by the name they are called through. */
const HTTP_CALL = /^(?:fetch|axios(?:\.\w+)?|got(?:\.\w+)?|superagent\.\w+|request|this\.http\w*\.\w+|this\.httpService\.\w+|\w*[hH]ttp[cC]lient\.\w+)$/;

/**
 * Whether the try block awaits a database or HTTP call directly (not inside a nested function):
 * a failure there is an outage or a bug, not an expected "no result".
 */
function awaitsDataOrHttp(clause: ts.CatchClause, dataAccess: () => DataAccessNames): boolean {
  let found = false;
  walk(clause.parent.tryBlock, (n) => {
    if (found || ts.isFunctionLike(n)) return false;
    if (ts.isAwaitExpression(n) && isDataOrHttpCall(n.expression, dataAccess)) found = true;
    return !found;
  });
  return found;
}

function isDataOrHttpCall(expr: ts.Expression, dataAccess: () => DataAccessNames): boolean {
  let call = expr;
  while (ts.isParenthesizedExpression(call) || ts.isAsExpression(call) || ts.isNonNullExpression(call)) call = call.expression;
  if (!ts.isCallExpression(call)) return false;
  return HTTP_CALL.test(dottedName(call.expression)) || dataAccess().layerOfCall(call) !== undefined || isTypedAsDataAccess(call);
}

/** Types whose name says they reach the database, for receivers the graph could not resolve. */
const DATA_ACCESS_TYPE = /(?:Repository|Repo|Dao|DAO|PrismaService|PrismaClient|DataSource|EntityManager|Knex|Pool|Database)$/;

/** `this.users.find()` with `users: UsersRepository`, or `orders.find()` with a parameter `orders: OrdersRepository`. */
function isTypedAsDataAccess(call: ts.CallExpression): boolean {
  let receiver = call.expression;
  while (ts.isPropertyAccessExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) receiver = receiver.expression;
  if (!ts.isPropertyAccessExpression(receiver)) return false;
  const owner = receiver.expression;
  const name = owner.kind === ts.SyntaxKind.ThisKeyword ? receiver.name.text : ts.isIdentifier(owner) ? owner.text : undefined;
  const type = name ? declaredTypeName(call, name, owner.kind === ts.SyntaxKind.ThisKeyword) : undefined;
  return type !== undefined && DATA_ACCESS_TYPE.test(type);
}

/** The type name of a parameter (of an enclosing function, or of the class's constructor for `this.x`). */
function declaredTypeName(from: ts.Node, name: string, viaThis: boolean): string | undefined {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    const parameters = viaThis ? (ts.isClassLike(scope) ? scope.members.find(ts.isConstructorDeclaration)?.parameters : undefined) : ts.isFunctionLike(scope) ? scope.parameters : undefined;
    const parameter = parameters?.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (parameter?.type && ts.isTypeReferenceNode(parameter.type)) return parameter.type.typeName.getText();
    if (viaThis && ts.isClassLike(scope)) return undefined;
  }
  return undefined;
}

/**
 * An empty catch always drops the error. A catch that returns a default only does when the try
 * awaited the database or an HTTP service: `try { return JSON.parse(s) } catch { return null }`
 * is how JavaScript tests input, and a token check that fails means "no user"; `try { return
 * await repo.find() } catch { return null }` turns an outage into "not found".
 */
function swallows(clause: ts.CatchClause, sourceFile: ts.SourceFile, dataAccess: () => DataAccessNames): string | undefined {
  if (containsComment(clause.block, sourceFile) || trailingComment(clause.block, sourceFile)) return undefined;
  if (clause.variableDeclaration && isIgnoredName(clause.variableDeclaration.name)) return undefined;
  if (clause.block.statements.length === 0) {
    const expected = failsOnlyOnInput(clause.parent.tryBlock) || isSynchronous(clause.parent.tryBlock, dataAccess) || throwsNext(clause.parent) || explainedAbove(clause.parent, sourceFile);
    return expected ? undefined : 'this catch block is empty';
  }
  if (onlyReturnsDefault(clause.block) && awaitsDataOrHttp(clause, dataAccess)) return 'this catch block only returns a default value after a database or HTTP call';
  return undefined;
}

/**
 * `// Silently fail: docker errors even if only one image is still needed` right above the `try`:
 * the author wrote down that the failure is expected. A comment that only says what the try does
 * (`// Delete the old images`) is no such explanation.
 */
function explainedAbove(tryStatement: ts.TryStatement, sourceFile: ts.SourceFile): boolean {
  const comments = ts.getLeadingCommentRanges(sourceFile.text, tryStatement.pos) ?? [];
  return comments.some((c) => EXPECTED_FAILURE.test(sourceFile.text.slice(c.pos, c.end)));
}

const EXPECTED_FAILURE = /\b(?:fail\w*|errors?|ignor\w*|best[- ]effort|silent\w*|may not|might not|expected|harmless|safe to)\b/i;

/**
 * `try { detail = await res.json(); } catch {} throw new Error(\`failed: \${res.status}\`)`: the
 * try only gathers detail for an error thrown right after it, so the failure is not dropped.
 */
function throwsNext(tryStatement: ts.TryStatement): boolean {
  const parent = tryStatement.parent;
  if (!ts.isBlock(parent) && !ts.isSourceFile(parent)) return false;
  const after = parent.statements.slice(parent.statements.indexOf(tryStatement) + 1);
  const end = after.findIndex(ts.isThrowStatement);
  // Statements before the throw may build its message; a return or a jump among them could skip it.
  return end >= 0 && !after.slice(0, end).some(mayLeave);
}

function mayLeave(statement: ts.Statement): boolean {
  let leaves = false;
  walk(statement, (n) => {
    if (leaves || ts.isFunctionLike(n)) return false;
    leaves = ts.isReturnStatement(n) || ts.isBreakStatement(n) || ts.isContinueStatement(n);
    return !leaves;
  });
  return leaves;
}

/** Playwright's and Puppeteer's ways of running a function inside the page. */
const PAGE_SCRIPT_METHOD = /^(?:evaluate|evaluateHandle|evaluateOnNewDocument|addInitScript|\$eval|\$\$eval|waitForFunction)$/;

/** `page.evaluate(() => { try { … } catch {} })`: a function sent to the browser to run. */
function isPageScript(n: ts.Node): boolean {
  if (!ts.isArrowFunction(n) && !ts.isFunctionExpression(n)) return false;
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments.includes(n) && ts.isPropertyAccessExpression(call.expression) && PAGE_SCRIPT_METHOD.test(call.expression.name.text);
}

/** `await req.json()`, `await response.text()`: parsing a body already received; failing means it was not JSON. */
const BODY_READ = /(?:^|\.)(?:req|request|res|response|\w*Response|\w*Request|\w*Clone)\.(?:json|text|formData)$/;
/** `await fs.lstat(p)`, `await fse.pathExists(p)`: asking whether something is there; failing means it is not. */
const PROBE_CALL = /(?:^|\.)(?:l?stat|access|exists|pathExists)$/;
/** Reads of a cache: a miss or an outage there falls back to the source, by design. */
const CACHE_READ = /(?:cache|redis)\w*\.(?:get|getJson|mget|hget|hgetall)$/i;
/**
 * Cleanup of something that may already be gone, or teardown of something being discarded:
 * deleting twice, or failing to close a connection a probe is done with, is not worth surfacing.
 */
const CLEANUP_CALL =
  /(?:\.(?:delete|deleteOne|deleteMany|remove|removeMany|del|end|terminate|dispose|disconnect|quit|kill|release|abort|stop|shutdown|cancel)|(?:^|\.)(?:unlink|rm|rmdir|destroy|close|unmount|umount)\w*)$/;
/**
 * Best-effort output to something that may be gone: driving a browser page (`page.mouse.wheel`,
 * `page.keyboard.press('Escape')`, a locator's click) and writing to a client that may have
 * disconnected (`res.write(chunk)`, `controller.enqueue(chunk)`, `ws.send(msg)`). A failure has no
 * one to be reported to and nothing to recover.
 */
const BEST_EFFORT_CALL =
  /(?:^|\.)(?:(?:page|\w*Page|frame|\w*Frame)\.(?:mouse|keyboard|touchscreen)\.\w+|(?:page|\w*Page|frame|\w*Frame|locator|\w*Locator)\.(?:click|dblclick|fill|press|type|hover|focus|tap|check|uncheck|selectOption|scrollIntoViewIfNeeded|dispatchEvent|bringToFront|setViewportSize|goBack|goForward|reload|evaluate)|(?:res|response|reply|stream|controller|ws|socket)\.(?:write|end|enqueue|flush)|(?:ws|socket)\.send)$/;
/** A wait that may time out by design: `page.waitForNavigation({ timeout: 1500 })`, `waitForStability(page)`. */
const WAIT_CALL = /(?:^|\.)wait(?:For|Until)?[A-Z]?\w*$/;

/**
 * Calls that parse, convert, test or look up a value — built-ins, predicates (`isPast(date)`),
 * configuration reads: they throw only when the input is not what was hoped for.
 */
const PARSING_CALL =
  /^(?:JSON\.parse|parseInt|parseFloat|Number|String|Boolean|BigInt|URL|Date|decodeURIComponent|decodeURI|atob|Buffer\.from|structuredClone|Object\.(?:keys|values|entries|fromEntries|assign)|plainTo(?:Class|Instance)|is[A-Z]\w*|(?:[\w.]*\.)?(?:config|configService|env)\w*\.get\w*)$/;
/** Methods of strings, arrays and regular expressions that read or reshape a value. */
const VALUE_METHOD =
  /\.(?:is[A-Z]\w*|split|trim\w*|to(?:Lower|Upper)Case|slice|substring|substr|replace\w*|match\w*|includes|startsWith|endsWith|indexOf|lastIndexOf|test|exec|map|filter|find|findIndex|some|every|at|join|padStart|padEnd|charAt|charCodeAt|normalize|localeCompare|toString|toFixed|toISOString)$/;

/**
 * A try whose failure can only mean the input was not what it hoped for: it only parses and
 * reshapes values (`try { levels = JSON.parse(raw) } catch {}`), possibly read from a cache (a
 * miss falls back to the source), or it only deletes something that may already be gone. Its
 * empty catch is a fallback, not a hidden outage or bug. A call of the app's own code is work.
 */
function failsOnlyOnInput(tryBlock: ts.Block): boolean {
  const statements = tryBlock.statements;
  // `const service = docker.getService(name); await service.remove();`: taking a handle, then cleaning up.
  const work = statements.filter((s) => !isHandleTaken(s) && !isLogLine(s));
  if (work.length > 0 && work.every((s) => isAwaitedCleanup(s) || isAwaitedWait(s) || isBestEffortOutput(s) || isAwaitedAllSettled(s))) return true;
  let doesWork = false;
  walk(tryBlock, (n) => {
    if (doesWork || ts.isFunctionLike(n)) return false;
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && !readsValue(n)) doesWork = true;
    if (ts.isAwaitExpression(n) && !ts.isCallExpression(n.expression)) doesWork = true;
    if (ts.isForOfStatement(n) && n.awaitModifier) doesWork = true;
    return !doesWork;
  });
  return !doesWork;
}

/** Synchronous calls that write or run something: their failure is lost work, not bad input. */
const SYNC_WORK = /(?:write\w*|append\w*|exec\w*|spawn\w*|copy\w*|rename\w*|mkdir\w*)Sync$/;

/**
 * A try that waits for nothing and calls no database, HTTP service or synchronous write: what it
 * can throw is a parse or a lookup failing on its input (`new UAParser(ua).getResult()`, a DOM
 * attribute read), so an empty catch there falls back, it hides no outage.
 */
function isSynchronous(tryBlock: ts.Block, dataAccess: () => DataAccessNames): boolean {
  let waits = false;
  walk(tryBlock, (n) => {
    if (waits || ts.isFunctionLike(n)) return false;
    if (ts.isAwaitExpression(n) || ts.isYieldExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) waits = true;
    else if (ts.isCallExpression(n) && (isDataOrHttpCall(n, dataAccess) || SYNC_WORK.test(dottedName(n.expression)))) waits = true;
    return !waits;
  });
  return !waits;
}

/** A parse, a conversion, a method reshaping a value, or an awaited cache read. */
function readsValue(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = dottedName(call.expression);
  if (ts.isAwaitExpression(call.parent)) return CACHE_READ.test(callee) || PROBE_CALL.test(callee) || BODY_READ.test(callee);
  if (PARSING_CALL.test(callee)) return true;
  return ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && VALUE_METHOD.test(`.${call.expression.name.text}`);
}

/** `console.log('removed')`: a log line after the cleanup, no work of its own. */
function isLogLine(statement: ts.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression) && LOG_CALL.test(dottedName(statement.expression.expression));
}

const LOG_CALL = /^(?:console|logger|log|this\.logger|this\.log)\.(?:log|info|debug|warn|trace|verbose)$/;

/** `const container = docker.getContainer(id)`: a local bound without waiting, no work done yet. */
function isHandleTaken(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement)) return false;
  return statement.declarationList.declarations.every((d) => {
    let awaits = false;
    if (d.initializer) walk(d.initializer, (n) => !(awaits ||= ts.isAwaitExpression(n)) && !ts.isFunctionLike(n));
    return !awaits;
  });
}

/** `await Promise.allSettled([...])`: it never rejects; each outcome is in its result. */
function isAwaitedAllSettled(statement: ts.Statement): boolean {
  const call = awaitedCall(statement);
  return call !== undefined && dottedName(call.expression) === 'Promise.allSettled';
}

function isAwaitedCleanup(statement: ts.Statement): boolean {
  const call = awaitedCall(statement);
  return call !== undefined && CLEANUP_CALL.test(dottedName(call.expression));
}

/** `await page.keyboard.press('Escape')`, `res.write(chunk)`: see `BEST_EFFORT_CALL`. */
function isBestEffortOutput(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const expr = ts.isAwaitExpression(statement.expression) ? statement.expression.expression : statement.expression;
  return ts.isCallExpression(expr) && BEST_EFFORT_CALL.test(dottedName(expr.expression));
}

/** An awaited wait, or a call given a `timeout`: its timing out is an expected outcome the code goes on from. */
function isAwaitedWait(statement: ts.Statement): boolean {
  const call = awaitedCall(statement);
  return (call !== undefined && isWait(call)) || isAwaitedSleep(statement);
}

/** `await new Promise((resolve) => setTimeout(resolve, 5000))`: a pause, which cannot fail. */
function isAwaitedSleep(statement: ts.Statement): boolean {
  if (!ts.isExpressionStatement(statement) || !ts.isAwaitExpression(statement.expression)) return false;
  const created = statement.expression.expression;
  return ts.isNewExpression(created) && ts.isIdentifier(created.expression) && created.expression.text === 'Promise' && /\bsetTimeout\(/.test(created.getText());
}

function isWait(call: ts.CallExpression): boolean {
  return WAIT_CALL.test(dottedName(call.expression)) || call.arguments.some((a) => ts.isObjectLiteralExpression(a) && a.properties.some((p) => p.name?.getText() === 'timeout'));
}

function awaitedCall(statement: ts.Statement): ts.CallExpression | undefined {
  if (!ts.isExpressionStatement(statement) || !ts.isAwaitExpression(statement.expression)) return undefined;
  const call = statement.expression.expression;
  return ts.isCallExpression(call) ? call : undefined;
}

/**
 * `worker.terminate().catch(() => {})`, `page.waitForLoadState('networkidle', { timeout }).catch(() => {})`,
 * `page.mouse.wheel(0, dy).catch(() => {})`: the rejection of a teardown, of a wait that may time
 * out or of best-effort output, for the same reasons as `isAwaitedCleanup`, `isAwaitedWait` and
 * `isBestEffortOutput`.
 */
function isExpectedRejection(catchCall: ts.CallExpression): boolean {
  const receiver = rejectingExpression(catchCall);
  if (receiver !== undefined && isAwaitedSettling(catchCall, receiver)) return true;
  if (receiver === undefined || !ts.isCallExpression(receiver)) return false;
  const callee = dottedName(receiver.expression);
  return CLEANUP_CALL.test(callee) || isWait(receiver) || BEST_EFFORT_CALL.test(callee);
}

/**
 * `await this.backupJob.catch(() => {})` (during shutdown): waiting for a promise started
 * elsewhere to settle. Its failure belongs to the code that started it; here only its end matters.
 */
function isAwaitedSettling(catchCall: ts.CallExpression, receiver: ts.Expression): boolean {
  return (ts.isIdentifier(receiver) || ts.isPropertyAccessExpression(receiver)) && ts.isAwaitExpression(catchCall.parent);
}

/**
 * `forgetRepository(id).catch(() => {})`, ``$`zpool destroy ${name}`.catch(() => {})``: removing
 * what a failed operation left behind, by the callee's name or the command it runs. A rollback or a
 * status write (`setStaticIp(previous)`, `job.update({ status: 'FAILED' })`) is work, not removal.
 */
function removesLeftovers(catchCall: ts.CallExpression): boolean {
  const receiver = rejectingExpression(catchCall);
  if (receiver !== undefined && ts.isTaggedTemplateExpression(receiver)) {
    const command = ts.isNoSubstitutionTemplateLiteral(receiver.template) ? receiver.template.text : receiver.template.head.text;
    return REMOVAL.test(command);
  }
  return receiver !== undefined && ts.isCallExpression(receiver) && REMOVAL.test(dottedName(receiver.expression).split('.').pop() ?? '');
}

const REMOVAL = /(?:^|\s|\b)(?:forget|drop|destroy|remove|rm|rmdir|delete|del|unlink|unmount|umount|clean|cleanup|prune|purge)(?:[A-Z]\w*|\b)/;

/**
 * Cleanup on a failure path: inside a `catch` block, or a rejection handler, that reports the
 * failure it is handling (rethrows it, logs it, passes it on). Removing leftovers there with
 * `.catch(() => {})` keeps a second failure from hiding the first, which is already reported.
 */
function inReportingFailureHandler(node: ts.Node): boolean {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isCatchClause(parent) && parent.block === current) return reportsFailure(parent.block);
    if (ts.isFunctionLike(parent)) {
      const call = parent.parent;
      const handlesRejection =
        ts.isCallExpression(call) &&
        ts.isPropertyAccessExpression(call.expression) &&
        (call.expression.name.text === 'catch' ? call.arguments[0] === parent : call.expression.name.text === 'then' && call.arguments[1] === parent);
      return handlesRejection && 'body' in parent && parent.body !== undefined && reportsFailure(parent.body);
    }
  }
  return false;
}

/** The handler rethrows, logs an error, or passes it on (`next(err)`, `reject(err)`). */
function reportsFailure(body: ts.Node): boolean {
  return hasOwnNode(body, (n) => ts.isThrowStatement(n) || (ts.isCallExpression(n) && FAILURE_REPORT.test(dottedName(n.expression)) && n.arguments.length > 0));
}

const FAILURE_REPORT = /(?:^|\.)(?:error|fatal|warn|captureException|next|reject)$/;

/** What `.catch()` is called on: the promise whose rejection it handles. */
function rejectingExpression(catchCall: ts.CallExpression): ts.Expression | undefined {
  return ts.isPropertyAccessExpression(catchCall.expression) ? catchCall.expression.expression : undefined;
}

/**
 * A `.catch()` whose result is thrown away: a statement on its own (`job.cleanup().catch(() => {})`,
 * awaited or `void`ed). Its result used (`const file = await read().catch(() => null)`) is a
 * fallback value the code goes on to check.
 */
function isDiscarded(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isAwaitExpression(node.parent) || ts.isVoidExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent);
}

function catchHeader(clause: ts.CatchClause, sourceFile: ts.SourceFile): TextRange {
  const start = clause.getStart(sourceFile);
  const declaration = clause.variableDeclaration;
  // `catch (error)` including the closing parenthesis, or just `catch`.
  const end = declaration ? sourceFile.text.indexOf(')', declaration.getEnd()) + 1 : start + 'catch'.length;
  return { start, end: end > start ? end : start + 'catch'.length };
}

export const swallowedError = defineFileRule({
  meta: {
    id: 'errors/swallowed-error',
    description: 'An error is caught and dropped: an empty catch, a catch that only returns a default after awaited work, or a `.catch()` that ignores the rejection.',
    // Off by measurement: whether a dropped error was meant is rarely written in the code (see the doc).
    defaultSeverity: 'off',
    fixable: true,
  },
  options,
  visitor({ file: node, graph, report }) {
    const sf = node.sourceFile;
    const dataAccess = lazy(() => new DataAccessNames(graph, node));
    const reachable = lazy(() => sourcesReachedFrom(graph, node));
    return (n) => {
      // A script handed to a browser page runs there: its error handling is the page's.
      if (isPageScript(n)) return false;
      const what = ts.isCatchClause(n) ? swallows(n, sf, dataAccess) : undefined;
      if (ts.isCatchClause(n) && what) {
        report({ range: catchHeader(n, sf), message: `The error is swallowed: ${what}. ${ADVICE}` });
      } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'catch' && n.arguments.length === 1) {
        const handler = n.arguments[0]!;
        if (
          isSwallowingHandler(handler, sf) &&
          isDiscarded(n) &&
          !commentedStatement(n, sf) &&
          !isExpectedRejection(n) &&
          !(removesLeftovers(n) && inReportingFailureHandler(n)) &&
          !handledByCallee(n, reachable())
        ) {
          report({ range: rangeOf(handler, sf), message: `The rejection is swallowed: this .catch() handler drops the error. ${ADVICE}` });
        }
      }
    };
  },
});
