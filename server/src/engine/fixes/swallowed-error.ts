import { ts } from '../ts';
import type { Fix, TextEdit } from '../types';
import { REASON_PLACEHOLDER } from './ignore-line';
import { enclosing, enclosingFunctionName, loggerFor } from './logging';
import { eolOf, indentAt, indentUnitOf, isTypeScript, replaceNode } from './text';
import type { FixContext, FixProvider } from './types';

/** errors/swallowed-error: log and rethrow, rethrow, or say in a comment why the error is ignored. */
export const swallowedErrorFixes: FixProvider = (context) => {
  const clause = ts.isCatchClause(context.target) ? context.target : enclosing(context.target, ts.isCatchClause);
  if (clause) return catchClauseFixes(context, clause);
  const handler = context.target;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler) || ts.isIdentifier(handler)) return catchHandlerFixes(context, handler);
  return [];
};

function catchClauseFixes(context: FixContext, clause: ts.CatchClause): Fix[] {
  const { node } = context;
  const sf = node.sourceFile;
  const name = clause.variableDeclaration && ts.isIdentifier(clause.variableDeclaration.name) ? clause.variableDeclaration.name.text : 'error';
  const binding = clause.variableDeclaration ? [] : [bindErrorEdit(context, clause)];
  const logger = loggerFor(clause, sf);
  const message = `'${enclosingFunctionName(clause)} failed'`;
  const logAndRethrow = [`${logger}.error(${message}, ${name});`, `throw ${name};`];
  return [
    { id: 'log-and-rethrow', title: 'Log and rethrow the error', safe: false, preferred: true, edits: [...binding, replaceBody(context, clause.block, logAndRethrow)] },
    { id: 'rethrow', title: 'Rethrow the error', safe: false, edits: [...binding, replaceBody(context, clause.block, [`throw ${name};`])] },
    { id: 'explain', title: 'Mark as intentionally ignored (with a reason)', safe: false, needsReason: true, edits: [commentInBlock(context, clause.block)] },
  ];
}

/** `catch {` → `catch (error) {`. */
function bindErrorEdit(context: FixContext, clause: ts.CatchClause): TextEdit {
  const start = clause.getStart(context.node.sourceFile) + 'catch'.length;
  return { file: context.node.file, range: { start, end: start }, newText: ' (error)' };
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
  const kept = block.statements.filter((s) => !ts.isReturnStatement(s)).map((s) => `${inner}${s.getText(sourceFile)}${eol}`).join('');
  return replaceNode(file, block, sourceFile, `{${eol}${kept}${lines.map((l) => `${inner}${l}${eol}`).join('')}${indent}}`);
}

/** A comment at the top of the block: the rule accepts a catch that says why it ignores. */
function commentInBlock(context: FixContext, block: ts.Block): TextEdit {
  const { text, file, sourceFile } = context.node;
  const indent = indentAt(text, block.getStart(sourceFile));
  const eol = eolOf(text);
  const comment = `${indent}${indentUnitOf(text)}// Intentionally ignored: ${reasonText(context)}`;
  if (block.statements.length === 0) return replaceNode(file, block, sourceFile, `{${eol}${comment}${eol}${indent}}`);
  const open = block.getStart(sourceFile) + 1;
  return { file, range: { start: open, end: open }, newText: `${eol}${comment}` };
}

function reasonText(context: FixContext): string {
  return (context.reason ?? '').replace(/[\r\n]+/g, ' ').trim() || REASON_PLACEHOLDER;
}

/** `.catch(() => {})` → a handler that logs; or a comment saying why the rejection does not matter. */
function catchHandlerFixes(context: FixContext, handler: ts.Expression): Fix[] {
  const { node } = context;
  const sf = node.sourceFile;
  const param = isTypeScript(sf) ? 'error: unknown' : 'error';
  const logger = loggerFor(handler, sf);
  const logging = `(${param}) => ${logger}.error('${enclosingFunctionName(handler)} failed', error)`;
  const statementStart = (enclosing(handler, ts.isStatement) ?? handler).getStart(sf);
  const indent = indentAt(node.text, statementStart);
  return [
    { id: 'log', title: 'Log the rejection', safe: false, preferred: true, edits: [replaceNode(node.file, handler, sf, logging)] },
    {
      id: 'explain',
      title: 'Mark as intentionally ignored (with a reason)',
      safe: false,
      needsReason: true,
      edits: [{ file: node.file, range: { start: statementStart, end: statementStart }, newText: `// Intentionally ignored: ${reasonText(context)}${eolOf(node.text)}${indent}` }],
    },
  ];
}
