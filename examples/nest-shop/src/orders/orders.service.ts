import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UsersService } from '../users/users.service';
import { CreateOrderDto } from './dto/create-order.dto';
import { Order } from './order.entity';

@Injectable()
export class OrdersService {
  constructor(
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @Inject(forwardRef(() => UsersService)) private readonly users: UsersService,
  ) {}

  async place(dto: CreateOrderDto): Promise<Order> {
    await this.users.getActiveUser(dto.userId);
    return this.orders.save(this.orders.create({ userId: dto.userId, total: '0' }));
  }

  historyFor(userId: number): Promise<Order[]> {
    return this.orders.find({ where: { userId }, order: { createdAt: 'DESC' } });
  }
}
