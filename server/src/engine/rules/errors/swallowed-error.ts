import { z } from 'zod';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { containsComment, dottedName, filesToCheck, rangeOf, walk } from '../syntax';
import { defineRule } from '../types';

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

/** A comment right before the statement holding a `.catch()`, or after it on the same line. */
function commentedStatement(node: ts.Node, sourceFile: ts.SourceFile): boolean {
  let statement: ts.Node = node;
  while (!ts.isStatement(statement) && statement.parent) statement = statement.parent;
  return (ts.getLeadingCommentRanges(sourceFile.text, statement.pos)?.length ?? 0) > 0 || trailingComment(statement, sourceFile);
}

/** Whether the try block awaits I/O directly (not inside a nested function). */
function awaitsInTry(clause: ts.CatchClause): boolean {
  let found = false;
  walk(clause.parent.tryBlock, (n) => {
    if (found || ts.isFunctionLike(n)) return false;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) found = true;
    return !found;
  });
  return found;
}

/**
 * An empty catch always drops the error. A catch that returns a default only does when the try
 * awaited I/O: `try { return JSON.parse(s) } catch { return null }` is how JavaScript tests input,
 * `try { return await repo.find() } catch { return null }` hides a failing database.
 */
function swallows(clause: ts.CatchClause, sourceFile: ts.SourceFile): string | undefined {
  if (containsComment(clause.block, sourceFile) || trailingComment(clause.block, sourceFile)) return undefined;
  if (clause.variableDeclaration && isIgnoredName(clause.variableDeclaration.name)) return undefined;
  if (clause.block.statements.length === 0) return 'this catch block is empty';
  if (onlyReturnsDefault(clause.block) && awaitsInTry(clause)) return 'this catch block only returns a default value after awaited work';
  return undefined;
}

function catchHeader(clause: ts.CatchClause, sourceFile: ts.SourceFile): TextRange {
  const start = clause.getStart(sourceFile);
  const declaration = clause.variableDeclaration;
  // `catch (error)` including the closing parenthesis, or just `catch`.
  const end = declaration ? sourceFile.text.indexOf(')', declaration.getEnd()) + 1 : start + 'catch'.length;
  return { start, end: end > start ? end : start + 'catch'.length };
}

export const swallowedError = defineRule({
  meta: {
    id: 'errors/swallowed-error',
    description: 'An error is caught and dropped: an empty catch, a catch that only returns a default after awaited work, or a `.catch()` that ignores the rejection.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  perFile: () => '',
  check(context) {
    for (const node of filesToCheck(context)) {
      const sf = node.sourceFile;
      context.walkFile(node, (n) => {
        const what = ts.isCatchClause(n) ? swallows(n, sf) : undefined;
        if (ts.isCatchClause(n) && what) {
          context.report({ file: node.file, range: catchHeader(n, sf), message: `The error is swallowed: ${what}. ${ADVICE}` });
        } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'catch' && n.arguments.length === 1) {
          const handler = n.arguments[0]!;
          if (isSwallowingHandler(handler, sf) && !commentedStatement(n, sf)) {
            context.report({ file: node.file, range: rangeOf(handler, sf), message: `The rejection is swallowed: this .catch() handler drops the error. ${ADVICE}` });
          }
        }
      });
    }
  },
});
