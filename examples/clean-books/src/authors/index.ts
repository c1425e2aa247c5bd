export * from './authors.service';
export * from './authors.module';
