import { ts } from '../../ts';
import { singularIfPlural } from '../../text/words';

/** `this.usersRepository` / `this.users` → `user`; `dataSource.getRepository(User)` → `user`. */
export function receiverNoun(receiver: ts.Expression): string | undefined {
  const entity = ts.isCallExpression(receiver) ? receiver.arguments[0] : undefined;
  if (entity) return ts.isIdentifier(entity) ? entity.text.charAt(0).toLowerCase() + entity.text.slice(1) : undefined;
  if (!ts.isPropertyAccessExpression(receiver)) return undefined;
  const name = receiver.name.text.replace(/Repo(?:sitory)?$/, '');
  return singularIfPlural(name) ?? (name === receiver.name.text ? undefined : name);
}
