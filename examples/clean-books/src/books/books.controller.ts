import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../common/guards/api-key.guard';
import { BooksService } from './books.service';
import { CreateBookDto } from './dto/create-book.dto';
import { Book } from './entities/book.entity';

@Controller({ path: 'books', version: '1' })
export class BooksController {
  constructor(private readonly books: BooksService) {}

  @Get()
  findByAuthor(@Query('authorId', ParseIntPipe) authorId: number): Promise<Book[]> {
    return this.books.findByAuthor(authorId);
  }

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<Book> {
    const book = await this.books.findById(id);
    if (!book) throw new NotFoundException(`Book ${id} not found`);
    return book;
  }

  @Post()
  @UseGuards(ApiKeyGuard)
  create(@Body() dto: CreateBookDto): Promise<Book> {
    return this.books.create(dto);
  }
}
