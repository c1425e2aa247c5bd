import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PricingService } from './pricing.service';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { ProductsRepository } from './repositories';

@Module({
  imports: [TypeOrmModule.forFeature([Product])],
  controllers: [ProductsController],
  providers: [ProductsRepository, PricingService],
})
export class ProductsModule {}
