import { renameFixes } from './rename';
import { statusCodeFixes } from './status-code';
import { unversionedRouteFixes } from './unversioned-route';
import { swallowedErrorFixes } from './swallowed-error';
import type { FixProvider } from './types';

/** Fix providers by rule id. A rule's `meta.fixable` says whether it has one (a test checks). */
export const FIX_PROVIDERS: ReadonlyMap<string, FixProvider> = new Map<string, FixProvider>([
  ['errors/swallowed-error', swallowedErrorFixes],
  ['naming/ambiguous-name', renameFixes],
  ['api/unversioned-route', unversionedRouteFixes],
  ['api/status-code', statusCodeFixes],
]);
