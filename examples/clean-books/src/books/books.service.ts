import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthorsService } from '@app/authors';
import { BooksRepository } from './books.repository';
import { CreateBookDto } from './dto/create-book.dto';
import { Book } from './entities/book.entity';

@Injectable()
export class BooksService {
  constructor(
    private readonly books: BooksRepository,
    private readonly authors: AuthorsService,
  ) {}

  findById(id: number): Promise<Book | null> {
    return this.books.findById(id);
  }

  async findByAuthor(authorId: number): Promise<Book[]> {
    const author = await this.authors.findById(authorId);
    if (!author) throw new NotFoundException(`Author ${authorId} not found`);
    return this.books.findByAuthor(authorId);
  }

  async create(dto: CreateBookDto): Promise<Book> {
    const author = await this.authors.findById(dto.authorId);
    if (!author) throw new NotFoundException(`Author ${dto.authorId} not found`);

    // Stored without separators so "978-0-13-468599-1" and "9780134685991" collide.
    const isbn = dto.isbn.replace(/[-\s]/g, '');
    if (await this.books.findByIsbn(isbn)) {
      throw new ConflictException(`A book with ISBN ${isbn} already exists`);
    }
    return this.books.create({ title: dto.title, isbn, publishedYear: dto.publishedYear ?? null, author });
  }
}
