import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'authors' })
export class Author {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 120, unique: true })
  name!: string;

  @Column({ type: 'text', nullable: true })
  bio!: string | null;

  @Column({ name: 'birth_year', type: 'int', nullable: true })
  birthYear!: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
