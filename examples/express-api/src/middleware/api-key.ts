import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { env } from '../config/env.js';

const partnerKeys = new Set(env.PARTNER_API_KEYS.split(',').filter((key) => key.length > 0));

/** Partners' systems place orders with an API key we issue them (the `x-api-key` header). */
export function requireApiKey(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = req.header('x-api-key');
    if (key === undefined || !partnerKeys.has(key)) {
      res.status(401).json({ error: 'Unauthorized' });
      return;
    }
    next();
  };
}
