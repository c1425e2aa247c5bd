import { isNameFreeIn } from '../../rules/syntax';
import { ts } from '../../ts';
import type { Iteration } from './iteration';
import type { Use } from './result-use';
import { pluralOf, snakeToCamel, upperFirst } from '../../text/words';

// Names

/** The names the fix declares: the keys, the map, one row. */
export interface Names {
  readonly ids: string;
  readonly map: string;
  readonly row: string;
  /** The keys are the elements themselves: the array is passed as is. */
  readonly elementsAreKeys: boolean;
}

export function namesFor(iteration: Iteration, use: Use, field: string, key: ts.Expression, fallbackNoun: string | undefined): Names | undefined {
  const noun = [use.holder, use.label, keyNoun(key), fallbackNoun].find((n) => n !== undefined && /^[a-z][A-Za-z0-9]*$/.test(n) && !isKeyword(n));
  if (!noun) return undefined;
  const fieldName = upperFirst(snakeToCamel(field));
  const elementsAreKeys = ts.isIdentifier(key) && ts.isIdentifier(iteration.element) && iteration.element.text === key.text;
  const ids = elementsAreKeys ? iteration.items.text : `${noun}${fieldName}s`;
  const names = { ids, map: `${pluralOf(noun)}By${fieldName}`, row: noun, elementsAreKeys };
  const declared = elementsAreKeys ? [names.map] : [names.ids, names.map];
  return declared.every((name) => isFreeAt(iteration.anchor, name)) ? names : undefined;
}

/** `order.userId` → `user`. */
function keyNoun(key: ts.Expression): string | undefined {
  const name = ts.isIdentifier(key) ? key.text : ts.isPropertyAccessExpression(key) ? key.name.text : '';
  const noun = /^(.+?)(?:Id|_id|ID)$/.exec(name)?.[1];
  return noun ? snakeToCamel(noun) : undefined;
}

function isKeyword(name: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, name);
  const token = scanner.scan();
  return token >= ts.SyntaxKind.FirstReservedWord && token <= ts.SyntaxKind.LastReservedWord;
}

/** The name is not used in the statements the declarations join: declaring it hides and clashes with nothing. */
export function isFreeAt(anchor: ts.Statement, name: string): boolean {
  return isNameFreeIn(anchor.parent, name);
}
