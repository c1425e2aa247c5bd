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
  const kebabOne = singular(kebab);
  const Plural = pascal(kebab);
  const One = pascal(kebabOne);
  return { kebab, kebabOne, Plural, plural: camel(Plural), One, one: camel(One) === camel(Plural) ? `${camel(One)}Item` : camel(One) };
}

function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(?:ss|sh|ch|x)es$/.test(word)) return word.replace(/es$/, '');
  return /[^s]s$/.test(word) ? word.slice(0, -1) : word;
}

function pascal(kebab: string): string {
  return kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
