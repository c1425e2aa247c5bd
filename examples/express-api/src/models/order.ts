export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'cancelled';

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: number;
  userId: number;
  status: OrderStatus;
  items: OrderItem[];
  totalCents: number;
  createdAt: Date;
}

export interface NewOrder {
  userId: number;
  items: OrderItem[];
  totalCents: number;
}
