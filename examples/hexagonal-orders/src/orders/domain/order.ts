export type OrderStatus = 'placed' | 'cancelled';

/** An order and the rules about it: no framework, no database. */
export class Order {
  constructor(
    readonly id: string,
    readonly customerEmail: string,
    readonly totalCents: number,
    private status: OrderStatus = 'placed',
  ) {
    if (totalCents <= 0) throw new Error('an order costs something');
  }

  get currentStatus(): OrderStatus {
    return this.status;
  }

  cancel(): void {
    if (this.status === 'cancelled') throw new Error(`order ${this.id} is already cancelled`);
    this.status = 'cancelled';
  }
}
