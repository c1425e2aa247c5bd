export { cartRouter } from './cart.routes.ts';
export { cartTotal, type CartLine } from './cart.ts';
