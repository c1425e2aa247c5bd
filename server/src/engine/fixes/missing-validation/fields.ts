import { ts } from '../../ts';
import { dottedName } from '../../rules/syntax';

/**
 * The fields a handler reads off its input (`req.body.email`, `const { name } = req.body`,
 * `dto.price`) and what their use tells about their type. Anything else done with the input —
 * passing it whole, spreading it, writing to it, reading a field's own properties — means its
 * shape cannot be read off the handler, and no field list is given.
 */

export type FieldKind = 'string' | 'number' | 'boolean';

export interface Field {
  readonly name: string;
  readonly kind: FieldKind;
  /** The handler falls back when it is missing (`= 1`, `?? 20`, `|| 'anonymous'`). */
  readonly optional: boolean;
}

/** What one use of a field says: `shape` means it is not a flat value (or it is written to). */
type Evidence = FieldKind | 'truthy' | 'plain' | 'shape';

interface Use {
  readonly evidence: Evidence;
  readonly optional?: boolean;
  /** `const email = req.body.email`: the field lives on in this variable. */
  readonly follow?: ts.Identifier;
}

/** String members that only a string has (`length`, `slice`, `includes` are arrays' too). */
const STRING_METHODS = new Set([
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'split',
  'startsWith',
  'endsWith',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'localeCompare',
  'normalize',
  'charAt',
  'charCodeAt',
  'substring',
  'match',
  'matchAll',
  'search',
]);

const ARITHMETIC = new Set([
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.BarToken,
  ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken,
]);
const RELATIONAL = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken]);
const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
const FALLBACK = new Set([ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]);

/** `1`, `-1` → number; `'a'`, templates → string; `true` → boolean. */
function literalKind(e: ts.Expression): FieldKind | undefined {
  if (ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))) return 'number';
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return 'string';
  return e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword ? 'boolean' : undefined;
}

/** A default says what the field holds: `= []` or `= {}` is no flat value, so no flat field can be declared for it. */
function defaultKind(initializer: ts.Expression): Evidence {
  if (ts.isArrayLiteralExpression(initializer) || ts.isObjectLiteralExpression(initializer)) return 'shape';
  return literalKind(initializer) ?? 'plain';
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function binaryUse(p: ts.BinaryExpression, e: ts.Expression): Use {
  const op = p.operatorToken.kind;
  const other = p.left === e ? p.right : p.left;
  if (isAssignment(op)) return { evidence: p.left === e ? 'shape' : 'plain' };
  if (FALLBACK.has(op) || op === ts.SyntaxKind.AmpersandAmpersandToken) return logicalUse(op, p.left === e, other);
  return { evidence: operandEvidence(op, other) };
}

/** `x - 1`, `x === 'admin'`, `x < 10`: the operator, or the literal on the other side. */
function operandEvidence(op: ts.SyntaxKind, other: ts.Expression): Evidence {
  if (ARITHMETIC.has(op)) return 'number';
  const literal = literalKind(other);
  if (op === ts.SyntaxKind.PlusToken || EQUALITY.has(op)) return literal ?? 'plain';
  if (RELATIONAL.has(op)) return literal === 'number' ? 'number' : 'plain';
  return op === ts.SyntaxKind.CommaToken ? 'plain' : 'shape';
}

/** `x ?? 20`, `x || 'anonymous'`: a fallback, so the field may be missing; `x && …` tests it. */
function logicalUse(op: ts.SyntaxKind, isLeft: boolean, other: ts.Expression): Use {
  if (!isLeft) return { evidence: 'plain' };
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) return { evidence: 'truthy' };
  return { evidence: literalKind(other) ?? 'plain', optional: true };
}

function prefixUse(p: ts.PrefixUnaryExpression): Use {
  if (p.operator === ts.SyntaxKind.ExclamationToken) return { evidence: 'truthy' };
  const numeric = p.operator === ts.SyntaxKind.MinusToken || p.operator === ts.SyntaxKind.PlusToken || p.operator === ts.SyntaxKind.TildeToken;
  return { evidence: numeric ? 'number' : 'shape' };
}

function isCondition(p: ts.Node, e: ts.Expression): boolean {
  if (ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return p.expression === e;
  return ts.isConditionalExpression(p) && p.condition === e;
}

/** `(x)`, `x!`, `x as T`: the same value. */
function outermost(e: ts.Expression): ts.Expression {
  let current = e;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isTypeAssertionExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/** What the code around a field's value does with it. */
function useOf(value: ts.Expression): Use {
  const e = outermost(value);
  const p = e.parent;
  if (ts.isBinaryExpression(p)) return binaryUse(p, e);
  if (ts.isPrefixUnaryExpression(p)) return prefixUse(p);
  if (isCondition(p, e)) return { evidence: 'truthy' };
  if (ts.isVariableDeclaration(p) && p.initializer === e) return ts.isIdentifier(p.name) ? { evidence: 'plain', follow: p.name } : { evidence: 'shape' };
  return { evidence: accessEvidence(p, e) };
}

/** Iterated, spread, indexed, written: not a flat value. */
const OPAQUE_PARENTS: readonly ((n: ts.Node) => boolean)[] = [ts.isSpreadElement, ts.isSpreadAssignment, ts.isForOfStatement, ts.isForInStatement, ts.isPostfixUnaryExpression, ts.isDeleteExpression];

/**
 * `x.trim()` is a string's, `x.items` an object's; `Math.max(x)` takes numbers; `f(x)` says
 * nothing. A value that fills a property of an object typed right there (`const input: Input =
 * { status: query.status }`) takes the type that declares, often a union or an enum a `string`
 * field would not satisfy: its type cannot be told here.
 */
function accessEvidence(p: ts.Node, e: ts.Expression): Evidence {
  if (((ts.isPropertyAssignment(p) && p.initializer === e) || ts.isShorthandPropertyAssignment(p)) && isDeclaredShape(p.parent)) return 'shape';
  if (ts.isPropertyAccessExpression(p) && p.expression === e) return STRING_METHODS.has(p.name.text) ? 'string' : 'shape';
  if (ts.isElementAccessExpression(p) && p.expression === e) return 'shape';
  if (ts.isCallExpression(p)) return p.expression === e ? 'shape' : /^Math\./.test(dottedName(p.expression)) ? 'number' : 'plain';
  return OPAQUE_PARENTS.some((is) => is(p)) ? 'shape' : 'plain';
}

/** An object literal (or one nested in it) whose type is written where it stands: `: T`, `as T`, `satisfies T`. */
function isDeclaredShape(object: ts.Node): boolean {
  let current = object;
  while (ts.isObjectLiteralExpression(current) && ts.isPropertyAssignment(current.parent) && ts.isObjectLiteralExpression(current.parent.parent)) current = current.parent.parent;
  const p = current.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p)) return p.type !== undefined;
  return ts.isAsExpression(p) || ts.isSatisfiesExpression(p) || ts.isTypeAssertionExpression(p);
}

/** Names a declaration introduces (not uses). */
function isDeclarationName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isFunctionExpression(p)) return p.name === id;
  return ts.isBindingElement(p) && p.name === id;
}

/** An identifier that stands for a variable, not a property name. */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p)) return p.expression === id;
  if (ts.isQualifiedName(p)) return false;
  if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)) return p.name !== id;
  if (ts.isBindingElement(p)) return p.propertyName !== id && p.name !== id;
  return !isDeclarationName(id) && !ts.isTypeReferenceNode(p);
}

/**
 * The references to `binding` in `scope`, or undefined when another declaration of the same
 * name could be meant (shadowing): then a reference cannot be told apart by name.
 */
export function referencesTo(binding: ts.Identifier, scope: ts.Node): ts.Identifier[] | undefined {
  const references: ts.Identifier[] = [];
  let shadowed = false;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n !== binding && n.text === binding.text) {
      if (isDeclarationName(n)) shadowed = true;
      else if (isReference(n)) references.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return shadowed ? undefined : references;
}

/**
 * Arithmetic is the clearest sign, then literals the field meets (`=== 'admin'`, `= false`); a
 * value only passed around is taken for a string, one only ever tested for truth for a flag.
 */
function resolveKind(evidence: ReadonlySet<Evidence>): FieldKind {
  const explicit = (['number', 'string', 'boolean'] as const).find((kind) => evidence.has(kind));
  if (explicit) return explicit;
  return evidence.has('truthy') && !evidence.has('plain') ? 'boolean' : 'string';
}

/** Collects the fields read off one input within a handler. */
export class FieldCollector {
  private readonly evidence = new Map<string, { kinds: Set<Evidence>; optional: boolean }>();
  private failed = false;

  constructor(private readonly scope: ts.Node) {}

  /** An expression whose value is the input object: `req.body`, a reference to `@Body() dto`. */
  addRead(read: ts.Expression): void {
    const e = outermost(read);
    const p = e.parent;
    if (ts.isPropertyAccessExpression(p) && p.expression === e) return this.addValue(p.name.text, p);
    if (ts.isElementAccessExpression(p) && p.expression === e && ts.isStringLiteralLike(p.argumentExpression)) return this.addValue(p.argumentExpression.text, p);
    if (ts.isVariableDeclaration(p) && p.initializer === e && ts.isObjectBindingPattern(p.name)) return this.addPattern(p.name);
    this.failed = true;
  }

  /** `const { name, price = 0 } = req.body`, `@Body() { email }: any`. */
  addPattern(pattern: ts.ObjectBindingPattern): void {
    for (const element of pattern.elements) {
      const key = element.propertyName ?? element.name;
      if (element.dotDotDotToken || !ts.isIdentifier(element.name) || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) {
        this.failed = true;
        return;
      }
      this.record(key.text, element.initializer ? { evidence: defaultKind(element.initializer), optional: true } : undefined);
      this.addUses(key.text, element.name);
    }
  }

  /** The fields in the order the handler first reads them; undefined when they cannot be told. */
  fields(): Field[] | undefined {
    if (this.failed || this.evidence.size === 0) return undefined;
    return [...this.evidence].map(([name, found]) => ({ name, kind: resolveKind(found.kinds), optional: found.optional }));
  }

  private addValue(name: string, value: ts.Expression): void {
    const use = useOf(value);
    if (!use.follow) return this.record(name, use);
    // The variable's uses speak for the field; the declaration itself says nothing.
    this.record(name, undefined);
    this.addUses(name, use.follow);
  }

  private addUses(name: string, binding: ts.Identifier): void {
    const references = referencesTo(binding, this.scope);
    if (!references) {
      this.failed = true;
      return;
    }
    for (const reference of references) this.addValue(name, reference);
  }

  private record(name: string, use: Use | undefined): void {
    if (use?.evidence === 'shape') this.failed = true;
    const found = this.evidence.get(name) ?? { kinds: new Set<Evidence>(), optional: false };
    if (use) found.kinds.add(use.evidence);
    found.optional ||= use?.optional === true;
    this.evidence.set(name, found);
  }
}
