import * as path from 'node:path';
import { ts } from '../../ts';
import { camelCase, pascalCase } from '../../text/words';

/** Names the generated code introduces, derived from the handler and its file. */

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
