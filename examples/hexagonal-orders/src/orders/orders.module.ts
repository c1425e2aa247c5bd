import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CancelOrderUseCase } from './application/cancel-order.use-case';
import { PlaceOrderUseCase } from './application/place-order.use-case';
import { ORDER_NOTIFIER } from './domain/notifier.port';
import { ORDER_REPOSITORY } from './domain/order-repository.port';
import { OrdersController } from './infrastructure/http/orders.controller';
import { ConsoleNotifier } from './infrastructure/mail/console-notifier';
import { OrderEntity } from './infrastructure/persistence/order.entity';
import { TypeOrmOrderRepository } from './infrastructure/persistence/typeorm-order.repository';

/** The composition of the hexagon: ports bound to adapters. */
@Module({
  imports: [TypeOrmModule.forFeature([OrderEntity])],
  controllers: [OrdersController],
  providers: [
    PlaceOrderUseCase,
    CancelOrderUseCase,
    TypeOrmOrderRepository,
    { provide: ORDER_REPOSITORY, useExisting: TypeOrmOrderRepository },
    { provide: ORDER_NOTIFIER, useClass: ConsoleNotifier },
  ],
})
export class OrdersModule {}
