import type { NextFunction, Request, Response } from 'express';
import { db } from '../db.js';
import type { CreateOrderDto } from '../dto/create-order.dto.js';
import type { UserOrdersQuery } from '../dto/params.dto.js';
import { OrderRepository } from '../repositories/order.repository.js';
import { OrderService } from '../services/order.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export class OrderController {
  constructor(private readonly orders: OrderService) {}

  create = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const order = await this.orders.place(req.body as CreateOrderDto);
      res.status(201).location(`/api/orders/${order.id}`).json(order);
    } catch (err) {
      next(err);
    }
  };

  getById = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.json(await this.orders.getById(Number(req.params.id)));
    } catch (err) {
      next(err);
    }
  };

  // Back-office dashboard: everything from the last 24 hours, newest first.
  listRecent = async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const rows = await db('orders')
        .select('id', 'user_id', 'status', 'total_cents', 'created_at')
        .where('created_at', '>=', new Date(Date.now() - DAY_MS))
        .orderBy('created_at', 'desc')
        .limit(100);
      res.json(rows);
    } catch (err) {
      next(err);
    }
  };

  listForUser = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const { userId, limit } = req.query as unknown as UserOrdersQuery;
      const repo = new OrderRepository(db);
      res.json(await repo.findByUser(userId, limit));
    } catch (err) {
      next(err);
    }
  };

  cancel = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.json(await this.orders.cancel(Number(req.params.id)));
    } catch (err) {
      next(err);
    }
  };
}
