import { z } from 'zod';
import { ts } from '../../ts';
import { filesOf, rangeOf, walk } from '../syntax';
import { defineRule } from '../types';

const options = z.object({}).strict();

/** Methods whose first argument is SQL text run as is. */
const SQL_SINKS = new Set([
  'query', 'execute', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe',
  'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw',
]);
/** Query-builder conditions (TypeORM, Knex) that take a SQL fragment when given a string. */
const CONDITION_SINKS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);

const SQL_TEXT = /\b(?:select|insert|update|delete|with|from|where|values|set|join|order\s+by|group\s+by|call|exec|limit)\b/i;
const CONDITION_TEXT = /(?:[=<>]|\b(?:like|ilike|in|is|between|and|or)\b)/i;

/**
 * A compile-time constant: a literal, or a `const` of this file initialized with one (a table
 * name interpolated into SQL is fine).
 */
function isConstant(expr: ts.Expression, constants: ReadonlySet<string>): boolean {
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
function builtText(expr: ts.Expression, constants: ReadonlySet<string>): BuiltText | undefined {
  if (ts.isTemplateExpression(expr)) {
    const dynamic = expr.templateSpans.map((s) => s.expression).find((e) => !isConstant(e, constants));
    return { staticText: [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(' '), ...(dynamic ? { dynamic } : {}) };
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const parts: ts.Expression[] = [];
    const flatten = (e: ts.Expression): void => {
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        flatten(e.left);
        flatten(e.right);
      } else parts.push(e);
    };
    flatten(expr);
    const staticText = parts.filter(ts.isStringLiteralLike).map((p) => p.text).join(' ');
    if (staticText === '') return undefined;
    const dynamic = parts.find((p) => !isConstant(p, constants) && !(ts.isTemplateExpression(p) && !builtText(p, constants)?.dynamic));
    return { staticText, ...(dynamic ? { dynamic } : {}) };
  }
  return undefined;
}

/** `const` declarations of this file initialized with a literal, and `const X = { A: 'lit' }` members. */
function constantsOf(sourceFile: ts.SourceFile): Set<string> {
  const constants = new Set<string>();
  walk(sourceFile, (n) => {
    if (!ts.isVariableDeclarationList(n) || (n.flags & ts.NodeFlags.Const) === 0) return;
    for (const d of n.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      const init = ts.isAsExpression(d.initializer) ? d.initializer.expression : d.initializer;
      if (ts.isStringLiteralLike(init) || ts.isNumericLiteral(init)) constants.add(d.name.text);
      if (ts.isObjectLiteralExpression(init)) {
        for (const p of init.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && (ts.isStringLiteralLike(p.initializer) || ts.isNumericLiteral(p.initializer))) constants.add(`${d.name.text}.${p.name.text}`);
        }
      }
    }
  });
  return constants;
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

export const sqlInjection = defineRule({
  meta: {
    id: 'security/sql-injection',
    description: 'SQL text is built by concatenating or interpolating a value instead of passing it as a parameter.',
    defaultSeverity: 'error',
    fixable: false,
  },
  options,
  check(context) {
    for (const node of filesOf(context.graph.files)) {
      const sf = node.sourceFile;
      const constants = constantsOf(sf);
      walk(sf, (n) => {
        if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
        const method = n.expression.name.text;
        const condition = CONDITION_SINKS.has(method);
        const first = n.arguments[0];
        if ((!SQL_SINKS.has(method) && !condition) || !first) return;
        const text = builtText(resolveLocal(first, n), constants);
        if (!text?.dynamic || !(condition ? CONDITION_TEXT : SQL_TEXT).test(text.staticText)) return;
        const value = text.dynamic.getText(sf).slice(0, 40);
        context.report({
          file: node.file,
          range: rangeOf(first, sf),
          message: `SQL built from a string: \`${value}\` is put into the text passed to ${method}(). Use placeholders ($1, ?, :name) and pass the values separately.`,
        });
      });
    }
  },
});
