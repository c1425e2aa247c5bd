import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CancelOrderUseCase } from '../../application/cancel-order.use-case';
import { PlaceOrderUseCase } from '../../application/place-order.use-case';
import { PlaceOrderDto } from './place-order.dto';

/** The inbound HTTP adapter: it drives the use cases and knows nothing of the database. */
@Controller('v1/orders')
export class OrdersController {
  constructor(
    private readonly placeOrder: PlaceOrderUseCase,
    private readonly cancelOrder: CancelOrderUseCase,
  ) {}

  @Post()
  async place(@Body() body: PlaceOrderDto): Promise<{ id: string }> {
    const order = await this.placeOrder.execute(body.customerEmail, body.totalCents);
    return { id: order.id };
  }

  @Post(':id/cancel')
  @HttpCode(204)
  async cancel(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.cancelOrder.execute(id);
  }
}
