/**
 * The single entry to the TypeScript compiler API: the copy ts-morph ships, so the engine and the
 * fixes (which use ts-morph) agree on one version. The graph needs syntax and module resolution
 * only: nothing in the engine builds a `Program` or asks the type checker (it costs 2x-12x).
 */
import { ts } from 'ts-morph';

export { ts };
