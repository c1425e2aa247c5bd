import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { BoundValue, CharPiece, OutPart, Piece, Placeholder } from './pieces';

// Writing the result.

/** The JS text of one character inside a literal delimited by `quote`, as the user wrote it where possible. */
export function charIn(piece: CharPiece, quote: string, next: Piece | OutPart | undefined): string {
  // Every escape sequence reads the same in strings and templates.
  if (piece.raw.startsWith('\\')) return piece.raw;
  if (quote === '`') return piece.raw === '`' || (piece.raw === '$' && next?.kind === 'char' && next.raw.startsWith('{')) ? `\\${piece.raw}` : piece.raw;
  if (piece.raw === quote) return `\\${quote}`;
  return piece.cooked === '\n' ? '\\n' : piece.raw;
}

function exprText(expr: ts.Expression, sf: ts.SourceFile): string {
  const text = expr.getText(sf);
  // `${a, b}` is one value; in the values array it would be two.
  return ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.CommaToken ? `(${text})` : text;
}

/** A bound value as an expression: the spliced one, or a template of the literal it sat in (`%${q}%`). */
export function valueText(value: BoundValue, sf: ts.SourceFile): string {
  if (value.kind === 'expr') return exprText(value.expr, sf);
  const [only] = value.content;
  if (value.content.length === 1 && only?.kind === 'value') return exprText(only.expr, sf);
  return `\`${value.content.map((p, k) => (p.kind === 'char' ? charIn(p, '`', value.content[k + 1]) : `\${${p.expr.getText(sf)}}`)).join('')}\``;
}

/** A string literal in the file's quotes when nothing is spliced any more and it fits one line; else a template. */
export function sqlText(parts: readonly OutPart[], placeholder: (index: number) => string, fileQuote: string, sf: ts.SourceFile): string {
  const template = parts.some((p) => p.kind === 'constant' || (p.kind === 'char' && /^(?:\r\n|[\r\n])$/.test(p.raw)));
  const quote = template ? '`' : quoteFor(parts, fileQuote);
  let index = 0;
  const body = parts.map((p, k) => {
    if (p.kind === 'char') return charIn(p, quote, parts[k + 1]);
    return p.kind === 'placeholder' ? placeholder(index++) : `\${${p.expr.getText(sf)}}`;
  });
  return `${quote}${body.join('')}${quote}`;
}

/** The file's quote, unless the SQL holds it and not the other (as formatters choose). */
function quoteFor(parts: readonly OutPart[], preferred: string): string {
  const text = parts.map((p) => (p.kind === 'char' ? p.cooked : '')).join('');
  const other = preferred === "'" ? '"' : "'";
  return text.includes(preferred) && !text.includes(other) ? other : preferred;
}

export function fileQuote(node: FileNode): string {
  const ref = node.facts.moduleRefs.find((r) => r.kind !== 'dynamic-import');
  return ref && node.text.charAt(ref.range.start) === '"' ? '"' : "'";
}

export function placeholdersOf(parts: readonly OutPart[]): Placeholder[] {
  return parts.filter((p): p is Placeholder => p.kind === 'placeholder');
}
