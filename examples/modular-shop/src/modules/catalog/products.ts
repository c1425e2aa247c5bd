import { applyMarkup } from './internal/markup.ts';

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly baseCents: number;
}

const PRODUCTS: readonly Product[] = [
  { sku: 'tea', name: 'Green tea', baseCents: 450 },
  { sku: 'mug', name: 'Mug', baseCents: 900 },
];

export function listProducts(): readonly Product[] {
  return PRODUCTS;
}

export function priceOf(sku: string): number | undefined {
  const product = PRODUCTS.find((p) => p.sku === sku);
  return product ? applyMarkup(product.baseCents) : undefined;
}
