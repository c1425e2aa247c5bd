import { z } from 'zod';
import { ts } from '../../ts';
import { filesToCheck, rangeOf, walk } from '../syntax';
import { defineRule } from '../types';

const options = z.object({}).strict();

/** Methods whose first argument is SQL text run as is. */
const SQL_SINKS = new Set([
  'query', 'execute', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe',
  'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw',
]);
/** Query-builder conditions (TypeORM, Knex) that take a SQL fragment when given a string. */
const CONDITION_SINKS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);
/** Raw SQL sinks that take a condition fragment (`name = '…'`), not a whole statement. */
const RAW_CONDITION_SINKS = new Set(['whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw']);

const SQL_TEXT = /\b(?:select|insert|update|delete|with|from|where|values|set|join|order\s+by|group\s+by|call|exec|limit)\b/i;
const CONDITION_TEXT = /(?:[=<>]|\b(?:like|ilike|in|is|between|and|or)\b)/i;

/**
 * A compile-time constant: a literal, or a `const` of this file initialized with one (a table
 * name interpolated into SQL is fine).
 */
export function isConstant(expr: ts.Expression, constants: Constants): boolean {
  if (ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr)) return true;
  if (ts.isParenthesizedExpression(expr)) return isConstant(expr.expression, constants);
  if (ts.isIdentifier(expr)) return constants.has(expr.text);
  if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) return constants.has(`${expr.expression.text}.${expr.name.text}`);
  return false;
}

interface BuiltText {
  /** The static parts, to tell SQL from other strings. */
  readonly staticText: string;
  /** The first dynamic part, named in the message. */
  readonly dynamic?: ts.Expression;
}

/** The text of a template or `+` concatenation: its static parts and its first non-constant part. */
function builtText(expr: ts.Expression, constants: Constants): BuiltText | undefined {
  if (ts.isTemplateExpression(expr)) return templateText(expr, constants);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) return concatenationText(expr, constants);
  return undefined;
}

function templateText(expr: ts.TemplateExpression, constants: Constants): BuiltText {
  const dynamic = expr.templateSpans.map((s) => s.expression).find((e) => !isConstant(e, constants));
  return { staticText: [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(' '), ...(dynamic ? { dynamic } : {}) };
}

function concatenationText(expr: ts.BinaryExpression, constants: Constants): BuiltText | undefined {
  const parts = plusOperands(expr);
  const staticText = parts.filter(ts.isStringLiteralLike).map((p) => p.text).join(' ');
  if (staticText === '') return undefined;
  const dynamic = parts.find((p) => !isConstant(p, constants) && !(ts.isTemplateExpression(p) && !templateText(p, constants).dynamic));
  return { staticText, ...(dynamic ? { dynamic } : {}) };
}

/** `a + b + c` → [a, b, c]. */
function plusOperands(expr: ts.Expression): ts.Expression[] {
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...plusOperands(expr.left), ...plusOperands(expr.right)];
  return [expr];
}

/** The names whose values are literals (see `constantsOf`). */
export type Constants = Pick<ReadonlySet<string>, 'has'>;

/** `constantsOf`, computed on the first question: most files build no SQL, and this is a walk of the whole file. */
function lazyConstantsOf(sourceFile: ts.SourceFile): Constants {
  let constants: Constants | undefined;
  return { has: (name) => (constants ??= constantsOf(sourceFile)).has(name) };
}

/** `const` declarations of this file initialized with a literal, and `const X = { A: 'lit' }` members. */
export function constantsOf(sourceFile: ts.SourceFile): Set<string> {
  const constants = new Set<string>();
  walk(sourceFile, (n) => {
    if (!ts.isVariableDeclarationList(n) || (n.flags & ts.NodeFlags.Const) === 0) return;
    for (const d of n.declarations) for (const name of constantNames(d)) constants.add(name);
  });
  return constants;
}

function isLiteral(expr: ts.Expression): boolean {
  return ts.isStringLiteralLike(expr) || ts.isNumericLiteral(expr);
}

/** `X` for `const X = 'lit'`; `X.A` for each literal member of `const X = { A: 'lit' }`. */
function constantNames(declaration: ts.VariableDeclaration): string[] {
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return [];
  const name = declaration.name.text;
  const init = ts.isAsExpression(declaration.initializer) ? declaration.initializer.expression : declaration.initializer;
  if (isLiteral(init)) return [name];
  if (!ts.isObjectLiteralExpression(init)) return [];
  return init.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && isLiteral(p.initializer) ? [`${name}.${p.name.text}`] : []));
}

/** `const sql = \`...\${id}\`` earlier in the same function: follow one step to the text. */
function resolveLocal(expr: ts.Expression, call: ts.Node): ts.Expression {
  if (!ts.isIdentifier(expr)) return expr;
  let scope: ts.Node | undefined = call.parent;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  let found: ts.Expression | undefined;
  if (scope) {
    walk(scope, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === expr.text && n.initializer && n.getEnd() <= call.getStart()) found = n.initializer;
    });
  }
  return found ?? expr;
}

/** A sink call whose SQL text (first argument) has a non-constant value spliced in. */
function injectedSql(n: ts.Node, constants: Constants): { argument: ts.Expression; value: ts.Expression; method: string } | undefined {
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return undefined;
  const method = n.expression.name.text;
  const condition = CONDITION_SINKS.has(method);
  const argument = n.arguments[0];
  if ((!SQL_SINKS.has(method) && !condition) || !argument) return undefined;
  const text = builtText(resolveLocal(argument, n), constants);
  const looksLikeSql = condition || RAW_CONDITION_SINKS.has(method) ? CONDITION_TEXT : SQL_TEXT;
  if (!text?.dynamic || !looksLikeSql.test(text.staticText)) return undefined;
  return { argument, value: text.dynamic, method };
}

export const sqlInjection = defineRule({
  meta: {
    id: 'security/sql-injection',
    description: 'SQL text is built by concatenating or interpolating a value instead of passing it as a parameter.',
    defaultSeverity: 'error',
    fixable: true,
  },
  options,
  perFile: () => '',
  check(context) {
    for (const node of filesToCheck(context)) {
      const sf = node.sourceFile;
      const constants = lazyConstantsOf(sf);
      context.walkFile(node, (n) => {
        const injected = injectedSql(n, constants);
        if (!injected) return;
        context.report({
          file: node.file,
          range: rangeOf(injected.argument, sf),
          message: `SQL built from a string: \`${injected.value.getText(sf).slice(0, 40)}\` is put into the text passed to ${injected.method}(). Use placeholders ($1, ?, :name) and pass the values separately.`,
        });
      });
    }
  },
});
