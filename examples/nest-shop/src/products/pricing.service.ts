import { Injectable } from '@nestjs/common';
import { TaxRatesRepository } from './repositories/tax-rates.repository';

@Injectable()
export class PricingService {
  constructor(private readonly taxRates: TaxRatesRepository) {}

  withTax(price: string): string {
    return (Number(price) * (1 + this.taxRates.rateFor('default'))).toFixed(2);
  }
}
