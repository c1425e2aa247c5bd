import { renameFixes } from './rename';
import { routeThroughServiceFixes } from './route-through-service';
import { statusCodeFixes } from './status-code';
import { unversionedRouteFixes } from './unversioned-route';
import { swallowedErrorFixes } from './swallowed-error';
import { missingValidationFixes } from './missing-validation';
import { moveToConfigFixes } from './move-to-config';
import { nPlusOneFixes } from './n-plus-one';
import { sqlInjectionFixes } from './sql-injection';
import type { FixProvider } from './types';

/** Fix providers by rule id. A rule's `meta.fixable` says whether it has one (a test checks). */
export const FIX_PROVIDERS: ReadonlyMap<string, FixProvider> = new Map<string, FixProvider>([
  ['layering/forbidden-dependency', routeThroughServiceFixes],
  ['errors/swallowed-error', swallowedErrorFixes],
  ['naming/ambiguous-name', renameFixes],
  ['api/unversioned-route', unversionedRouteFixes],
  ['api/status-code', statusCodeFixes],
  ['security/hardcoded-secret', moveToConfigFixes],
  ['config/hardcoded-config', moveToConfigFixes],
  ['security/sql-injection', sqlInjectionFixes],
  ['data/n-plus-one', nPlusOneFixes],
  ['api/missing-validation', missingValidationFixes],
]);
