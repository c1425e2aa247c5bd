import type { Knex } from 'knex';
import type { NewOrder, Order, OrderItem, OrderStatus } from '../models/order.js';
import { UserService } from '../services/user.service.js';
import { UserRepository } from './user.repository.js';

interface OrderRow {
  id: number;
  user_id: number;
  status: OrderStatus;
  items: OrderItem[];
  total_cents: number;
  created_at: Date;
}

const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  userId: row.user_id,
  status: row.status,
  items: row.items,
  totalCents: row.total_cents,
  createdAt: row.created_at,
});

export class OrderRepository {
  private readonly users: UserService;

  constructor(private readonly db: Knex) {
    this.users = new UserService(new UserRepository(db));
  }

  async findById(id: number): Promise<Order | undefined> {
    const row = await this.db<OrderRow>('orders').where({ id }).first();
    return row && toOrder(row);
  }

  async findByUser(userId: number, limit = 50): Promise<Order[]> {
    const rows = await this.db<OrderRow>('orders')
      .where({ user_id: userId })
      .orderBy('created_at', 'desc')
      .limit(limit);
    return rows.map(toOrder);
  }

  async insert(order: NewOrder): Promise<Order> {
    // Suspended accounts keep their order history but cannot place new orders.
    await this.users.assertActive(order.userId);

    const [row] = await this.db('orders')
      .insert({
        user_id: order.userId,
        status: 'pending',
        // pg would send a JS array as a Postgres array, the column is jsonb
        items: JSON.stringify(order.items),
        total_cents: order.totalCents,
      })
      .returning<OrderRow[]>('*');
    return toOrder(row);
  }

  async updateStatus(id: number, status: OrderStatus): Promise<Order> {
    const [row] = await this.db('orders').where({ id }).update({ status }).returning<OrderRow[]>('*');
    return toOrder(row);
  }
}
