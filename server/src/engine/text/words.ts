/**
 * The one English vocabulary of rules, fixes and generators: word forms and casings. Names the code
 * proposes (a batched variable, a DTO, a generated resource) must agree wherever they are made.
 */

/** users → user, categories → category, addresses → address, boxes → box; status, class, analysis stay. */
export function singularOf(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The singular of a plural (`users` → user), or undefined for a word that is no plural (`status`, `user`). */
export function singularIfPlural(word: string): string | undefined {
  const one = singularOf(word);
  return one === word ? undefined : one;
}

/** user → users, category → categories, address → addresses, box → boxes. */
export function pluralOf(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return /(?:s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`;
}

/** `Invoice` → invoice; a leading acronym as a whole: `MST` → mst, `HTTPRequest` → httpRequest. */
export function lowerFirst(name: string): string {
  const acronym = /^[A-Z]+(?=[A-Z][a-z]|$)/.exec(name)?.[0];
  if (acronym && acronym.length > 1) return acronym.toLowerCase() + name.slice(acronym.length);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `a` or `an` before a word, by its first letter: an adapter, a controller. */
export function articleOf(word: string): 'a' | 'an' {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** `invoice` → Invoice. */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `user_id` → userId: a column or key name as a JavaScript name. */
export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The words of a name, lower-cased, to read what it says: `jwtSecret` → [jwt, secret],
 * `DB_PASSWORD` → [db, password], `HTTPRequest` → [http, request]. (`wordsOf` keeps the case,
 * to write names.)
 */
export function identifierWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** `createUser` → [create, User]; `order-items` → [order, items]: the words of a name, case kept, to write names. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** `order-items`, `orderItems` → OrderItems. */
export function pascalCase(text: string): string {
  return wordsOf(text).map(upperFirst).join('');
}

/** `order-items`, `OrderItems` → orderItems. */
export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `OrderItems`, `orderItems` → order-items. */
export function kebabCase(text: string): string {
  return wordsOf(text)
    .map((word) => word.toLowerCase())
    .join('-');
}
