import { z } from 'zod';

export const orderItemSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.number().int().min(1).max(100),
  unitPriceCents: z.number().int().nonnegative(),
});

export const createOrderSchema = z.object({
  userId: z.number().int().positive(),
  items: z.array(orderItemSchema).min(1, 'An order needs at least one item').max(50),
  couponCode: z.string().trim().toUpperCase().optional(),
});

export type CreateOrderDto = z.infer<typeof createOrderSchema>;
