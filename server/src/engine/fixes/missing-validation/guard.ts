import type { DependencyGraph, FileNode } from '../../graph/types';
import { DataAccessNames } from '../../rules/data/data-access-calls';
import { godFunctionOptions, isReportedGodFunction } from '../../rules/design/god-function';
import type { ResolvedConfig } from '../../config/resolved';
import { scriptKindOf } from '../../facts/extract';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { applyTextEdits } from '../apply';

/**
 * Whether the handler, once the edits are applied, would be too big by design/god-function's
 * options (its score and length, as the user set them), or would validate, query and shape its
 * answer all at once (checked whatever \`checkHandlers\` says: the check and the 400 answer add a
 * branch and lines). Such a handler needs splitting first, not more code.
 */
export function wouldBecomeGodFunction(graph: DependencyGraph, node: FileNode, handler: ts.FunctionLikeDeclaration, edits: readonly TextEdit[], config: ResolvedConfig | undefined): boolean {
  const own = edits.filter((e) => e.file === node.file);
  const start = handler.getStart(node.sourceFile);
  const shift = own.filter((e) => e.range.end <= start).reduce((sum, e) => sum + e.newText.length - (e.range.end - e.range.start), 0);
  const fixed = ts.createSourceFile(node.file, applyTextEdits(node.text, own), ts.ScriptTarget.Latest, true, scriptKindOf(node.file));
  const fn = functionAt(fixed, start + shift);
  // The handler check applies whatever `checkHandlers` says (see above).
  const settings = { ...godFunctionOptions(config), checkHandlers: true };
  let names: DataAccessNames | undefined;
  const dataAccess = () => (names ??= new DataAccessNames(graph, node));
  const tooBig = (f: ts.FunctionLikeDeclaration, sf: ts.SourceFile) => isReportedGodFunction(f, sf, settings, dataAccess);
  return !fn || (tooBig(fn, fixed) && !tooBig(handler, node.sourceFile));
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
