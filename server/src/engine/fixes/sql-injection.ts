import type { FixProvider } from './types';

/** security/sql-injection: parameterize the query (placeholders for the driver in use plus the values). */
export const sqlInjectionFixes: FixProvider = () => [];
