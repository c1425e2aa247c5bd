import { ts } from '../../ts';
import type { Fix } from '../../types';
import type { FixProvider } from '../types';
import { batchLookupFix, batchedMethodFix } from './fixes';
import { iterationOf } from './iteration';
import { ormLookup } from './lookup';

/**
 * data/n-plus-one: a lookup by one key per element becomes one query for all the keys before the
 * loop, and the loop reads its row from a Map. Offered only where that keeps what each iteration
 * sees: the key comes from the element alone, the result is read (not changed, not reassigned),
 * and nothing in the loop writes through the same repository.
 */
export const nPlusOneFixes: FixProvider = (context) => {
  const call = context.target;
  if (!ts.isCallExpression(call)) return [];
  const iteration = iterationOf(call);
  if (!iteration) return [];
  const lookup = ormLookup(call, context.node);
  if (lookup) return optional(batchLookupFix(context, iteration, lookup));
  return optional(batchedMethodFix(context, iteration, call));
};

function optional(fix: Fix | undefined): Fix[] {
  return fix ? [fix] : [];
}
