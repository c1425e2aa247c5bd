import { Injectable, Logger } from '@nestjs/common';
import type { OrderNotifierPort } from '../../domain/notifier.port';

/** A notifier adapter that logs instead of sending mail. */
@Injectable()
export class ConsoleNotifier implements OrderNotifierPort {
  private readonly logger = new Logger(ConsoleNotifier.name);

  async orderPlaced(email: string, orderId: string): Promise<void> {
    this.logger.log(`order ${orderId} placed for ${email}`);
  }
}
