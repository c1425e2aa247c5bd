import { constantsOf } from '../../rules/security/sql-injection';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { insertAt, replaceNode } from '../text';
import type { FixContext } from '../types';
import { dialectOf } from './dialect';
import { ensureSameAtCall, localSql, fileQuote, placeholdersOf, sqlText, valueText, piecesOf, charIn } from './text';
import { ensure, type SinkCall } from './sink';
import { Parameterizer } from './rewrite';
import type { FileNode } from '../../graph/types';

// Stage 5: the edits: a values array for the driver, or Prisma's tagged template.

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

// Prisma: the unsafe call becomes the tagged template, which binds its interpolations.

export const PRISMA_TAGGED: ReadonlyMap<string, string> = new Map([
  ['$queryRawUnsafe', '$queryRaw'],
  ['$executeRawUnsafe', '$executeRaw'],
]);

export function prismaEdits(context: FixContext, call: SinkCall): TextEdit[] {
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
