import * as path from 'node:path';
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

/** The first candidate nobody uses yet. */
export function freeName(candidates: readonly string[], taken: ReadonlySet<string>): string | undefined {
  return candidates.find((name) => !taken.has(name));
}
