import type { OrderEntity } from '../infrastructure/persistence/order.entity';

/** Summarizes a stored order. It reads the ORM's row type: a planted violation (the domain knows the database's shape). */
export function summarize(row: OrderEntity): string {
  return `${row.id}: ${row.totalCents / 100} (${row.status})`;
}
