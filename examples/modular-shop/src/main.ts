import express from 'express';
import { cartRouter } from './modules/cart/index.ts';
import { catalogRouter } from './modules/catalog/index.ts';
import { checkoutRouter } from './modules/checkout/index.ts';

const app = express();
app.use(express.json());
app.use('/v1/catalog', catalogRouter);
app.use('/v1/cart', cartRouter);
app.use('/v1/checkout', checkoutRouter);
app.listen(Number(process.env.PORT ?? 3000));
