import { Injectable, NotFoundException } from '@nestjs/common';
import { TypeOrmOrderRepository } from '../infrastructure/persistence/typeorm-order.repository';

/** Cancels an order. It takes the TypeORM adapter itself instead of the port: a planted violation. */
@Injectable()
export class CancelOrderUseCase {
  constructor(private readonly orders: TypeOrmOrderRepository) {}

  async execute(id: string): Promise<void> {
    const order = await this.orders.findById(id);
    if (!order) throw new NotFoundException(`order ${id} not found`);
    order.cancel();
    await this.orders.save(order);
  }
}
