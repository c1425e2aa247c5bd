import { Router } from 'express';
import { listProducts } from './products.ts';

export const catalogRouter = Router();

catalogRouter.get('/products', (_req, res) => {
  res.json(listProducts());
});
