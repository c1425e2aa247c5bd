export * from './products.repository';
