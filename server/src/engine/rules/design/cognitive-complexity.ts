import { ts } from '../../ts';
import { isLoop } from '../syntax';

/**
 * Cognitive complexity of one function body, after SonarSource's definition (G. Ann Campbell,
 * 2017): +1 for each break in linear flow (if, else if, else, ternary, switch, loops, catch,
 * labelled jumps, each sequence of like logical operators), plus the nesting depth for the
 * structures that nest. Nested functions add nesting but are otherwise counted in their own right.
 */
export function cognitiveComplexity(body: ts.Node): number {
  const counter = new ComplexityCounter(body);
  ts.forEachChild(body, (child) => counter.visit(child, 0));
  return counter.total;
}

class ComplexityCounter {
  total = 0;

  constructor(private readonly root: ts.Node) {}

  visit(node: ts.Node, nesting: number): void {
    if (ts.isIfStatement(node)) return this.visitIf(node, nesting);
    if (isNestingStructure(node)) {
      this.total += 1 + nesting;
      return this.visitChildren(node, nesting + 1);
    }
    this.total += flatIncrement(node);
    const nestsItsBody = ts.isFunctionLike(node) && node !== this.root;
    this.visitChildren(node, nestsItsBody ? nesting + 1 : nesting);
  }

  /** `else if` costs +1 without nesting; a final `else` costs +1. */
  private visitIf(node: ts.IfStatement, nesting: number): void {
    const isElseIf = ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
    this.total += isElseIf ? 1 : 1 + nesting;
    this.visit(node.expression, nesting);
    this.visit(node.thenStatement, nesting + 1);
    const otherwise = node.elseStatement;
    if (!otherwise) return;
    if (ts.isIfStatement(otherwise)) return this.visit(otherwise, nesting);
    this.total += 1;
    this.visit(otherwise, nesting + 1);
  }

  private visitChildren(node: ts.Node, nesting: number): void {
    ts.forEachChild(node, (child) => this.visit(child, nesting));
  }
}

function isNestingStructure(node: ts.Node): boolean {
  return ts.isConditionalExpression(node) || ts.isSwitchStatement(node) || isLoop(node) || ts.isCatchClause(node);
}

/** Increments that do not depend on nesting: labelled jumps, and each run of like logical operators. */
function flatIncrement(node: ts.Node): number {
  if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && node.label) return 1;
  if (!ts.isBinaryExpression(node) || !isLogical(node.operatorToken.kind)) return 0;
  const parent = node.parent;
  const continuesSequence = ts.isBinaryExpression(parent) && parent.operatorToken.kind === node.operatorToken.kind;
  return continuesSequence ? 0 : 1;
}

function isLogical(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}
