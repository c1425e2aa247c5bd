import { z } from 'zod';

export const idParamSchema = z.object({
  id: z.coerce.number().int().positive(),
});

export const userOrdersQuerySchema = z.object({
  userId: z.coerce.number().int().positive(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type UserOrdersQuery = z.infer<typeof userOrdersQuerySchema>;
