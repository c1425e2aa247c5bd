import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { Lookup } from './batch';
import { pgLookup } from './pg-lookup';
import { prismaLookup } from './prisma-lookup';
import { typeormLookup } from './typeorm-lookup';

export function ormLookup(call: ts.CallExpression, node: FileNode): Lookup | undefined {
  if (!ts.isPropertyAccessExpression(call.expression)) return undefined;
  switch (call.expression.name.text) {
    case 'findOneBy':
    case 'findOne':
      return typeormLookup(call, call.expression, node);
    case 'findUnique':
      return prismaLookup(call, call.expression);
    case 'query':
      return pgLookup(call, call.expression);
    default:
      return undefined;
  }
}
