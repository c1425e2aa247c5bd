import type { Order } from './order';

/** The outbound port for orders: the domain says what it needs, an adapter provides it. */
export const ORDER_REPOSITORY = Symbol('ORDER_REPOSITORY');

export interface OrderRepositoryPort {
  save(order: Order): Promise<void>;
  findById(id: string): Promise<Order | undefined>;
}
