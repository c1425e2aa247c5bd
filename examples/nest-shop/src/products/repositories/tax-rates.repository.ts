import { Injectable } from '@nestjs/common';

/** VAT rates by region (kept in memory here; a real shop reads them from a table). */
@Injectable()
export class TaxRatesRepository {
  private readonly rates = new Map<string, number>([['default', 0.2]]);

  rateFor(region: string): number {
    return this.rates.get(region) ?? this.rates.get('default') ?? 0;
  }
}
