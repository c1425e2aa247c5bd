import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../errors.js';

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'NotFound', message: `No route for ${req.method} ${req.path}` });
};

export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.name, message: err.message, details: err.details });
    return;
  }
  console.error(`Unhandled error on ${req.method} ${req.originalUrl}`, err);
  res.status(500).json({ error: 'InternalServerError', message: 'Something went wrong' });
};
