export { checkoutRouter, lastReceipt } from './checkout.ts';
