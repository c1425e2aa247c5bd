import type { DependencyGraph } from '../graph/types';
import { ts } from '../ts';
import type { Finding, Fix } from '../types';
import { fixesFor } from './index';
import { moveLiteralToConfiguration } from './move-to-config';
import { renameToSuggestion } from './rename';
import { DEFAULT_AMBIGUOUS_NAMES } from '../rules/naming/ambiguous-name';
import { nodeAt } from './text';

/** Refactors run from the command palette or the lightbulb's refactor section, at a place in a file. */
export const REFACTOR_IDS = ['routeThroughService', 'moveLiteralToConfig', 'renameVariable'] as const;
export type RefactorId = (typeof REFACTOR_IDS)[number];

/** One way to do a refactor here; several mean the user picks one. */
export interface RefactorChoice {
  /** Stable for the same text: front ends ask for the choice again by it. */
  readonly id: string;
  readonly fix: Fix;
}

interface Analyzed {
  readonly graph: DependencyGraph;
  readonly findings: readonly Finding[];
}

/**
 * The ways to do a refactor at `offset`. `anywhereInFile`: the palette command also works away
 * from the exact place (every repository injection of the controller), the lightbulb does not.
 */
export function refactorChoices(analyzed: Analyzed, file: string, offset: number, refactor: RefactorId, anywhereInFile = false): RefactorChoice[] {
  if (refactor === 'renameVariable') return renameChoices(analyzed.graph, file, offset);
  return refactor === 'routeThroughService' ? routeChoices(analyzed, file, offset, anywhereInFile) : literalChoices(analyzed.graph, file, offset);
}

/**
 * A generic name (`temp`, `data`, `res`…) on the declaration at the cursor, renamed to what it
 * holds: offered wherever the rename is clear, also where naming/ambiguous-name stays silent (a
 * function of a few statements, or the rule off), since the user asked for it there.
 */
function renameChoices(graph: DependencyGraph, file: string, offset: number): RefactorChoice[] {
  const node = graph.files.get(file);
  const identifier = node ? nodeAt(node.sourceFile, offset, offset) : undefined;
  if (!node || !identifier || !ts.isIdentifier(identifier) || !RENAMEABLE_NAMES.has(identifier.text)) return [];
  const declaration = identifier.parent;
  if (!(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) || declaration.name !== identifier) return [];
  const fix = renameToSuggestion(node, identifier);
  return fix ? [{ id: fix.id, fix }] : [];
}

const RENAMEABLE_NAMES: ReadonlySet<string> = new Set([...DEFAULT_AMBIGUOUS_NAMES, 'result', 'value', 'item', 'info']);

/**
 * The controller's repository injections that can be routed through a service: the one at the
 * cursor (its parameter), else every one of the file, so the command works from anywhere in it.
 */
function routeChoices({ graph, findings }: Analyzed, file: string, offset: number, anywhereInFile: boolean): RefactorChoice[] {
  const routable = findings.filter((f) => f.file === file && f.ruleId === 'layering/forbidden-dependency');
  const atCursor = routable.filter((f) => f.range.start <= offset && offset <= f.range.end);
  const candidates = atCursor.length > 0 || !anywhereInFile ? atCursor : routable;
  return candidates.flatMap((finding) =>
    fixesFor(graph, finding, { withoutIgnore: true })
      .fixes.filter((fix) => fix.id.startsWith('route-through-service:'))
      .map((fix) => ({ id: `${finding.range.start}:${fix.id}`, fix: candidates.length > 1 ? { ...fix, title: `${fix.title} — ${finding.data?.['dependency'] ?? finding.ruleId}` } : fix })),
  );
}

function literalChoices(graph: DependencyGraph, file: string, offset: number): RefactorChoice[] {
  const node = graph.files.get(file);
  const literal = node ? nodeAt(node.sourceFile, offset, offset) : undefined;
  if (!node || !literal || !ts.isStringLiteralLike(literal) || !isMovableLiteral(literal)) return [];
  const fix = moveLiteralToConfiguration(graph, file, offset);
  return fix ? [{ id: 'move-to-config', fix }] : [];
}

/**
 * Values a program computes with, not the program's own wiring: module specifiers, decorator
 * arguments (routes, metadata), literal types, property names and `case` labels stay.
 */
export function isMovableLiteral(literal: ts.StringLiteralLike): boolean {
  if (literal.text.trim() === '') return false;
  for (let current: ts.Node = literal; !ts.isSourceFile(current); current = current.parent) {
    if (
      ts.isImportDeclaration(current) ||
      ts.isExportDeclaration(current) ||
      ts.isExternalModuleReference(current) ||
      ts.isLiteralTypeNode(current) ||
      ts.isDecorator(current) ||
      ts.isCaseClause(current)
    )
      return false;
    if (ts.isStatement(current)) break;
  }
  const parent = literal.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === literal) return false;
  return !(ts.isCallExpression(parent) && (parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === 'require')));
}
