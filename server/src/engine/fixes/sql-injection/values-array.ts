import { constantsOf } from '../../rules/security/sql-injection';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { insertAt, replaceNode } from '../text';
import type { FixContext } from '../types';
import { dialectOf } from './driver-dialect';
import { ensureSameAtCall, localSql } from './local-sql-variable';
import { ensure } from './not-parameterizable';
import { Parameterizer } from './parameterizer';
import { fileQuote, placeholdersOf, sqlText, valueText } from './query-text';
import type { SinkCall } from './sink-call';
import { piecesOf } from './sql-pieces';

// Drivers taking a values array.

export function boundEdits(context: FixContext, call: SinkCall): TextEdit[] {
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
    ensure(
      second.elements.every((e) => !ts.isSpreadElement(e) && !ts.isOmittedExpression(e)),
      'values of unknown count',
    );
    const last = second.elements.at(-1);
    return { count: second.elements.length, edit: (values) => (last ? insertAt(file, last.getEnd(), `, ${values}`) : insertAt(file, second.getStart(sf) + 1, values)) };
  }
  ensure(ts.isArrowFunction(second) || ts.isFunctionExpression(second), 'values passed in a way the fix cannot extend');
  return { count: 0, edit: (values) => insertAt(file, second.getStart(sf), `[${values}], `) };
}
