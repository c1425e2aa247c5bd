import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('orders')
export class OrderEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column() customerEmail!: string;
  @Column('int') totalCents!: number;
  @Column() status!: string;
}
