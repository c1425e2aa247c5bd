import { z } from 'zod';
import { ts } from '../../ts';
import { chainOperands, rangeOf, walk } from '../syntax';
import { isCallerInput, isComputedByCall, isNamedAsSqlStructure, isRequestInput, isSafeValue, type Constants } from './sql-values';
import { defineFileRule } from '../file-rule';
import { localInitializer } from '../local-values';

const options = z.object({}).strict();

/** Methods whose first argument is SQL text run as is. */
const SQL_SINKS = new Set([
  'query',
  'execute',
  'raw',
  'unsafe',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'whereRaw',
  'orWhereRaw',
  'havingRaw',
  'orHavingRaw',
  'joinRaw',
  'orderByRaw',
  'groupByRaw',
  'fromRaw',
]);
/** Query-builder conditions (TypeORM, Knex) that take a SQL fragment when given a string. */
const CONDITION_SINKS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);
/** Raw SQL sinks that take a condition fragment (`name = '…'`), not a whole statement. */
const RAW_CONDITION_SINKS = new Set(['whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw']);

const SQL_TEXT = /\b(?:select|insert|update|delete|with|from|where|values|set|join|order\s+by|group\s+by|call|exec|limit)\b/i;
const CONDITION_TEXT = /(?:[=<>]|@[?>]|\b(?:like|ilike|in|is|between|and|or)\b)/i;

interface DynamicPart {
  readonly expr: ts.Expression;
  /** The static SQL text before and after it. */
  readonly before: string;
  readonly after: string;
}

interface BuiltText {
  /** The static parts, to tell SQL from other strings. */
  readonly staticText: string;
  /** The values spliced in, with the text around each. */
  readonly parts: readonly DynamicPart[];
}

/** The text of a template or `+` concatenation: its static parts and the values spliced into it. */
function builtText(expr: ts.Expression): BuiltText | undefined {
  if (ts.isTemplateExpression(expr)) return templateText(expr);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) return concatenationText(expr);
  return undefined;
}

function templateText(expr: ts.TemplateExpression): BuiltText {
  const texts = [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)];
  const parts = expr.templateSpans.map((span, i) => ({ expr: span.expression, before: texts.slice(0, i + 1).join(''), after: texts[i + 1] ?? '' }));
  return { staticText: texts.join(' '), parts };
}

function concatenationText(expr: ts.BinaryExpression): BuiltText | undefined {
  const operands = plusOperands(expr);
  const textOf = (o: ts.Expression) => (ts.isStringLiteralLike(o) ? o.text : '');
  const staticText = operands.map(textOf).join(' ');
  if (staticText.trim() === '') return undefined;
  const parts: DynamicPart[] = [];
  operands.forEach((operand, i) => {
    if (ts.isStringLiteralLike(operand)) return;
    const before = operands.slice(0, i).map(textOf).join('');
    const after = operands
      .slice(i + 1)
      .map(textOf)
      .join('');
    if (ts.isTemplateExpression(operand)) parts.push(...templateText(operand).parts.map((p) => ({ ...p, before: before + p.before, after: p.after + after })));
    else parts.push({ expr: operand, before, after });
  });
  return { staticText, parts };
}

/** `a + b + c` → [a, b, c]. */
function plusOperands(expr: ts.Expression): ts.Expression[] {
  return chainOperands(expr, (kind) => kind === ts.SyntaxKind.PlusToken);
}

/** Statements that take no bind parameters anywhere: DDL and session settings. */
const NO_PARAMETER_STATEMENT = /^\s*(?:create|alter|drop|truncate|set|show|comment\s+on|grant|revoke|listen|notify|unlisten|vacuum|analyze|refresh|reindex|cluster)\b/i;
/** Keywords after which a name, not a value, comes (`ORDER BY` and `GROUP BY` take column expressions). */
const BEFORE_IDENTIFIER = /\b(?:from|join|into|update|table|exists|database|schema|index|view|sequence|trigger|type|only|column|references|using|to|as|by)\s*$/i;

/**
 * Where in the statement a value is spliced: inside a quoted SQL string (`'${x}'`, or a JSON path
 * within one — the author quoted a value by hand), an identifier (a table or column name — bind
 * parameters cannot stand there), a quoted identifier (`"${name}"`: the author knows it is a
 * name), a statement that takes no parameters, or an unquoted value.
 */
type Position = 'in-string' | 'value' | 'identifier' | 'quoted-identifier' | 'no-parameters';

function positionOf(part: DynamicPart, statement: string): Position {
  const before = part.before.trimEnd();
  const after = part.after;
  // DDL takes no parameter even inside its quotes (`create user x with password '${…}'`).
  if (NO_PARAMETER_STATEMENT.test(statement)) return 'no-parameters';
  if (insideSqlString(part.before)) return 'in-string';
  if ((/"$/.test(part.before) && after.startsWith('"')) || (/`$/.test(part.before) && after.startsWith('`'))) return 'quoted-identifier';
  if (BEFORE_IDENTIFIER.test(before) || before.endsWith('.') || after.startsWith('.') || COMPARED_NAME.test(after)) return 'identifier';
  return 'value';
}

/** After a column name: `${column} = ?`, `${column} IN (…)`, `${column} IS NULL`. */
const COMPARED_NAME = /^\s*(?:[=<>!]=?|<>|(?:not\s+)?(?:in|like|ilike|between)\b|is\b|@>|<@|\?\|?|->>?)/i;

/** An odd number of single quotes before the splice: it lands inside a SQL string literal. */
function insideSqlString(before: string): boolean {
  return (before.replace(/''/g, '').match(/'/g)?.length ?? 0) % 2 === 1;
}

/**
 * The first spliced value that makes the text injectable:
 * - inside a quoted SQL string, any value that is not safe (constant, numeric, escaped, generated)
 *   and not the result of the code's own helper (`range[0]` from `this.dateRange(value)`, which
 *   formats dates): quoting by hand is what a parameter should have done;
 * - in a value's or a name's place, a caller's input (a parameter of the function, the request) —
 *   but in a name's place when the call passes its values separately, the splice is the
 *   statement's structure (`${column} = ?`), so only the request counts;
 * - in DDL and SET statements, which take no parameters at all, only the request.
 * Values of the code's own (`this.columnRef`, a helper's result) are not reported: the rule says
 * nothing it cannot show.
 */
function firstInjectable(text: BuiltText, constants: Constants, bindsValues: boolean): ts.Expression | undefined {
  return text.parts.find((part) => !isSafeValue(part.expr, constants) && isInjectableAt(part.expr, positionOf(part, text.staticText), bindsValues))?.expr;
}

function isInjectableAt(value: ts.Expression, position: Position, bindsValues: boolean): boolean {
  if (isNamedAsSqlStructure(value)) return isRequestInput(value);
  switch (position) {
    case 'in-string':
      return isCallerInput(value) || !isComputedByCall(value);
    case 'value':
      return isCallerInput(value);
    case 'identifier':
      return bindsValues ? isRequestInput(value) : isCallerInput(value);
    case 'no-parameters':
      return isRequestInput(value);
    case 'quoted-identifier':
      return false;
  }
}

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

/** A sink call whose SQL text (first argument) has an injectable value spliced in. */
function injectedSql(n: ts.Node, constants: Constants): { argument: ts.Expression; value: ts.Expression; method: string } | undefined {
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return undefined;
  const method = n.expression.name.text;
  const condition = CONDITION_SINKS.has(method);
  const argument = n.arguments[0];
  if ((!SQL_SINKS.has(method) && !condition) || !argument) return undefined;
  // `const sql = `…${id}`` earlier in the same function: follow one step to the text.
  const text = builtText((ts.isIdentifier(argument) ? localInitializer(argument) : undefined) ?? argument);
  const looksLikeSql = condition || RAW_CONDITION_SINKS.has(method) ? CONDITION_TEXT : SQL_TEXT;
  if (!text || !looksLikeSql.test(text.staticText)) return undefined;
  // `query(text, [values])`, `whereRaw(text, bindings)`, TypeORM's `where(text, { id })`.
  const bindsValues = n.arguments.length > 1;
  const value = firstInjectable(text, constants, bindsValues);
  return value ? { argument, value, method } : undefined;
}

export const sqlInjection = defineFileRule({
  meta: {
    id: 'security/sql-injection',
    description: 'SQL text is built by concatenating or interpolating a value instead of passing it as a parameter.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  // Migrations and scripts (the tooling layer) run by hand on the team's own values: production files only.
  visitor({ file: node, report }) {
    const sf = node.sourceFile;
    const constants = lazyConstantsOf(sf);
    return (n) => {
      const injected = injectedSql(n, constants);
      if (!injected) return;
      report({
        range: rangeOf(injected.argument, sf),
        message: `SQL built from a string: \`${injected.value.getText(sf).slice(0, 40)}\` is put into the text passed to ${injected.method}(). Use placeholders ($1, ?, :name) and pass the values separately.`,
      });
    };
  },
});
