import { priceOf } from '../catalog/index.ts';
import { MARKUP } from '../catalog/internal/markup.ts';

export interface CartLine {
  readonly sku: string;
  readonly quantity: number;
}

/** Totals a cart through the catalog's public API. The markup import reaches into its internals: a planted violation. */
export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + (priceOf(line.sku) ?? 0) * line.quantity, 0);
}

export function markupShown(): string {
  return `prices include a ${Math.round((MARKUP - 1) * 100)}% markup`;
}
