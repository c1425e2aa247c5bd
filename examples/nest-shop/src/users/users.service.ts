import { Injectable, NotFoundException } from '@nestjs/common';
import { OrdersService } from '../orders/orders.service';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly orders: OrdersService,
  ) {}

  async getActiveUser(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user || !user.active) throw new NotFoundException(`User ${id} not found`);
    return user;
  }

  async orderCount(id: number): Promise<number> {
    const history = await this.orders.historyFor(id);
    return history.length;
  }
}
