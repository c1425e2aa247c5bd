/** The catalog's public API: what other modules may use. */
export { priceOf, type Product } from './products.ts';
export { catalogRouter } from './catalog.routes.ts';
