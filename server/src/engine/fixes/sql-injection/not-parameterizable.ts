/** Thrown where parameterizing could change what the query means: the fix is not offered. */
export class NotParameterizable extends Error {}

export function ensure(condition: boolean, why: string): asserts condition {
  if (!condition) throw new NotParameterizable(why);
}
