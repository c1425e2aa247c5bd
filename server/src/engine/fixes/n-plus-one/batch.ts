import type { ts } from '../../ts';

// The lookup and its batched form

/** A lookup by one field equal to a key, and how to write it for many keys at once. */
export interface Batch {
  readonly call: ts.CallExpression;
  readonly field: string;
  readonly key: ts.Expression;
  /** The query for all the keys, given the expression of the key array. */
  readonly batched: (ids: string) => string;
  /** `.rows` when the results come wrapped (pg). */
  readonly rows: string;
  /** What a missing row reads as: findOneBy and findUnique answer null, pg's rows[0] undefined. */
  readonly missing: string;
  /** What the query runs on (`this.users`, `prisma.user`, `pool`), to spot writes in the loop. */
  readonly receiver: string;
  /** A name for one result when the code gives none: the Prisma model, the table. */
  readonly noun?: string;
}

/** A lookup the ORM itself can batch. */
export interface Lookup extends Batch {
  /** TypeORM's `In`, imported from typeorm. */
  readonly needsIn: boolean;
}
