import type { FixProvider } from '../types';
import { NotParameterizable, sinkCall } from './sink';
import { PRISMA_TAGGED, prismaEdits, boundEdits } from './edits';

/**
 * security/sql-injection: the values spliced into the SQL text become bind parameters — `$1…`
 * for node-postgres, postgres.js and TypeORM on Postgres, `?` for mysql/mysql2, TypeORM on
 * MySQL/SQLite and knex — passed in the values array; Prisma's `$queryRawUnsafe` becomes the
 * `$queryRaw` tagged template, which binds its interpolations. A value quoted in the SQL loses
 * its quotes with it (`'%${q}%'` binds `%${q}%`). Offered only when the driver and a value
 * position for every spliced part are certain; a bound value is typed by the driver rather than
 * read as SQL text, so the fix is never applied without review.
 */
export const sqlInjectionFixes: FixProvider = (context) => {
  const call = sinkCall(context.target);
  if (!call) return [];
  try {
    const edits = PRISMA_TAGGED.has(call.expression.name.text) ? prismaEdits(context, call) : boundEdits(context, call);
    return [{ id: 'parameterize', title: 'Parameterize query', safe: false, preferred: true, edits }];
  } catch (error) {
    if (error instanceof NotParameterizable) return [];
    throw error;
  }
};
