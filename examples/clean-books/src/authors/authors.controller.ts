import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../common/guards/api-key.guard';
import { AuthorsService } from './authors.service';
import { CreateAuthorDto } from './dto/create-author.dto';
import { Author } from './entities/author.entity';

@Controller({ path: 'authors', version: '1' })
export class AuthorsController {
  constructor(private readonly authors: AuthorsService) {}

  @Get()
  findAll(): Promise<Author[]> {
    return this.authors.findAll();
  }

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number): Promise<Author> {
    const author = await this.authors.findById(id);
    if (!author) throw new NotFoundException(`Author ${id} not found`);
    return author;
  }

  @Post()
  @UseGuards(ApiKeyGuard)
  create(@Body() dto: CreateAuthorDto): Promise<Author> {
    return this.authors.create(dto);
  }
}
