import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PricingService } from './pricing.service';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { ProductsRepository } from './repositories';
import { TaxRatesRepository } from './repositories/tax-rates.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Product])],
  controllers: [ProductsController],
  providers: [ProductsRepository, TaxRatesRepository, PricingService],
})
export class ProductsModule {}
