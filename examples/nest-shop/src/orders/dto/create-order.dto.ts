import { IsArray, IsInt, IsPositive } from 'class-validator';

export class CreateOrderDto {
  @IsInt()
  @IsPositive()
  userId!: number;

  @IsArray()
  @IsInt({ each: true })
  productIds!: number[];
}
