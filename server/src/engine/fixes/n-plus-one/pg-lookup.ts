import { ts } from '../../ts';
import type { Lookup } from './batch';
import { flat, spliced } from './node-text';
import { singularIfPlural, snakeToCamel } from '../../text/words';

/** `SELECT <columns> FROM <table> WHERE <column> = $1`, and nothing else. */
const SINGLE_ROW_SQL = /^\s*SELECT\s+([\w\s,*]+?)\s+FROM\s+([A-Za-z_]\w*)\s+WHERE\s+([A-Za-z_]\w*)\s*=\s*\$1\s*;?\s*$/i;

/** `pool.query('SELECT * FROM users WHERE id = $1', [key])` → `pool.query('… WHERE id = ANY($1)', [ids])`. */
export function pgLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Lookup | undefined {
  const [sql, values] = call.arguments;
  if (call.arguments.length !== 2 || !sql || !isPlainString(sql) || !values || !ts.isArrayLiteralExpression(values) || values.elements.length !== 1) return undefined;
  const match = SINGLE_ROW_SQL.exec(sql.text);
  const key = values.elements[0];
  const column = match?.[3];
  // Unquoted names reach the rows in lower case: the column must be written that way to be read back.
  if (!match || !key || ts.isSpreadElement(key) || !column || !/^[a-z_][a-z0-9_]*$/.test(column) || !selects(match[1] ?? '', column)) return undefined;
  const anySql = sql.getText().replace(/=\s*\$1/, '= ANY($1)');
  const batched = (ids: string): string =>
    spliced(call, [
      [sql, anySql],
      [values, `[${ids}]`],
    ]);
  return { call, field: column, key, batched, rows: '.rows', missing: '', receiver: flat(callee.expression), noun: singularIfPlural(snakeToCamel((match[2] ?? '').toLowerCase())), needsIn: false };
}

function isPlainString(node: ts.Expression): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return false;
  // Escapes would make the written text differ from the SQL: keep to literals written as they read.
  return node.getText().slice(1, -1) === node.text;
}

function selects(columns: string, column: string): boolean {
  return columns.split(',').some((c) => c.trim() === '*' || c.trim() === column);
}
