import { Injectable } from '@nestjs/common';

const VAT = 0.2;

@Injectable()
export class PricingService {
  withTax(price: string): string {
    return (Number(price) * (1 + VAT)).toFixed(2);
  }
}
