import * as path from 'node:path';
import { ts } from '../../ts';

/** Names the generated code introduces, derived from the handler and its file. */

/** `createUser` → [create, User]; `order-items` → [order, items]. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

export function pascalCase(text: string): string {
  return wordsOf(text).map(capitalized).join('');
}

export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

export function kebabCase(text: string): string {
  return wordsOf(text).map((word) => word.toLowerCase()).join('-');
}

/** users → user, categories → category, addresses → address; status and class stay. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word)) return word;
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * What a controller or router file is about: `UsersController` → Users, `orders.routes.ts` →
 * Orders, `users/index.ts` → Users.
 */
export function resourceOf(className: string | undefined, file: string): string {
  const fromClass = className?.replace(/(?:Controller|Router|Routes|Handlers?|Resource)$/, '');
  if (fromClass) return pascalCase(fromClass);
  const base = path.posix.basename(file).split('.')[0] ?? '';
  return pascalCase(base === 'index' ? path.posix.basename(path.posix.dirname(file)) : base);
}

/** `create` + User → createUser; `createUser` + User stays createUser. */
export function withResource(action: string, resource: string): string {
  if (resource === '' || action.toLowerCase().includes(resource.toLowerCase())) return camelCase(action);
  return camelCase(`${action} ${resource}`);
}

/** `x.body`, `{ body: 1 }`: a property's name, which no variable can clash with. */
function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name === id;
  return (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p)) && p.name === id;
}

/** The variable names written in a subtree, to keep new names from capturing or shadowing them. */
export function identifiersIn(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && !isPropertyName(n)) names.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/** The first candidate nobody uses yet. */
export function freeName(candidates: readonly string[], taken: ReadonlySet<string>): string | undefined {
  return candidates.find((name) => !taken.has(name));
}
