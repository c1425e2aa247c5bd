import type { OrderItem } from '../models/order.js';
import { couponDiscountCents } from './discounts.js';

export interface PriceBreakdown {
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
}

export function roundCents(amount: number): number {
  return Math.round(amount);
}

export function subtotalCents(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);
}

export function priceOrder(items: readonly OrderItem[], couponCode?: string): PriceBreakdown {
  const subtotal = subtotalCents(items);
  const discount = couponCode ? couponDiscountCents(couponCode, subtotal) : 0;
  return {
    subtotalCents: subtotal,
    discountCents: discount,
    totalCents: Math.max(0, subtotal - discount),
  };
}
