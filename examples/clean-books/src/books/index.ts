export * from './books.service';
export * from './books.module';
