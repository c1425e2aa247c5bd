import { ts } from '../ts';
import type { Fix, TextEdit } from '../types';
import { reasonOrPlaceholder } from './ignore-line';
import { enclosing } from '../rules/syntax';
import { enclosingFunctionName, errorLogCall, loggerFor } from './logging';
import { isJavaScriptFile } from '../facts/extract';
import { eolOf, indentAt, indentUnitOf, insertAt, replaceNode } from './text';
import type { FixContext, FixProvider } from './types';

/** errors/swallowed-error: log and rethrow, rethrow, or say in a comment why the error is ignored. */
export const swallowedErrorFixes: FixProvider = (context) => {
  // A `.catch(() => null)` handler is the finding itself, even inside another try's catch block.
  const handler = context.target;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler) || ts.isIdentifier(handler)) return catchHandlerFixes(context, handler);
  const clause = ts.isCatchClause(context.target) ? context.target : enclosing(context.target, ts.isCatchClause);
  return clause ? catchClauseFixes(context, clause) : [];
};

function catchClauseFixes(context: FixContext, clause: ts.CatchClause): Fix[] {
  const { node } = context;
  const sf = node.sourceFile;
  const name = clause.variableDeclaration && ts.isIdentifier(clause.variableDeclaration.name) ? clause.variableDeclaration.name.text : 'error';
  const binding = clause.variableDeclaration ? [] : [bindErrorEdit(context, clause)];
  const logger = loggerFor(clause, sf);
  const message = `'${enclosingFunctionName(clause)} failed'`;
  const logAndRethrow = [`${errorLogCall(logger, message, name, sf)};`, `throw ${name};`];
  // `catch { return ''; }`: the fallback value may be the point (a probe, an optional read).
  // Rethrowing hands callers an error instead: say so, and prefer saying why it is ignored.
  const fallback = clause.block.statements.some((s) => ts.isReturnStatement(s) && s.expression !== undefined);
  const warning = fallback ? ' — changes behaviour: callers get the error, not the fallback value' : '';
  return [
    { id: 'log-and-rethrow', title: `Log and rethrow the error${warning}`, safe: false, preferred: !fallback, edits: [...binding, replaceBody(context, clause.block, logAndRethrow)] },
    { id: 'rethrow', title: `Rethrow the error${warning}`, safe: false, edits: [...binding, replaceBody(context, clause.block, [`throw ${name};`])] },
    { id: 'explain', title: 'Mark as intentionally ignored (with a reason)', safe: false, preferred: fallback, needsReason: true, edits: [commentInBlock(context, clause.block)] },
  ];
}

/** `catch {` → `catch (error) {`. */
function bindErrorEdit(context: FixContext, clause: ts.CatchClause): TextEdit {
  return insertAt(context.node.file, clause.getStart(context.node.sourceFile) + 'catch'.length, ' (error)');
}

/**
 * The block's statements become `lines`. Only what made the error disappear is replaced: an
 * empty block, or the `return <default>` that stood in for the error; any other statement stays.
 */
function replaceBody(context: FixContext, block: ts.Block, lines: readonly string[]): TextEdit {
  const { text, file, sourceFile } = context.node;
  const indent = indentAt(text, block.getStart(sourceFile));
  const inner = indent + indentUnitOf(text);
  const eol = eolOf(text);
  const kept = block.statements
    .filter((s) => !ts.isReturnStatement(s))
    .map((s) => `${inner}${s.getText(sourceFile)}${eol}`)
    .join('');
  return replaceNode(file, block, sourceFile, `{${eol}${kept}${lines.map((l) => `${inner}${l}${eol}`).join('')}${indent}}`);
}

/** A comment at the top of the block: the rule accepts a catch that says why it ignores. */
function commentInBlock(context: FixContext, block: ts.Block): TextEdit {
  const { text, file, sourceFile } = context.node;
  const indent = indentAt(text, block.getStart(sourceFile));
  const eol = eolOf(text);
  const comment = `${indent}${indentUnitOf(text)}// Intentionally ignored: ${reasonOrPlaceholder(context.reason)}`;
  if (block.statements.length === 0) return replaceNode(file, block, sourceFile, `{${eol}${comment}${eol}${indent}}`);
  return insertAt(file, block.getStart(sourceFile) + 1, `${eol}${comment}`);
}

/** `.catch(() => {})` → a handler that logs; or a comment saying why the rejection does not matter. */
function catchHandlerFixes(context: FixContext, handler: ts.Expression): Fix[] {
  const { node } = context;
  const sf = node.sourceFile;
  const param = isJavaScriptFile(sf.fileName) ? 'error' : 'error: unknown';
  const logger = loggerFor(handler, sf);
  const logging = `(${param}) => ${errorLogCall(logger, `'${enclosingFunctionName(handler)} failed'`, 'error', sf)}`;
  const statementStart = (enclosing(handler, ts.isStatement) ?? handler).getStart(sf);
  const indent = indentAt(node.text, statementStart);
  return [
    { id: 'log', title: 'Log the rejection', safe: false, preferred: true, edits: [replaceNode(node.file, handler, sf, logging)] },
    {
      id: 'explain',
      title: 'Mark as intentionally ignored (with a reason)',
      safe: false,
      needsReason: true,
      edits: [insertAt(node.file, statementStart, `// Intentionally ignored: ${reasonOrPlaceholder(context.reason)}${eolOf(node.text)}${indent}`)],
    },
  ];
}
