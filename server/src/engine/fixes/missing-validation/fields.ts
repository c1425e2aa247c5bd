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
const STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'trimStart', 'trimEnd', 'split', 'startsWith', 'endsWith', 'replace', 'replaceAll', 'padStart', 'padEnd', 'localeCompare', 'normalize', 'charAt', 'charCodeAt', 'substring', 'match', 'matchAll', 'search']);

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

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function binaryUse(p: ts.BinaryExpression, e: ts.Expression): Use {
  const op = p.operatorToken.kind;
  const other = p.left === e ? p.right : p.left;
  if (isAssignment(op)) return { evidence: p.left === e ? 'shape' : 'plain' };
  if (ARITHMETIC.has(op)) return { evidence: 'number' };
  if (op === ts.SyntaxKind.PlusToken || EQUALITY.has(op)) return { evidence: literalKind(other) ?? 'plain' };
  if (RELATIONAL.has(op)) return { evidence: literalKind(other) === 'number' ? 'number' : 'plain' };
  if (FALLBACK.has(op)) return p.left === e ? { evidence: literalKind(other) ?? 'plain', optional: true } : { evidence: 'plain' };
  if (op === ts.SyntaxKind.AmpersandAmpersandToken) return { evidence: p.left === e ? 'truthy' : 'plain' };
  return { evidence: op === ts.SyntaxKind.CommaToken ? 'plain' : 'shape' };
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
  while (ts.isParenthesizedExpression(current.parent) || ts.isNonNullExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isTypeAssertionExpression(current.parent) || ts.isSatisfiesExpression(current.parent)) {
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
  if (ts.isPropertyAccessExpression(p) && p.expression === e) return { evidence: STRING_METHODS.has(p.name.text) ? 'string' : 'shape' };
  if (ts.isCallExpression(p)) return { evidence: p.expression === e ? 'shape' : /^Math\./.test(dottedName(p.expression)) ? 'number' : 'plain' };
  if (ts.isVariableDeclaration(p) && p.initializer === e) return ts.isIdentifier(p.name) ? { evidence: 'plain', follow: p.name } : { evidence: 'shape' };
  const opaque = ts.isElementAccessExpression(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isPostfixUnaryExpression(p) || ts.isDeleteExpression(p);
  return { evidence: opaque ? 'shape' : 'plain' };
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
  if (ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) return p.expression === id || (ts.isQualifiedName(p) && p.left === id);
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

/** Numbers win (arithmetic is the clearest sign); a value only ever tested for truth is a flag. */
function resolveKind(evidence: ReadonlySet<Evidence>): FieldKind {
  if (evidence.has('number')) return 'number';
  if (evidence.has('string') || evidence.has('plain') || evidence.size === 0) return 'string';
  return 'boolean';
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
      const initial = element.initializer ? literalKind(element.initializer) : undefined;
      this.record(key.text, { evidence: initial ?? 'plain', optional: element.initializer !== undefined });
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
