import { IsInt, IsISBN, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';

export class CreateBookDto {
  @IsString()
  @Length(1, 200)
  title!: string;

  @IsISBN('13')
  isbn!: string;

  @IsOptional()
  @IsInt()
  @Min(1450)
  @Max(new Date().getFullYear() + 1)
  publishedYear?: number;

  @IsInt()
  @IsPositive()
  authorId!: number;
}
