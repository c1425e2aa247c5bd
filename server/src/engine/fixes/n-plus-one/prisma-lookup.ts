import { ts } from '../../ts';
import type { Lookup } from './batch';
import { optionsOf, singleCondition } from './lookup-condition';
import { flat, spliced } from './node-text';

/** `prisma.user.findUnique({ where: { id: key } })` → `prisma.user.findMany({ where: { id: { in: ids } } })`. */
export function prismaLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Lookup | undefined {
  const options = optionsOf(call.arguments[0]);
  if (call.arguments.length !== 1 || !options || [...options.keys()].some((name) => name !== 'where' && name !== 'include')) return undefined;
  const condition = singleCondition(options.get('where')?.initializer);
  const model = callee.expression;
  if (!condition || !ts.isPropertyAccessExpression(model)) return undefined;
  const batched = (ids: string): string =>
    spliced(call, [
      [callee.name, 'findMany'],
      [condition.property, `${condition.field}: { in: ${ids} }`],
    ]);
  return { call, field: condition.field, key: condition.key, batched, rows: '', missing: ' ?? null', receiver: flat(model), noun: model.name.text, needsIn: false };
}
