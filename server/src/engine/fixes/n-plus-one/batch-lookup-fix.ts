import type { Fix } from '../../types';
import type { FixContext } from '../types';
import type { Lookup } from './batch';
import type { Iteration } from './iteration';
import { loopEdits } from './loop-edits';
import { inImportEdits } from './typeorm-in-import';

// Fix: the ORM's batched lookup

export function batchLookupFix(context: FixContext, iteration: Iteration, lookup: Lookup): Fix | undefined {
  const { node } = context;
  const loop = loopEdits(node, iteration, lookup);
  const imports = lookup.needsIn ? inImportEdits(node) : [];
  if (!loop || !imports) return undefined;
  const method = lookup.needsIn ? 'findBy + In' : lookup.rows ? '= ANY($1)' : 'findMany';
  return { id: 'batch-lookup', title: `Load all in one query (${method})`, safe: false, preferred: true, edits: [...imports, ...loop.edits] };
}
