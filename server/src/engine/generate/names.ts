import { lowerFirst, pascalCase, singularOf } from '../text/words';

/** The spellings of a resource's name: `order-items` → `OrderItems`, `orderItem`, `OrderItem`… */
export interface ResourceNames {
  /** As in URLs and file names: `order-items`. */
  readonly kebab: string;
  /** One item, for files holding one: `order-item`. */
  readonly kebabOne: string;
  readonly Plural: string;
  readonly plural: string;
  readonly One: string;
  readonly one: string;
}

export function resourceNames(name: string): ResourceNames | undefined {
  const kebab = name.trim().toLowerCase();
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(kebab)) return undefined;
  const kebabOne = singularOf(kebab);
  const Plural = pascalCase(kebab);
  const One = pascalCase(kebabOne);
  return { kebab, kebabOne, Plural, plural: lowerFirst(Plural), One, one: lowerFirst(One) === lowerFirst(Plural) ? `${lowerFirst(One)}Item` : lowerFirst(One) };
}
