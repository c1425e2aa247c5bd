import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Order } from '../domain/order';
import { ORDER_NOTIFIER, OrderNotifierPort } from '../domain/notifier.port';
import { ORDER_REPOSITORY, OrderRepositoryPort } from '../domain/order-repository.port';

/** Places an order through the ports; which database or mailer stands behind them is the module's choice. */
@Injectable()
export class PlaceOrderUseCase {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepositoryPort,
    @Inject(ORDER_NOTIFIER) private readonly notifier: OrderNotifierPort,
  ) {}

  async execute(customerEmail: string, totalCents: number): Promise<Order> {
    const order = new Order(randomUUID(), customerEmail, totalCents);
    await this.orders.save(order);
    await this.notifier.orderPlaced(customerEmail, order.id);
    return order;
  }
}
