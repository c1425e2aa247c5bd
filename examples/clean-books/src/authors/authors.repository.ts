import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Author } from './entities/author.entity';

@Injectable()
export class AuthorsRepository {
  constructor(@InjectRepository(Author) private readonly repo: Repository<Author>) {}

  findById(id: number): Promise<Author | null> {
    return this.repo.findOneBy({ id });
  }

  findAll(): Promise<Author[]> {
    return this.repo.find({ order: { name: 'ASC' } });
  }

  existsByName(name: string): Promise<boolean> {
    return this.repo.existsBy({ name });
  }

  create(fields: Pick<Author, 'name' | 'bio' | 'birthYear'>): Promise<Author> {
    return this.repo.save(this.repo.create(fields));
  }
}
