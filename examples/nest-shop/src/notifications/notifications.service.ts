import { Inject, Injectable } from '@nestjs/common';
import { MAILER, Mailer } from './mailer';

@Injectable()
export class NotificationsService {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  orderPlaced(email: string, orderId: number): Promise<void> {
    return this.mailer.send(email, 'Order received', `Your order #${orderId} is on its way.`);
  }
}
