import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { Lookup } from './batch';
import { ormLookup } from './orm-lookup';

/** `findById(id: number) { return this.repo.findOneBy({ id }); }`: one ORM lookup by its one parameter. */
export interface Delegation {
  readonly lookup: Lookup;
  readonly param: ts.ParameterDeclaration;
  readonly statement: ts.ReturnStatement;
  readonly awaited: boolean;
}

export function delegatedLookup(repository: FileNode, method: ts.MethodDeclaration): Delegation | undefined {
  const [param] = method.parameters;
  const [statement] = method.body?.statements ?? [];
  if (method.parameters.length !== 1 || !param || !ts.isIdentifier(param.name) || param.questionToken || param.initializer) return undefined;
  if (method.body?.statements.length !== 1 || !statement || !ts.isReturnStatement(statement) || !statement.expression) return undefined;
  const returned = ts.isAwaitExpression(statement.expression) ? statement.expression.expression : statement.expression;
  const lookup = ts.isCallExpression(returned) ? ormLookup(returned, repository) : undefined;
  const byParam = lookup && !lookup.rows && ts.isIdentifier(lookup.key) && lookup.key.text === param.name.text;
  return byParam ? { lookup, param, statement, awaited: returned !== statement.expression } : undefined;
}
