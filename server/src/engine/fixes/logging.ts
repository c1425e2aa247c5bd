import { enclosing } from '../rules/syntax';
import { ts } from '../ts';

/**
 * How the code around a node logs: `this.logger` when its class has a logger, an imported
 * `logger`/`log` binding, else `console`.
 */
export function loggerFor(node: ts.Node, sourceFile: ts.SourceFile): string {
  const cls = enclosing(node, ts.isClassLike);
  if (cls && classHasLogger(cls)) return 'this.logger';
  const imported = sourceFile.statements.some((s) => ts.isImportDeclaration(s) && importsName(s, /^logger$/));
  return imported ? 'logger' : 'console';
}

/** The name of the function holding a node, for log messages: `createOrder`, else `operation`. */
export function enclosingFunctionName(node: ts.Node): string {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current)) continue;
    const name = current.name ?? (ts.isVariableDeclaration(current.parent) ? current.parent.name : undefined);
    if (name && (ts.isIdentifier(name) || ts.isPrivateIdentifier(name))) return name.text;
  }
  return 'operation';
}

function classHasLogger(cls: ts.ClassLikeDeclaration): boolean {
  return cls.members.some((m) => {
    if (ts.isPropertyDeclaration(m) && m.name.getText() === 'logger') return true;
    return ts.isConstructorDeclaration(m) && m.parameters.some((p) => p.name.getText() === 'logger' && ts.getModifiers(p) !== undefined);
  });
}

function importsName(declaration: ts.ImportDeclaration, name: RegExp): boolean {
  const bindings = declaration.importClause;
  if (!bindings) return false;
  if (bindings.name && name.test(bindings.name.text)) return true;
  const named = bindings.namedBindings;
  return named !== undefined && ts.isNamedImports(named) && named.elements.some((e) => name.test(e.name.text));
}
