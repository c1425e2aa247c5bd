import type { DependencyGraph, FileNode } from '../graph/types';
import { constantsOf, isConstant } from '../rules/security/sql-injection';
import { enclosing, walk } from '../rules/syntax';
import { ts } from '../ts';
import type { TextEdit } from '../types';
import { insertAt, replaceNode } from './text';
import type { FixContext, FixProvider } from './types';

/**
 * security/sql-injection: the values spliced into the SQL text become bind parameters — `$1…`
 * for node-postgres, postgres.js and TypeORM on Postgres, `?` for mysql/mysql2, TypeORM on
 * MySQL/SQLite and knex — passed in the values array; Prisma's `$queryRawUnsafe` becomes the
 * `$queryRaw` tagged template, which binds its interpolations. A value quoted in the SQL loses
 * its quotes with it (`'%${q}%'` binds `%${q}%`). Offered only when the driver and a value
 * position for every spliced part are certain; a bound value is typed by the driver rather than
 * read as SQL text, so the fix is never applied without review.
 */
export const sqlInjectionFixes: FixProvider = (context) => {
  const call = sinkCall(context.target);
  if (!call) return [];
  try {
    const edits = PRISMA_TAGGED.has(call.expression.name.text) ? prismaEdits(context, call) : boundEdits(context, call);
    return [{ id: 'parameterize', title: 'Parameterize query', safe: false, preferred: true, edits }];
  } catch (error) {
    if (error instanceof NotParameterizable) return [];
    throw error;
  }
};

/** Thrown where parameterizing could change what the query means: the fix is not offered. */
class NotParameterizable extends Error {}

function ensure(condition: boolean, why: string): asserts condition {
  if (!condition) throw new NotParameterizable(why);
}

type SinkCall = ts.CallExpression & { readonly expression: ts.PropertyAccessExpression };

/** The rule reports the SQL argument: its call, when the argument is the call's first. */
function sinkCall(target: ts.Node): SinkCall | undefined {
  const call = target.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== target || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  return call as SinkCall;
}

// ---------------------------------------------------------------------------------------------
// Which placeholders: the driver behind the call.

type Dialect = 'dollar' | 'question';
type Family = 'pg' | 'postgres' | 'mysql' | 'sqlite' | 'typeorm' | 'knex';

const PACKAGE_FAMILY: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['pg', 'pg'], ['pg-pool', 'pg'], ['pg-promise', 'pg'], ['postgres', 'postgres'],
  ['mysql', 'mysql'], ['mysql2', 'mysql'], ['sqlite3', 'sqlite'], ['better-sqlite3', 'sqlite'],
  ['typeorm', 'typeorm'], ['@nestjs/typeorm', 'typeorm'], ['knex', 'knex'], ['objection', 'knex'],
]);

/** The drivers whose client has the method, taking the SQL text first and its values second. */
const DRIVER_METHODS: ReadonlyMap<string, readonly Family[]> = new Map<string, readonly Family[]>([
  ['query', ['pg', 'mysql', 'typeorm']],
  ['execute', ['mysql']],
  ['unsafe', ['postgres']],
]);
/** knex binds `?` whatever the database. */
const KNEX_METHODS = new Set(['raw', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw']);
const PRISMA_TAGGED: ReadonlyMap<string, string> = new Map([['$queryRawUnsafe', '$queryRaw'], ['$executeRawUnsafe', '$executeRaw']]);

/** TypeORM passes parameters to the database's own driver: its placeholders by `type`. */
const DATABASE_DIALECT: ReadonlyMap<string, Dialect> = new Map<string, Dialect>([
  ['postgres', 'dollar'], ['cockroachdb', 'dollar'], ['aurora-postgres', 'dollar'],
  ['mysql', 'question'], ['mariadb', 'question'], ['aurora-mysql', 'question'], ['sqlite', 'question'], ['better-sqlite3', 'question'], ['sqljs', 'question'],
]);
/** Keys besides `type` that make an object literal TypeORM connection options. */
const TYPEORM_OPTIONS = new Set(['entities', 'synchronize', 'database', 'host', 'url', 'migrations', 'username', 'autoLoadEntities', 'port']);

function dialectOf(context: FixContext, call: SinkCall): Dialect {
  const method = call.expression.name.text;
  if (KNEX_METHODS.has(method)) {
    ensure(familiesIn([context.node]).has('knex') || familiesIn(context.graph.files.values()).has('knex'), 'not a knex project');
    return 'question';
  }
  const families = DRIVER_METHODS.get(method);
  ensure(families !== undefined, 'a query-builder condition, not a driver call');
  const dialect = driverDialect(context, call, families);
  ensure(dialect !== undefined, 'the driver is unknown');
  return dialect;
}

/** The receiver's declared origin first; else the drivers this file, then the workspace, imports. */
function driverDialect(context: FixContext, call: SinkCall, families: readonly Family[]): Dialect | undefined {
  const { graph, node } = context;
  const origin = originName(call.expression.expression, call);
  const receiver = origin === undefined ? undefined : importedFamily(node, origin);
  if (receiver) return families.includes(receiver) ? familyDialect(receiver, graph) : undefined;
  const inFile = [...familiesIn([node])].filter((f) => families.includes(f));
  const candidates = inFile.length > 0 ? inFile : [...familiesIn(graph.files.values())].filter((f) => families.includes(f));
  return onlyDialect(candidates.map((f) => familyDialect(f, graph)));
}

function onlyDialect(dialects: readonly (Dialect | undefined)[]): Dialect | undefined {
  const distinct = new Set(dialects);
  const [only] = distinct;
  return distinct.size === 1 ? only : undefined;
}

function familyDialect(family: Family, graph: DependencyGraph): Dialect | undefined {
  if (family === 'typeorm') return typeormDialect(graph);
  return family === 'pg' || family === 'postgres' ? 'dollar' : 'question';
}

/** The `type` of the TypeORM options written in the workspace, else the one SQL driver it imports. */
function typeormDialect(graph: DependencyGraph): Dialect | undefined {
  const types = configuredDatabaseTypes(graph);
  if (types.size > 0) return onlyDialect([...types].map((t) => DATABASE_DIALECT.get(t)));
  const drivers = [...familiesIn(graph.files.values())].filter((f) => f !== 'typeorm' && f !== 'knex');
  return onlyDialect(drivers.map((f) => familyDialect(f, graph)));
}

function configuredDatabaseTypes(graph: DependencyGraph): Set<string> {
  const types = new Set<string>();
  for (const node of graph.files.values()) {
    walk(node.sourceFile, (n) => {
      const type = ts.isObjectLiteralExpression(n) ? typeormDatabaseType(n) : undefined;
      if (type !== undefined) types.add(type);
    });
  }
  return types;
}

function typeormDatabaseType(options: ts.ObjectLiteralExpression): string | undefined {
  let type: string | undefined;
  let connection = false;
  for (const property of options.properties) {
    const key = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : '';
    const value = ts.isPropertyAssignment(property) ? skipAs(property.initializer) : undefined;
    if (key === 'type' && value && ts.isStringLiteralLike(value)) type = value.text;
    connection ||= TYPEORM_OPTIONS.has(key);
  }
  return connection ? type : undefined;
}

function skipAs(expr: ts.Expression): ts.Expression {
  return ts.isAsExpression(expr) ? expr.expression : expr;
}

function familiesIn(nodes: Iterable<FileNode>): Set<Family> {
  const families = new Set<Family>();
  for (const node of nodes) {
    for (const ref of node.facts.moduleRefs) {
      const family = PACKAGE_FAMILY.get(packageName(ref.specifier));
      if (family) families.add(family);
    }
  }
  return families;
}

function packageName(specifier: string): string {
  const segments = specifier.split('/');
  return (specifier.startsWith('@') ? segments.slice(0, 2) : segments.slice(0, 1)).join('/');
}

function importedFamily(node: FileNode, local: string): Family | undefined {
  const ref = node.facts.moduleRefs.find((r) => r.bindings.some((b) => b.local === local));
  return ref ? PACKAGE_FAMILY.get(packageName(ref.specifier)) : undefined;
}

/**
 * The imported name the receiver comes from: the type of `this.pool` or of a parameter, the
 * class of `new Pool()`, the module of `mysql.createPool()`, or the receiver itself.
 */
function originName(receiver: ts.Expression, call: ts.Node): string | undefined {
  let base = skipWrappers(receiver);
  while (ts.isPropertyAccessExpression(base) && base.expression.kind !== ts.SyntaxKind.ThisKeyword) base = skipWrappers(base.expression);
  if (ts.isPropertyAccessExpression(base)) return memberOrigin(base.name.text, call);
  if (!ts.isIdentifier(base)) return undefined;
  const declaration = declarationInScope(base.text, call);
  return declaration ? declaredOrigin(declaration) : base.text;
}

function skipWrappers(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAwaitExpression(current)) current = current.expression;
  return current;
}

function memberOrigin(name: string, call: ts.Node): string | undefined {
  const owner = enclosing(call, ts.isClassLike);
  for (const member of owner?.members ?? []) {
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === name) return declaredOrigin(member);
    if (!ts.isConstructorDeclaration(member)) continue;
    const parameter = member.parameters.find((p) => ts.isParameterPropertyDeclaration(p, member) && ts.isIdentifier(p.name) && p.name.text === name);
    if (parameter) return declaredOrigin(parameter);
  }
  return undefined;
}

type Scope = ts.SignatureDeclaration | ts.SourceFile;
const isScope = (n: ts.Node): n is Scope => ts.isFunctionLike(n) || ts.isSourceFile(n);

function declarationInScope(name: string, from: ts.Node): ts.ParameterDeclaration | ts.VariableDeclaration | undefined {
  for (let scope = enclosing(from, isScope); scope; scope = enclosing(scope, isScope)) {
    const parameter = ts.isSourceFile(scope) ? undefined : scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    const found = parameter ?? variableIn(scope, name);
    if (found) return found;
  }
  return undefined;
}

function variableIn(scope: ts.Node, name: string): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  walk(scope, (n) => {
    if (found) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) found = n;
    return undefined;
  });
  return found;
}

function declaredOrigin(declaration: { readonly type?: ts.TypeNode | undefined; readonly initializer?: ts.Expression | undefined }): string | undefined {
  const { type, initializer } = declaration;
  if (type) return ts.isTypeReferenceNode(type) ? entityRoot(type.typeName) : undefined;
  const created = initializer ? skipWrappers(initializer) : undefined;
  return created && (ts.isNewExpression(created) || ts.isCallExpression(created)) ? expressionRoot(created.expression) : undefined;
}

function entityRoot(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : entityRoot(name.left);
}

function expressionRoot(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  return ts.isPropertyAccessExpression(expr) ? expressionRoot(expr.expression) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The SQL text as pieces: characters (as written and as meant) and spliced expressions.

interface CharPiece {
  readonly kind: 'char';
  /** The character the string holds ('' for a line continuation). */
  readonly cooked: string;
  /** How the source writes it: itself, an escape sequence, or a CRLF. */
  readonly raw: string;
}
interface ExprPiece {
  /** `constant`: what the rule allows (a table name from a const), kept in the text. */
  readonly kind: 'value' | 'constant';
  readonly expr: ts.Expression;
}
type Piece = CharPiece | ExprPiece;

function piecesOf(expr: ts.Expression, constants: ReadonlySet<string>, sf: ts.SourceFile): Piece[] {
  if (ts.isTemplateExpression(expr)) return templatePieces(expr, constants, sf);
  ensure(isConcatenation(expr), 'not a built SQL text');
  const operands = plusOperands(expr);
  // `1 + 2 + 'x'` adds numbers before it joins text: the operands don't read as written.
  ensure(operands.slice(0, 2).some((o) => ts.isStringLiteralLike(o) || ts.isTemplateExpression(o)), 'numbers added before the text');
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

const ESCAPE = /\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\r\n\u2028\u2029])|([1-9]|0[0-9])|([\s\S]))/y;
const SINGLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function literalChars(raw: string): CharPiece[] {
  const chars: CharPiece[] = [];
  for (let offset = 0; offset < raw.length; ) {
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

// ---------------------------------------------------------------------------------------------
// Reading the SQL: where each spliced value sits, and what replaces it.

/** What a placeholder binds: a spliced expression, or the quoted SQL literal it sat in. */
type BoundValue = { readonly kind: 'expr'; readonly expr: ts.Expression } | { readonly kind: 'literal'; readonly content: readonly Piece[] };
interface Placeholder {
  readonly kind: 'placeholder';
  readonly value: BoundValue;
}
type OutPart = CharPiece | ExprPiece | Placeholder;

type Mode = Dialect | 'prisma';

interface Token {
  readonly kind: 'word' | 'op' | 'open' | 'close' | 'comma' | 'value' | 'name' | 'other';
  readonly text: string;
  /** A `)` that closed a VALUES row. */
  readonly row?: boolean;
}

/** Where SQL takes a value right after: comparisons, arithmetic, LIKE, LIMIT/OFFSET. */
const VALUE_OPERATORS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '+', '-', '/', '%', '||']);
const VALUE_KEYWORDS = new Set(['LIKE', 'ILIKE', 'LIMIT', 'OFFSET']);
/** `INTERVAL '1 day'`: the string is part of the literal's syntax, not a value. */
const TYPED_LITERALS = new Set(['INTERVAL', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMPTZ', 'TIMETZ']);
const WORD_CHAR = /^[\w$]$/;
const DIGIT = /^[0-9]$/;
const OPERATOR_CHAR = /^[=<>!|+\-*/%~&^@#:.]$/;
/** A spliced value touching these is part of a name (`users_${x}`, `t.${col}`, `"${c}"`). */
const GLUED_BEFORE = /^[\w$.:"`'\]]$/;
const GLUED_AFTER = /^[\w$."`'([]$/;

/**
 * A small SQL reader over the pieces: copies the text, and replaces each spliced value — or the
 * quoted literal holding it — by a placeholder, refusing any that SQL could read as a name or a
 * clause. Existing placeholders are counted, to number the new ones after them.
 */
class Parameterizer {
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

  constructor(private readonly pieces: readonly Piece[], private readonly mode: Mode) {}

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

// ---------------------------------------------------------------------------------------------
// Writing the result.

/** The JS text of one character inside a literal delimited by `quote`, as the user wrote it where possible. */
function charIn(piece: CharPiece, quote: string, next: Piece | OutPart | undefined): string {
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
function valueText(value: BoundValue, sf: ts.SourceFile): string {
  if (value.kind === 'expr') return exprText(value.expr, sf);
  const [only] = value.content;
  if (value.content.length === 1 && only?.kind === 'value') return exprText(only.expr, sf);
  return `\`${value.content.map((p, k) => (p.kind === 'char' ? charIn(p, '`', value.content[k + 1]) : `\${${p.expr.getText(sf)}}`)).join('')}\``;
}

/** A string literal in the file's quotes when nothing is spliced any more and it fits one line; else a template. */
function sqlText(parts: readonly OutPart[], placeholder: (index: number) => string, fileQuote: string, sf: ts.SourceFile): string {
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

function fileQuote(node: FileNode): string {
  const ref = node.facts.moduleRefs.find((r) => r.kind !== 'dynamic-import');
  return ref && node.text.charAt(ref.range.start) === '"' ? '"' : "'";
}

function placeholdersOf(parts: readonly OutPart[]): Placeholder[] {
  return parts.filter((p): p is Placeholder => p.kind === 'placeholder');
}

// ---------------------------------------------------------------------------------------------
// Drivers taking a values array.

function boundEdits(context: FixContext, call: SinkCall): TextEdit[] {
  const { node } = context;
  const sf = node.sourceFile;
  const dialect = dialectOf(context, call);
  const argument = call.arguments[0]!;
  const local = ts.isIdentifier(argument) ? localSql(argument, call) : undefined;
  const source = local?.initializer ?? argument;
  const sql = new Parameterizer(piecesOf(source, constantsOf(sf), sf), dialect).run();
  const slot = valuesSlot(call, node.file, sf);
  ensure(dialect === 'dollar' ? sql.existingDollarMax <= slot.count : sql.existingQuestions === slot.count && !sql.questionAfterNew, 'the existing placeholders and values do not line up');
  const placeholders = placeholdersOf(sql.out);
  if (local) placeholders.forEach((p) => ensureSameAtCall(p.value, local));
  const text = sqlText(sql.out, (k) => (dialect === 'dollar' ? `$${slot.count + k + 1}` : '?'), fileQuote(node), sf);
  return [replaceNode(node.file, source, sf, text), slot.edit(placeholders.map((p) => valueText(p.value, sf)).join(', '))];
}

interface ValuesSlot {
  /** Values the call already passes. */
  readonly count: number;
  readonly edit: (values: string) => TextEdit;
}

/** Where the new values go: a new array, the end of the existing array, or before a callback. */
function valuesSlot(call: SinkCall, file: string, sf: ts.SourceFile): ValuesSlot {
  const [sql, second] = call.arguments;
  if (!second) return { count: 0, edit: (values) => insertAt(file, sql!.getEnd(), `, [${values}]`) };
  if (ts.isArrayLiteralExpression(second)) {
    ensure(second.elements.every((e) => !ts.isSpreadElement(e) && !ts.isOmittedExpression(e)), 'values of unknown count');
    const last = second.elements.at(-1);
    return { count: second.elements.length, edit: (values) => (last ? insertAt(file, last.getEnd(), `, ${values}`) : insertAt(file, second.getStart(sf) + 1, values)) };
  }
  ensure(ts.isArrowFunction(second) || ts.isFunctionExpression(second), 'values passed in a way the fix cannot extend');
  return { count: 0, edit: (values) => insertAt(file, second.getStart(sf), `[${values}], `) };
}

/**
 * `const sql = \`…${id}\`; db.query(sql)`: the declaration the rule followed. The values move to
 * the call, so the text must be used there only and the values must read the same there.
 */
function localSql(argument: ts.Identifier, call: SinkCall): ts.VariableDeclaration & { readonly initializer: ts.Expression } {
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
function ensureSameAtCall(value: BoundValue, declaration: ts.VariableDeclaration): void {
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
  const target = ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? n.left
    : (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) ? n.operand
    : undefined;
  return target !== undefined && ts.isIdentifier(target) && target.text === name;
}

// ---------------------------------------------------------------------------------------------
// Prisma: the unsafe call becomes the tagged template, which binds its interpolations.

function prismaEdits(context: FixContext, call: SinkCall): TextEdit[] {
  const { node } = context;
  const sf = node.sourceFile;
  const [argument] = call.arguments;
  // A tagged template can't sit in an optional chain, nor take the positional values.
  ensure(argument !== undefined && call.arguments.length === 1 && !ts.isOptionalChain(call), 'a call the tagged form cannot express');
  ensure(!ts.isIdentifier(argument), 'SQL text from a variable');
  const sql = new Parameterizer(piecesOf(argument, constantsOf(sf), sf), 'prisma').run();
  const raw = sql.out.some((p) => p.kind === 'constant') ? prismaNamespace(node) : '';
  ensure(raw !== undefined, 'constant SQL without Prisma.raw at hand');
  const body = sql.out.map((p, k) => {
    if (p.kind === 'char') return charIn(p, '`', sql.out[k + 1]);
    return p.kind === 'placeholder' ? `\${${valueText(p.value, sf)}}` : `\${${raw}.raw(${p.expr.getText(sf)})}`;
  });
  const typeArguments = call.typeArguments ? `<${call.typeArguments.map((t) => t.getText(sf)).join(', ')}>` : '';
  const method = call.expression.name;
  return [{ file: node.file, range: { start: method.getStart(sf), end: call.getEnd() }, newText: `${PRISMA_TAGGED.get(method.text) ?? method.text}${typeArguments}\`${body.join('')}\`` }];
}

/** The local name of `Prisma` imported as a value from @prisma/client: constants stay SQL through `Prisma.raw`. */
function prismaNamespace(node: FileNode): string | undefined {
  const ref = node.facts.moduleRefs.find((r) => r.specifier === '@prisma/client' && !r.typeOnly);
  return ref?.bindings.find((b) => b.imported === 'Prisma' && !b.typeOnly)?.local;
}
