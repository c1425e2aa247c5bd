import { ts } from '../../ts';
import type { Dialect } from './dialect';
import { ensure, NotParameterizable } from './sink';
import { type BoundValue, type OutPart, type Piece, DIGIT, GLUED_AFTER, GLUED_BEFORE, OPERATOR_CHAR, TYPED_LITERALS, VALUE_KEYWORDS, VALUE_OPERATORS, WORD_CHAR, type Token } from './text';

// Stage 4: the text rewritten with placeholders and the values in order.

// Reading the SQL: where each spliced value sits, and what replaces it.

type Mode = Dialect | 'prisma';

/**
 * A small SQL reader over the pieces: copies the text, and replaces each spliced value — or the
 * quoted literal holding it — by a placeholder, refusing any that SQL could read as a name or a
 * clause. Existing placeholders are counted, to number the new ones after them.
 */
export class Parameterizer {
  readonly out: OutPart[] = [];
  existingDollarMax = 0;
  existingQuestions = 0;
  /** An existing `?` after a new one: positional values can't simply be appended. */
  questionAfterNew = false;
  added = 0;
  private readonly tokens: Token[] = [];
  /** For each open parenthesis: whether it holds a VALUES row (or `= ANY(…)`). */
  private readonly rows: boolean[] = [];
  private index = 0;

  constructor(
    private readonly pieces: readonly Piece[],
    private readonly mode: Mode,
  ) {}

  run(): this {
    for (let piece = this.pieces[0]; piece; piece = this.pieces[this.index]) this.step(piece);
    ensure(this.added > 0, 'nothing to bind');
    return this;
  }

  private step(piece: Piece): void {
    if (piece.kind === 'char') return this.code(piece.cooked);
    if (piece.kind === 'value') return this.bindValue(piece.expr);
    // A constant (a table name) reads as a name and stays in the text.
    this.emit();
    this.token('name', '');
  }

  private code(char: string): void {
    if (char === '' || /^\s$/.test(char)) return this.emit();
    if (char === "'") return this.literal();
    if (char === '"' || char === '`') return this.quotedName(char);
    const pair = char + (this.cookedAt(this.index + 1) ?? '');
    if (pair === '--' || pair === '/*') return this.comment(pair === '--' ? '\n' : '*/');
    if (char === '$') return this.existingDollar();
    if (char === '?') return this.existingQuestion();
    if (/^[A-Za-z_]$/.test(char)) return this.token('word', this.take(WORD_CHAR).toUpperCase());
    if (DIGIT.test(char)) return this.token('value', this.take(WORD_CHAR));
    this.punctuation(char);
  }

  private punctuation(char: string): void {
    if (OPERATOR_CHAR.test(char)) return this.token('op', this.take(OPERATOR_CHAR));
    const row = char === '(' ? this.opensRow() : char === ')' && this.rows.pop() === true;
    this.emit();
    if (char === '(') this.rows.push(row);
    this.token(char === '(' ? 'open' : char === ')' ? 'close' : char === ',' ? 'comma' : 'other', char, char === ')' ? row : undefined);
  }

  private opensRow(): boolean {
    const [before, last] = [this.tokens.at(-2), this.tokens.at(-1)];
    if (last?.kind === 'word') return last.text === 'VALUES' || ((last.text === 'ANY' || last.text === 'ALL') && before?.kind === 'op');
    return last?.kind === 'comma' && before?.kind === 'close' && before.row === true;
  }

  private literal(): void {
    const start = this.index;
    const content = this.literalContent();
    this.refuseQuestionMarks(content);
    if (!content.some((p) => p.kind === 'value')) {
      this.out.push(...this.pieces.slice(start, this.index));
      return this.token('value', "'");
    }
    ensure(!this.typedLiteralBefore(), "a typed literal (INTERVAL '…') takes no parameter");
    // `'${x}'AND` is valid SQL, `$1AND` is not.
    ensure(!WORD_CHAR.test(this.cookedAt(this.index) ?? ''), 'a literal glued to a word');
    // MySQL reads `\'` in a literal as a quote, Postgres as a backslash: the value is unclear.
    ensure(!content.some((p) => p.kind === 'char' && p.cooked === '\\'), 'a backslash in the literal');
    this.bind({ kind: 'literal', content });
  }

  /** The pieces between the quotes (`''` read as one quote); leaves the index past the closing one. */
  private literalContent(): Piece[] {
    const content: Piece[] = [];
    for (this.index++; this.index < this.pieces.length; this.index++) {
      const piece = this.pieces[this.index]!;
      const quote = piece.kind === 'char' && piece.cooked === "'";
      if (quote && this.cookedAt(this.index + 1) !== "'") {
        this.index++;
        return content;
      }
      if (quote) this.index++;
      content.push(piece);
    }
    throw new NotParameterizable('an unterminated literal');
  }

  private typedLiteralBefore(): boolean {
    const before = this.out.at(-1);
    const last = this.tokens.at(-1);
    return (before?.kind === 'char' && WORD_CHAR.test(before.cooked)) || (last?.kind === 'word' && TYPED_LITERALS.has(last.text));
  }

  private quotedName(quote: string): void {
    const start = this.index;
    for (this.index++; this.cookedAt(this.index) !== quote; this.index++) {
      ensure(this.index < this.pieces.length && this.pieces[this.index]?.kind !== 'value', 'a value in a quoted name');
    }
    this.index++;
    this.keep(start);
    this.token('name', quote);
  }

  private comment(end: string): void {
    const start = this.index;
    for (this.index += 2; this.index < this.pieces.length && !this.endsAt(end); this.index++) {
      ensure(this.pieces[this.index]?.kind !== 'value', 'a value in a comment');
    }
    this.index = Math.min(this.pieces.length, this.index + (end === '\n' ? 0 : end.length));
    this.keep(start);
  }

  private endsAt(end: string): boolean {
    return [...end].every((char, k) => this.cookedAt(this.index + k) === char);
  }

  /** Copies pieces read as a whole (names, comments, literals without values). */
  private keep(start: number): void {
    const kept = this.pieces.slice(start, this.index);
    this.refuseQuestionMarks(kept);
    this.out.push(...kept);
  }

  /** mysql and knex take every `?` for a placeholder, even inside a literal or a comment. */
  private refuseQuestionMarks(pieces: readonly Piece[]): void {
    ensure(this.mode !== 'question' || !pieces.some((p) => p.kind === 'char' && p.cooked === '?'), 'a ? the driver would bind');
  }

  private existingDollar(): void {
    this.emit();
    const digits = this.take(DIGIT);
    ensure(digits !== '' && this.mode === 'dollar', 'a $ that is no numbered placeholder');
    this.existingDollarMax = Math.max(this.existingDollarMax, Number(digits));
    this.token('value', `$${digits}`);
  }

  private existingQuestion(): void {
    // Postgres' jsonb operators ?, ?| and ?&.
    if (this.mode !== 'question') return this.token('op', this.take(/^[?|&]$/));
    this.take(/^\?$/);
    this.existingQuestions++;
    this.questionAfterNew ||= this.added > 0;
    this.token('value', '?');
  }

  private bindValue(expr: ts.Expression): void {
    ensure(this.isValuePosition(), 'a spliced value where SQL expects a name or a clause');
    ensure(!this.gluedToName(), 'a spliced value that is part of a name');
    // `IN (${ids.join(',')})` splices a list: one parameter would bind it as one value.
    ensure(!(ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'join'), 'a spliced list');
    this.index++;
    this.bind({ kind: 'expr', expr });
  }

  private isValuePosition(): boolean {
    const [before, last] = [this.tokens.at(-2), this.tokens.at(-1)];
    if (last?.kind === 'op') return VALUE_OPERATORS.has(last.text);
    if (last?.kind === 'word') return VALUE_KEYWORDS.has(last.text) || (last.text === 'AND' && before?.kind === 'value' && this.tokens.at(-3)?.text === 'BETWEEN');
    return (last?.kind === 'open' || last?.kind === 'comma') && this.rows.at(-1) === true;
  }

  private gluedToName(): boolean {
    const before = this.out.at(-1);
    const after = this.pieces[this.index + 1];
    const gluedBefore = before !== undefined && (before.kind !== 'char' || GLUED_BEFORE.test(before.cooked));
    return gluedBefore || (after !== undefined && (after.kind !== 'char' || GLUED_AFTER.test(after.cooked)));
  }

  private bind(value: BoundValue): void {
    this.out.push({ kind: 'placeholder', value });
    this.added++;
    this.token('value', '?');
  }

  private emit(): void {
    const piece = this.pieces[this.index];
    if (piece) this.out.push(piece);
    this.index++;
  }

  /** Copies the characters matching `pattern` from the current one on; returns what they say. */
  private take(pattern: RegExp): string {
    let text = '';
    for (let piece = this.pieces[this.index]; piece?.kind === 'char' && pattern.test(piece.cooked); piece = this.pieces[this.index]) {
      text += piece.cooked;
      this.emit();
    }
    return text;
  }

  private cookedAt(index: number): string | undefined {
    const piece = this.pieces[index];
    return piece?.kind === 'char' ? piece.cooked : undefined;
  }

  private token(kind: Token['kind'], text: string, row?: boolean): void {
    this.tokens.push(row === undefined ? { kind, text } : { kind, text, row });
  }
}
