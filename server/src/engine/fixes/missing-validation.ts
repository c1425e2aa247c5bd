import type { FixProvider } from './types';

/** api/missing-validation: validate at the entry (zod schema, or a Nest DTO with class-validator). */
export const missingValidationFixes: FixProvider = () => [];
