import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { PricingService } from '../pricing.service';
import { Product } from '../product.entity';

@Injectable()
export class ProductsRepository {
  constructor(
    @InjectRepository(Product) private readonly repo: Repository<Product>,
    private readonly pricing: PricingService,
  ) {}

  async findInStock(): Promise<Product[]> {
    const products = await this.repo.find({ where: { stock: MoreThan(0) } });
    return products.map((p) => ({ ...p, basePrice: this.pricing.withTax(p.basePrice) }));
  }

  findById(id: number): Promise<Product | null> {
    return this.repo.findOneBy({ id });
  }
}
