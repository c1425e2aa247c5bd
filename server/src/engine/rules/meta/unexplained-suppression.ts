import { z } from 'zod';
import { defineRule } from '../types';

const options = z.object({}).strict();

/**
 * Suppressions are part of the code review: each says which rule it silences and why. One
 * without a reason, or naming no rule, or an unknown rule, is reported (it still applies).
 */
export const unexplainedSuppression = defineRule({
  meta: {
    id: 'meta/unexplained-suppression',
    description: 'A layerguard-ignore comment names no rule, an unknown rule, or gives no reason after "--".',
    defaultSeverity: 'warning',
    fixable: false,
  },
  options,
  check(context) {
    for (const suppression of context.suppressions) {
      const unknown = suppression.ruleIds.filter((id) => !context.knownRuleIds.has(id));
      let problem: string | undefined;
      if (suppression.ruleIds.length === 0) problem = 'names no rule: it would silence every rule';
      else if (unknown.length > 0) problem = `names an unknown rule (${unknown.join(', ')})`;
      else if (suppression.reason === '') problem = 'gives no reason';
      if (!problem) continue;
      context.report({
        file: suppression.file,
        range: suppression.range,
        message: `This suppression ${problem}. Write it as "// layerguard-ignore-${suppression.scope} <rule-id> -- <why this is fine>".`,
      });
    }
  },
});
