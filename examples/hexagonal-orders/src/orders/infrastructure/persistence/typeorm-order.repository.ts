import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Order, type OrderStatus } from '../../domain/order';
import type { OrderRepositoryPort } from '../../domain/order-repository.port';
import { OrderEntity } from './order.entity';

/** The persistence adapter: maps the domain's orders to rows. */
@Injectable()
export class TypeOrmOrderRepository implements OrderRepositoryPort {
  constructor(@InjectRepository(OrderEntity) private readonly rows: Repository<OrderEntity>) {}

  async save(order: Order): Promise<void> {
    await this.rows.save({ id: order.id, customerEmail: order.customerEmail, totalCents: order.totalCents, status: order.currentStatus });
  }

  async findById(id: string): Promise<Order | undefined> {
    const row = await this.rows.findOneBy({ id });
    return row ? new Order(row.id, row.customerEmail, row.totalCents, row.status as OrderStatus) : undefined;
  }
}
