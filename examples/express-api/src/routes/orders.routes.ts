import { Router } from 'express';
import type { OrderController } from '../controllers/order.controller.js';
import { createOrderSchema } from '../dto/create-order.dto.js';
import { idParamSchema, userOrdersQuerySchema } from '../dto/params.dto.js';
import { validate } from '../middleware/validate.js';

export function orderRoutes(controller: OrderController): Router {
  const router = Router();

  // Registered before '/:id' so "recent" is not taken for an id.
  router.get('/recent', controller.listRecent);
  router.get('/', validate(userOrdersQuerySchema, 'query'), controller.listForUser);
  router.post('/', validate(createOrderSchema), controller.create);
  router.get('/:id', validate(idParamSchema, 'params'), controller.getById);
  router.post('/:id/cancel', validate(idParamSchema, 'params'), controller.cancel);

  return router;
}
