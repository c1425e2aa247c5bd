import { Router } from 'express';
import { z } from 'zod';
import { cartTotal } from './cart.ts';
import { lastReceipt } from '../checkout/index.ts';

const cartSchema = z.object({ lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })) });

export const cartRouter = Router();

/** Prices a cart. Showing the last receipt makes cart depend on checkout, which depends on cart: a planted cycle. */
cartRouter.post('/total', (req, res) => {
  const cart = cartSchema.parse(req.body);
  res.json({ totalCents: cartTotal(cart.lines), lastReceipt: lastReceipt() });
});
