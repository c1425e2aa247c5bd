import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Book } from './entities/book.entity';

@Injectable()
export class BooksRepository {
  constructor(@InjectRepository(Book) private readonly repo: Repository<Book>) {}

  findById(id: number): Promise<Book | null> {
    return this.repo.findOneBy({ id });
  }

  findByIsbn(isbn: string): Promise<Book | null> {
    return this.repo.findOneBy({ isbn });
  }

  findByAuthor(authorId: number): Promise<Book[]> {
    return this.repo.find({
      where: { authorId },
      order: { publishedYear: 'DESC', title: 'ASC' },
    });
  }

  create(fields: Pick<Book, 'title' | 'isbn' | 'publishedYear' | 'author'>): Promise<Book> {
    return this.repo.save(this.repo.create(fields));
  }
}
