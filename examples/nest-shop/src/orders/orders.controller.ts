import { Body, Controller, Get, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiKeyGuard } from '../common/guards/api-key.guard';
import { CreateOrderDto } from './dto/create-order.dto';
import { Order } from './order.entity';
import { OrdersService } from './orders.service';

@Controller('orders')
@UseGuards(ApiKeyGuard)
export class OrdersController {
  constructor(
    private readonly ordersService: OrdersService,
    @InjectRepository(Order) private readonly orderRepository: Repository<Order>,
  ) {}

  @Post()
  place(@Body() dto: CreateOrderDto) {
    return this.ordersService.place(dto);
  }

  @Get('latest/:userId')
  latest(@Param('userId', ParseIntPipe) userId: number) {
    return this.orderRepository.findOne({ where: { userId }, order: { createdAt: 'DESC' } });
  }
}
