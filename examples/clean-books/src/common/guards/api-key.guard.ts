import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** Protects write endpoints with the shared key from the API_KEY environment variable. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const expected = process.env.API_KEY;
    if (!expected) {
      // Fail closed: a missing key must not leave the write endpoints open.
      throw new UnauthorizedException('API key authentication is not configured');
    }

    const provided = context.switchToHttp().getRequest<Request>().header('x-api-key');
    if (!provided || !safeEqual(provided, expected)) {
      throw new UnauthorizedException('Invalid API key');
    }
    return true;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
