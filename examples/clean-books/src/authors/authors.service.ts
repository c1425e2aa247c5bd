import { ConflictException, Injectable } from '@nestjs/common';
import { AuthorsRepository } from './authors.repository';
import { CreateAuthorDto } from './dto/create-author.dto';
import { Author } from './entities/author.entity';

@Injectable()
export class AuthorsService {
  constructor(private readonly authors: AuthorsRepository) {}

  findAll(): Promise<Author[]> {
    return this.authors.findAll();
  }

  findById(id: number): Promise<Author | null> {
    return this.authors.findById(id);
  }

  async create(dto: CreateAuthorDto): Promise<Author> {
    const name = dto.name.trim();
    if (await this.authors.existsByName(name)) {
      throw new ConflictException(`Author "${name}" already exists`);
    }
    return this.authors.create({ name, bio: dto.bio ?? null, birthYear: dto.birthYear ?? null });
  }
}
