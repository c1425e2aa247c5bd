import type { CreateOrderDto } from '../dto/create-order.dto.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Order, OrderStatus } from '../models/order.js';
import { OrderRepository } from '../repositories/order.repository.js';
import { priceOrder } from './pricing.js';
import { UserService } from './user.service.js';

const CANCELLABLE: ReadonlySet<OrderStatus> = new Set(['pending', 'paid']);

export class OrderService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly users: UserService,
  ) {}

  async getById(id: number): Promise<Order> {
    const order = await this.orders.findById(id);
    if (!order) throw new NotFoundError('Order', id);
    return order;
  }

  async place(input: CreateOrderDto): Promise<Order> {
    await this.users.getById(input.userId);
    const { totalCents } = priceOrder(input.items, input.couponCode);
    return this.orders.insert({ userId: input.userId, items: input.items, totalCents });
  }

  async cancel(id: number): Promise<Order> {
    const order = await this.getById(id);
    if (!CANCELLABLE.has(order.status)) {
      throw new ConflictError(`Order ${id} is ${order.status} and can no longer be cancelled`);
    }
    return this.orders.updateStatus(id, 'cancelled');
  }
}
