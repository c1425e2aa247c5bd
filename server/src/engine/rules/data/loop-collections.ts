import { ts } from '../../ts';
import { dottedName, unwrapped } from '../syntax';
import { declarationOf } from '../local-values';
import type { DataAccessNames } from './data-access-calls';

/**
 * Whether what a loop runs over is rows: a collection whose size grows with the data, so one query
 * per element is N+1 queries. On real backends the loops that were not worth batching ran over a
 * record's handful of parts (`book.authors`, `event.links`), text parsed on the spot, a service's
 * own state (`this.browsers`), or files found at start-up. The loops worth hearing about ran over
 * what a query loaded, or over a list a caller handed in. So a collection counts as rows only when
 * the code shows where it came from:
 *
 * - a query (`await this.users.find()`, `await Team.findAll()`) or a call that loads a list
 *   (`await this.teams.listForUser(id)`), also reshaped (`rows.map(…)`, `Object.values(byId)`);
 * - a parameter of the function (the caller's list: ids, orders, rows to enrich);
 * - a part of an element of rows (`for (const m of group.members)` inside a loop over groups).
 */
export function iteratesRows(collection: ts.Expression, names: DataAccessNames, depth = 0): boolean {
  if (depth > 6) return false;
  const expr = unwrapped(collection);
  if (ts.isCallExpression(expr)) return callGivesRows(expr, names, depth);
  if (ts.isIdentifier(expr)) return nameHoldsRows(expr, names, depth);
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) {
    const owner = unwrapped(expr.expression);
    return ts.isIdentifier(owner) && isElementOfRows(owner, names, depth + 1);
  }
  return false;
}

/** Calls that reshape a list without changing where it came from. */
const RESHAPING_METHOD = /^(?:map|filter|flatMap|flat|slice|sort|reverse|concat|values|keys|entries|toArray)$/;
/** Methods that load a list by their name: `findAll`, `listForUser`, `getMembers`, `searchUsers`. */
const LOADS_LIST = /^(?:find|list|search|query|select|fetch|load)\w*|^get\w*s$|(?:All|Many)$/;

function callGivesRows(call: ts.CallExpression, names: DataAccessNames, depth: number): boolean {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && RESHAPING_METHOD.test(callee.name.text)) return iteratesRows(callee.expression, names, depth + 1);
  const [first] = call.arguments;
  if (/^(?:Object\.(?:values|keys|entries)|Array\.from)$/.test(dottedName(callee))) return first !== undefined && iteratesRows(first, names, depth + 1);
  if (names.reachesData(call)) return true;
  const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  return LOADS_LIST.test(method);
}

/** A name for rows: an element of rows (a list itself), a parameter the caller fills, or a local made from rows. */
function nameHoldsRows(name: ts.Identifier, names: DataAccessNames, depth: number): boolean {
  const declaration = declarationOf(name);
  if (!declaration) return false;
  const list = listOfElement(declaration);
  if (list) return iteratesRows(list, names, depth + 1);
  if (ts.isParameter(declaration)) return true;
  return declaration.initializer !== undefined && iteratesRows(declaration.initializer, names, depth + 1);
}

/** `group` in `for (const group of groups)` or `groups.map((group) => …)`, where `groups` is rows. */
function isElementOfRows(name: ts.Identifier, names: DataAccessNames, depth: number): boolean {
  const declaration = declarationOf(name);
  const list = declaration && listOfElement(declaration);
  return list !== undefined && iteratesRows(list, names, depth);
}

/**
 * The list a name is bound to the elements of: `groups` for `group` in `for (const group of
 * groups)` or in `groups.map((group) => …)`.
 */
function listOfElement(declaration: ts.ParameterDeclaration | ts.VariableDeclaration): ts.Expression | undefined {
  if (ts.isVariableDeclaration(declaration)) return ts.isForOfStatement(declaration.parent.parent) ? declaration.parent.parent.expression : undefined;
  const fn = declaration.parent;
  if ((!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) || fn.parameters[0] !== declaration) return undefined;
  const call = fn.parent;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  return /^(?:map|forEach|flatMap|filter|some|every)$/.test(call.expression.name.text) ? call.expression.expression : undefined;
}
