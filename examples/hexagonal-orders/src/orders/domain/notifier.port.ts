export const ORDER_NOTIFIER = Symbol('ORDER_NOTIFIER');

export interface OrderNotifierPort {
  orderPlaced(email: string, orderId: string): Promise<void>;
}
