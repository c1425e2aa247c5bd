import { Router } from 'express';
import type { UserController } from '../controllers/user.controller.js';
import { createUserSchema } from '../dto/create-user.dto.js';
import { idParamSchema } from '../dto/params.dto.js';
import { validate } from '../middleware/validate.js';

export function userRoutes(controller: UserController): Router {
  const router = Router();

  router.get('/', controller.list);
  router.post('/', validate(createUserSchema), controller.create);
  router.get('/:id', validate(idParamSchema, 'params'), controller.getById);
  router.post('/:id/suspend', validate(idParamSchema, 'params'), controller.suspend);

  return router;
}
