import { ts } from '../../ts';

/** The statement a loop is (its label included), when it stands in a list of statements new ones can join. */
export function anchorOf(statement: ts.Statement): ts.Statement | undefined {
  const anchor = ts.isLabeledStatement(statement.parent) ? statement.parent : statement;
  const parent = anchor.parent;
  return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent) ? anchor : undefined;
}

export function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return undefined;
    if (ts.isStatement(current)) return anchorOf(current);
  }
  return undefined;
}
