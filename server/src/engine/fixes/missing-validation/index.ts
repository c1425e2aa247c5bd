import { enclosing } from '../../rules/syntax';
import { ts } from '../../ts';
import { inputDecorator, nestFixes } from './nest';
import { zodFixes } from './zod';
import type { FixProvider } from '../types';

/**
 * api/missing-validation: validate at the entry — a zod schema parsed at the top of an
 * Express/Fastify/Koa handler, or a class-validator DTO for a NestJS `@Body()` / `@Query()`.
 * Both infer field types from how the handler uses each field, so neither is applied unreviewed;
 * when the handler uses the input whole (passes it on, spreads it) there is nothing to infer from.
 */
export const missingValidationFixes: FixProvider = (context) => {
  const { target } = context;
  const param = ts.isParameter(target) ? target : enclosing(target, ts.isParameter);
  const decorator = param && inputDecorator(param);
  if (param && decorator) return nestFixes(context, param, decorator);
  return ts.isPropertyAccessExpression(target) ? zodFixes(context, target) : [];
};
