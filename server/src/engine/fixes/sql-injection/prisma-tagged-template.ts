import type { FileNode } from '../../graph/types';
import { constantsOf } from '../../rules/security/sql-injection';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import type { FixContext } from '../types';
import { ensure } from './not-parameterizable';
import { Parameterizer } from './parameterizer';
import { charIn, valueText } from './query-text';
import type { SinkCall } from './sink-call';
import { piecesOf } from './sql-pieces';

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
