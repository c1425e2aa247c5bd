import { ts } from '../../ts';
import type { FileNode } from '../../graph/types';
import { ensure, isScope, type SinkCall } from './sink';
import { isConstant } from '../../rules/security/sql-values';
import { chainOperands, enclosing, walk } from '../../rules/syntax';

// Stage 3: the SQL text and its pieces: literal parts, spliced values, a local the text was built in.

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

// The characters of a string or template literal, as written and as meant.

const ESCAPE = /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\r\n\u2028\u2029])|([1-9]|0[0-9])|([\s\S]))/y;
const SINGLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

export function literalChars(raw: string): CharPiece[] {
  const chars: CharPiece[] = [];
  for (let offset = 0; offset < raw.length;) {
    const char = charAt(raw, offset);
    chars.push(char);
    offset += char.raw.length;
  }
  return chars;
}

function charAt(raw: string, offset: number): CharPiece {
  const char = raw.charAt(offset);
  if (char === '\r') return { kind: 'char', cooked: '\n', raw: raw.startsWith('\r\n', offset) ? '\r\n' : '\r' };
  if (char !== '\\') return { kind: 'char', cooked: char, raw: char };
  ESCAPE.lastIndex = offset;
  const escape = ESCAPE.exec(raw);
  ensure(escape !== null && escape[5] === undefined, 'a legacy octal escape');
  return { kind: 'char', cooked: cookedEscape(escape), raw: escape[0] };
}

function cookedEscape(escape: RegExpExecArray): string {
  const hex = escape[1] ?? escape[2] ?? escape[3];
  if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
  if (escape[4] !== undefined) return '';
  const char = escape[6] ?? '';
  return SINGLE_ESCAPES[char] ?? char;
}

export function piecesOf(expr: ts.Expression, constants: ReadonlySet<string>, sf: ts.SourceFile): Piece[] {
  if (ts.isTemplateExpression(expr)) return templatePieces(expr, constants, sf);
  ensure(isConcatenation(expr), 'not a built SQL text');
  // Iterative: a text built from thousands of `+` operands must not overflow the stack.
  const operands = chainOperands(expr, (kind) => kind === ts.SyntaxKind.PlusToken);
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

// What the SQL reader tells apart.

export interface Token {
  readonly kind: 'word' | 'op' | 'open' | 'close' | 'comma' | 'value' | 'name' | 'other';
  readonly text: string;
  /** A `)` that closed a VALUES row. */
  readonly row?: boolean;
}

/** Where SQL takes a value right after: comparisons, arithmetic, LIKE, LIMIT/OFFSET. */
export const VALUE_OPERATORS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '/', '%', '||']);
export const VALUE_KEYWORDS = new Set(['LIKE', 'ILIKE', 'LIMIT', 'OFFSET']);
/** `INTERVAL '1 day'`: the string is part of the literal's syntax, not a value. */
export const TYPED_LITERALS = new Set(['INTERVAL', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIMETZ']);
export const WORD_CHAR = /^[\w$]$/;
export const DIGIT = /^[0-9]$/;
export const OPERATOR_CHAR = /^[=<>!|+\-*/%~&^@#:.]$/;
/** A spliced value touching these is part of a name (`users_${x}`, `t.${col}`, `"${c}"`). */
export const GLUED_BEFORE = /^[\w$.:"`'\]]$/;
export const GLUED_AFTER = /^[\w$."`'([]$/;

/**
 * `const sql = \`…${id}\`; db.query(sql)`: the declaration the rule followed. The values move to
 * the call, so the text must be used there only and the values must read the same there.
 */
export function localSql(argument: ts.Identifier, call: SinkCall): ts.VariableDeclaration & { readonly initializer: ts.Expression } {
  const scope = enclosing(call, isScope);
  const earlier: ts.VariableDeclaration[] = [];
  walk(scope ?? call.getSourceFile(), (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === argument.text && n.initializer && n.getEnd() <= call.getStart()) earlier.push(n);
  });
  const found = earlier.at(-1);
  ensure(found?.initializer !== undefined && enclosing(found, isScope) === scope, 'SQL text from elsewhere');
  ensure(ts.isVariableDeclarationList(found.parent) && (found.parent.flags & ts.NodeFlags.Const) !== 0, 'SQL text in a variable that may change');
  ensure(scope !== undefined && references(scope, argument.text) === 1, 'SQL text used more than once');
  return found as ts.VariableDeclaration & { readonly initializer: ts.Expression };
}

/** Uses of `name` in `scope`: identifiers, except declared names and property names. */
function references(scope: ts.Node, name: string): number {
  let count = 0;
  walk(scope, (n) => {
    if (!ts.isIdentifier(n) || n.text !== name) return;
    const parent = n.parent;
    const declared = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === n;
    const property = (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === n;
    if (!declared && !property) count++;
  });
  return count;
}

/** A value moved from the declaration to the call must be a name nothing reassigns or shadows. */
export function ensureSameAtCall(value: BoundValue, declaration: ts.VariableDeclaration): void {
  const exprs = value.kind === 'expr' ? [value.expr] : value.content.flatMap((p) => (p.kind === 'char' ? [] : [p.expr]));
  const scope = enclosing(declaration, isScope);
  for (const expr of exprs) {
    const root = stableRoot(expr);
    ensure(root !== undefined && scope !== undefined && !rebound(scope, root), 'a value that may differ at the call');
  }
}

/** `a`, `this.a.b`: the root name; undefined for anything computed. */
function stableRoot(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return ts.isPropertyAccessExpression(expr) ? stableRoot(expr.expression) : undefined;
}

function rebound(scope: ts.Node, name: string): boolean {
  let declarations = 0;
  let assigned = false;
  walk(scope, (n) => {
    if ((ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && n.name.text === name) declarations++;
    assigned ||= isAssignmentTo(n, name);
  });
  return assigned || declarations > 1;
}

function isAssignmentTo(n: ts.Node, name: string): boolean {
  const target =
    ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment
      ? n.left
      : (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)
        ? n.operand
        : undefined;
  return target !== undefined && ts.isIdentifier(target) && target.text === name;
}
