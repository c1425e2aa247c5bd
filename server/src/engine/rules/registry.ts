import { missingValidation } from './api/missing-validation';
import { statusCode } from './api/status-code';
import { unversionedRoute } from './api/unversioned-route';
import { hardcodedConfig } from './config/hardcoded-config';
import { nPlusOne } from './data/n-plus-one';
import { godFunction } from './design/god-function';
import { swallowedError } from './errors/swallowed-error';
import { contract } from './layering/contract';
import { cycle } from './layering/cycle';
import { forbiddenDependency } from './layering/forbidden-dependency';
import { unexplainedSuppression } from './meta/unexplained-suppression';
import { ambiguousName } from './naming/ambiguous-name';
import { hardcodedSecret } from './security/hardcoded-secret';
import { sqlInjection } from './security/sql-injection';
import { registerRule, type RegisteredRule } from './types';

/** Every rule, in documentation order. Adding a rule: its module, one line here, its doc, its tests. */
export const RULES: readonly RegisteredRule[] = [
  registerRule(forbiddenDependency),
  registerRule(cycle),
  registerRule(contract),
  registerRule(swallowedError),
  registerRule(nPlusOne),
  registerRule(ambiguousName),
  registerRule(hardcodedSecret),
  registerRule(sqlInjection),
  registerRule(hardcodedConfig),
  registerRule(unversionedRoute),
  registerRule(missingValidation),
  registerRule(statusCode),
  registerRule(godFunction),
  registerRule(unexplainedSuppression),
];

export function ruleById(id: string): RegisteredRule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
