import { UnprocessableError } from '../errors.js';
import { roundCents } from './pricing.js';

interface Coupon {
  percentOff?: number;
  amountOffCents?: number;
  minSubtotalCents?: number;
}

// TODO: move coupons to the database once marketing needs to edit them
const COUPONS: Readonly<Record<string, Coupon>> = {
  WELCOME10: { percentOff: 10 },
  SPRING5: { amountOffCents: 500, minSubtotalCents: 2500 },
  VIP20: { percentOff: 20, minSubtotalCents: 10_000 },
};

/** The discount a coupon gives on a subtotal, never more than the subtotal itself. */
export function couponDiscountCents(code: string, subtotalCents: number): number {
  const coupon = COUPONS[code];
  if (!coupon) throw new UnprocessableError(`Unknown coupon ${code}`);
  if (coupon.minSubtotalCents !== undefined && subtotalCents < coupon.minSubtotalCents) {
    throw new UnprocessableError(`Coupon ${code} requires a subtotal of at least ${coupon.minSubtotalCents} cents`);
  }
  const discount = coupon.percentOff
    ? roundCents((subtotalCents * coupon.percentOff) / 100)
    : (coupon.amountOffCents ?? 0);
  return Math.min(discount, subtotalCents);
}
