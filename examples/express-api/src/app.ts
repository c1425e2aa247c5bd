import express, { type Express } from 'express';
import { OrderController } from './controllers/order.controller.js';
import { UserController } from './controllers/user.controller.js';
import { db } from './db.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { OrderRepository } from './repositories/order.repository.js';
import { UserRepository } from './repositories/user.repository.js';
import { apiRouter } from './routes/index.js';
import { OrderService } from './services/order.service.js';
import { UserService } from './services/user.service.js';

export function createApp(): Express {
  const userRepository = new UserRepository(db);
  const orderRepository = new OrderRepository(db);

  const userService = new UserService(userRepository);
  const orderService = new OrderService(orderRepository, userService);

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  app.use(
    '/api',
    apiRouter({
      users: new UserController(userService),
      orders: new OrderController(orderService),
    }),
  );

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
