import { isConstant } from '../../rules/security/sql-values';
import { ts } from '../../ts';
import { literalChars } from './literal-chars';
import { ensure } from './not-parameterizable';
import type { Piece } from './pieces';

export function piecesOf(expr: ts.Expression, constants: ReadonlySet<string>, sf: ts.SourceFile): Piece[] {
  if (ts.isTemplateExpression(expr)) return templatePieces(expr, constants, sf);
  ensure(isConcatenation(expr), 'not a built SQL text');
  const operands = plusOperands(expr);
  // `1 + 2 + 'x'` adds numbers before it joins text: the operands don't read as written.
  ensure(
    operands.slice(0, 2).some((o) => ts.isStringLiteralLike(o) || ts.isTemplateExpression(o)),
    'numbers added before the text',
  );
  return operands.flatMap((o) => operandPieces(o, constants, sf));
}

function isConcatenation(expr: ts.Expression): expr is ts.BinaryExpression {
  return ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

function plusOperands(expr: ts.Expression): ts.Expression[] {
  return isConcatenation(expr) ? [...plusOperands(expr.left), ...plusOperands(expr.right)] : [expr];
}

function operandPieces(operand: ts.Expression, constants: ReadonlySet<string>, sf: ts.SourceFile): Piece[] {
  if (ts.isStringLiteralLike(operand)) return literalChars(sf.text.slice(operand.getStart(sf) + 1, operand.getEnd() - 1));
  if (ts.isTemplateExpression(operand)) return templatePieces(operand, constants, sf);
  return [{ kind: isConstant(operand, constants) ? 'constant' : 'value', expr: operand }];
}

function templatePieces(template: ts.TemplateExpression, constants: ReadonlySet<string>, sf: ts.SourceFile): Piece[] {
  const pieces: Piece[] = literalChars(rawTextOf(template.head, sf, '${'.length));
  for (const span of template.templateSpans) {
    pieces.push({ kind: isConstant(span.expression, constants) ? 'constant' : 'value', expr: span.expression });
    pieces.push(...literalChars(rawTextOf(span.literal, sf, ts.isTemplateTail(span.literal) ? 1 : '${'.length)));
  }
  return pieces;
}

/** A template part's text between its opening `` ` ``/`}` and its closing `${`/`` ` ``. */
function rawTextOf(part: ts.Node, sf: ts.SourceFile, closing: number): string {
  return sf.text.slice(part.getStart(sf) + 1, part.getEnd() - closing);
}
