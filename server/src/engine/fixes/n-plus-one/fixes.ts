import type { Fix } from '../../types';
import type { FixContext } from '../types';
import { type Lookup, type Batch, delegatedLookup, injectedClass, flat, receiverNoun } from './lookup';
import type { Iteration } from './iteration';
import { loopEdits, inImportEdits, batchedMethodText } from './edits';
import { ts } from '../../ts';
import { insertAt } from '../text';
import { snakeToCamel, upperFirst } from '../../text/words';

// Stage 5: the two fixes, a batched query inline or through a new batched method of the app's data layer.

// Fix: the ORM's batched lookup

export function batchLookupFix(context: FixContext, iteration: Iteration, lookup: Lookup): Fix | undefined {
  const { node } = context;
  const loop = loopEdits(node, iteration, lookup);
  const imports = lookup.needsIn ? inImportEdits(node) : [];
  if (!loop || !imports) return undefined;
  const method = lookup.needsIn ? 'findBy + In' : lookup.rows ? '= ANY($1)' : 'findMany';
  return { id: 'batch-lookup', title: `Load all in one query (${method})`, safe: false, preferred: true, edits: [...imports, ...loop.edits] };
}

// Fix: a batched method on the workspace's own repository

/**
 * `this.usersRepository.findById(order.userId)` where UsersRepository's findById is one ORM
 * lookup: add `findByIds` next to it and load all the rows through it.
 */
export function batchedMethodFix(context: FixContext, iteration: Iteration, call: ts.CallExpression): Fix | undefined {
  const { node, graph } = context;
  const callee = call.expression;
  const [key] = call.arguments;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isPropertyAccessExpression(callee.expression) || callee.expression.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const repository = injectedClass(graph, node, callee.expression);
  const method = repository?.declaration.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText() === callee.name.text && !!m.body);
  const delegated = repository && method && delegatedLookup(repository.file, method);
  if (!repository || !method || !delegated || !key || call.arguments.length !== 1) return undefined;
  const name = `findBy${upperFirst(snakeToCamel(delegated.lookup.field))}s`;
  if (repository.declaration.members.some((m) => m.name?.getText() === name)) return undefined;
  const receiver = callee.expression.getText();
  const noun = receiverNoun(callee.expression) ?? delegated.lookup.noun;
  const batch: Batch = {
    field: delegated.lookup.field,
    key,
    call,
    receiver: flat(callee.expression),
    rows: '',
    missing: delegated.lookup.missing,
    batched: (ids) => `${receiver}.${name}(${ids})`,
    ...(noun ? { noun } : {}),
  };
  const loop = loopEdits(node, iteration, batch);
  const methodText = batchedMethodText(repository.file, method, delegated, name);
  const imports = delegated.lookup.needsIn ? inImportEdits(repository.file) : [];
  if (!loop || methodText === undefined || !imports) return undefined;
  const className = repository.declaration.name?.text ?? 'the repository';
  return { id: 'add-batched-method', title: `Add a batched ${name} to ${className}`, safe: false, edits: [...imports, insertAt(repository.file.file, method.getEnd(), methodText), ...loop.edits] };
}
