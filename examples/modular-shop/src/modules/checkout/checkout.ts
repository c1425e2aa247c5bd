import { Router } from 'express';
import { z } from 'zod';
import { cartTotal } from '../cart/index.ts';

const checkoutSchema = z.object({ lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })) });

let receipt: { totalCents: number } | undefined;

export function lastReceipt(): { totalCents: number } | undefined {
  return receipt;
}

export const checkoutRouter = Router();

checkoutRouter.post('/', (req, res) => {
  const order = checkoutSchema.parse(req.body);
  receipt = { totalCents: cartTotal(order.lines) };
  res.status(201).json(receipt);
});
