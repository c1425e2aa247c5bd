/** The catalog's pricing policy: internal, other modules ask the catalog for prices. */
export const MARKUP = 1.2;

export function applyMarkup(cents: number): number {
  return Math.round(cents * MARKUP);
}
