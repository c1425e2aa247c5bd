import type { DependencyGraph, FileNode } from '../../graph/types';
import { DataAccessNames } from '../../rules/data/data-access-calls';
import { cognitiveComplexity } from '../../rules/design/cognitive-complexity';
import { codeLines } from '../../rules/design/function-length';
import { doesEverything } from '../../rules/design/handler-responsibilities';
import { scriptKindOf } from '../../facts/extract';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { applyTextEdits } from '../apply';

/** design/god-function's defaults: a fix must not push a handler over them. */
const MAX_COMPLEXITY = 15;
const MAX_LINES = 80;

/**
 * Whether the handler, once the edits are applied, would be reported as a god function: the check
 * and the 400 answer add a branch and lines, and a handler that already queries and shapes its
 * answer would then do all three jobs. Such a handler needs splitting first, not more code.
 */
export function wouldBecomeGodFunction(graph: DependencyGraph, node: FileNode, handler: ts.FunctionLikeDeclaration, edits: readonly TextEdit[]): boolean {
  const own = edits.filter((e) => e.file === node.file);
  const start = handler.getStart(node.sourceFile);
  const shift = own.filter((e) => e.range.end <= start).reduce((sum, e) => sum + e.newText.length - (e.range.end - e.range.start), 0);
  const fixed = ts.createSourceFile(node.file, applyTextEdits(node.text, own), ts.ScriptTarget.Latest, true, scriptKindOf(node.file));
  const fn = functionAt(fixed, start + shift);
  const dataAccess = new DataAccessNames(graph, node);
  return !fn || (isGodFunction(fn, fixed, dataAccess) && !isGodFunction(handler, node.sourceFile, dataAccess));
}

function isGodFunction(fn: ts.FunctionLikeDeclaration, sf: ts.SourceFile, dataAccess: DataAccessNames): boolean {
  if (!fn.body) return false;
  return cognitiveComplexity(fn.body) > MAX_COMPLEXITY || codeLines(fn.body, sf) > MAX_LINES || doesEverything(fn, dataAccess);
}

function functionAt(sf: ts.SourceFile, start: number): ts.FunctionLikeDeclaration | undefined {
  let found: ts.FunctionLikeDeclaration | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.getEnd() < start || n.getStart(sf) > start) return;
    if (n.getStart(sf) === start && ts.isFunctionLike(n) && 'body' in n) found = n as ts.FunctionLikeDeclaration;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
