import type { DependencyGraph, Edge } from '../../../graph/types';
import { perGraph, perParsedFile } from '../../../memo';
import { ts } from '../../../ts';
import { walk } from '../../syntax';

/**
 * A decorator another module declares, applied as one (`@Roles('admin')`), is an aspect that
 * module offers every module, wherever its file sits: applying it reaches into nothing. So are the
 * types its file declares beside it (`CurrentUserContext`, what `@CurrentUser()` hands the
 * parameter), named with the decorator or alone: a file every runtime import of which applies it
 * as decorators is the aspect's. What a decorator only takes (`@UseGuards(TenantGuard)`,
 * `@IsEnum(UserRole)`) is that module's code used from outside, and is judged like any import.
 */
export function usesAnAspect(edge: Edge, graph: DependencyGraph, sourceFile: ts.SourceFile): boolean {
  const run = namesRun(edge);
  if (run.length > 0) return edge.usedAs === 'decorator' && appliesAll(sourceFile, run);
  return edge.names.length > 0 && aspectFiles(graph).has(edge.to);
}

/** The imported names the importing file uses at run time (the others it names as types only). */
function namesRun(edge: Edge): readonly string[] {
  return edge.runtime ? (edge.valueNames ?? edge.names) : [];
}

function appliesAll(sourceFile: ts.SourceFile, names: readonly string[]): boolean {
  // The file is walked only when an import is used in decorators alone.
  const applied = appliedDecorators(sourceFile);
  return names.every((name) => applied.has(name));
}

/** Files imported at run time only to apply what they declare as decorators: an aspect's files. */
const aspectFiles = perGraph((graph: DependencyGraph): ReadonlySet<string> => {
  const appliedByAll = new Map<string, boolean>();
  for (const edge of graph.edges) {
    if (edge.external || !IMPORTS.has(edge.kind) || namesRun(edge).length === 0) continue;
    const importer = graph.files.get(edge.from);
    const applies = edge.usedAs === 'decorator' && importer !== undefined && appliesAll(importer.sourceFile, namesRun(edge));
    appliedByAll.set(edge.to, (appliedByAll.get(edge.to) ?? true) && applies);
  }
  return new Set([...appliedByAll].filter(([, all]) => all).map(([file]) => file));
});

const IMPORTS: ReadonlySet<Edge['kind']> = new Set(['import', 'require', 'dynamic-import']);

/** The names a file applies as decorators: `X` in `@X` and `@X(…)`. */
const appliedDecorators = perParsedFile((sourceFile: ts.SourceFile): ReadonlySet<string> => {
  const names = new Set<string>();
  walk(sourceFile, (node) => {
    if (!ts.isDecorator(node)) return;
    const callee = ts.isCallExpression(node.expression) ? node.expression.expression : node.expression;
    if (ts.isIdentifier(callee)) names.add(callee.text);
  });
  return names;
});
