import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Author } from '../../authors/entities/author.entity';

@Entity({ name: 'books' })
export class Book {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ length: 200 })
  title!: string;

  @Column({ length: 13, unique: true })
  isbn!: string;

  @Column({ name: 'published_year', type: 'int', nullable: true })
  publishedYear!: number | null;

  @ManyToOne(() => Author, { nullable: false, onDelete: 'RESTRICT', eager: true })
  @JoinColumn({ name: 'author_id' })
  author!: Author;

  @Column({ name: 'author_id' })
  authorId!: number;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
