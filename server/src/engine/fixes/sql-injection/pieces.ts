import type { ts } from '../../ts';

// The SQL text as pieces: characters (as written and as meant) and spliced expressions.

export interface CharPiece {
  readonly kind: 'char';
  /** The character the string holds ('' for a line continuation). */
  readonly cooked: string;
  /** How the source writes it: itself, an escape sequence, or a CRLF. */
  readonly raw: string;
}
export interface ExprPiece {
  /** `constant`: what the rule allows (a table name from a const), kept in the text. */
  readonly kind: 'value' | 'constant';
  readonly expr: ts.Expression;
}
export type Piece = CharPiece | ExprPiece;

/** What a placeholder binds: a spliced expression, or the quoted SQL literal it sat in. */
export type BoundValue = { readonly kind: 'expr'; readonly expr: ts.Expression } | { readonly kind: 'literal'; readonly content: readonly Piece[] };
export interface Placeholder {
  readonly kind: 'placeholder';
  readonly value: BoundValue;
}
export type OutPart = CharPiece | ExprPiece | Placeholder;
