import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { ProductsRepository } from '@app/products/repositories';

@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsRepository) {}

  @Get()
  list() {
    return this.products.findInStock();
  }

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number) {
    const product = await this.products.findById(id);
    if (!product) throw new NotFoundException(`Product ${id} not found`);
    return product;
  }
}
