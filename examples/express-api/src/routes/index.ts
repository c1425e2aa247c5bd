import { Router } from 'express';
import type { OrderController } from '../controllers/order.controller.js';
import type { UserController } from '../controllers/user.controller.js';
import { requireApiKey } from '../middleware/api-key.js';
import { orderRoutes } from './orders.routes.js';
import { userRoutes } from './users.routes.js';

export interface Controllers {
  users: UserController;
  orders: OrderController;
}

export function apiRouter({ users, orders }: Controllers): Router {
  const router = Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use('/users', userRoutes(users));
  router.use('/orders', requireApiKey(), orderRoutes(orders));

  return router;
}
