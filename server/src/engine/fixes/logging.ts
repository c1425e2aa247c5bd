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

/**
 * `logger.error(message, error)` written the way the file already calls its logger: a structured
 * logger that takes fields (`logger.error('failed', { error, id })`) gets `{ error }`, one that takes
 * them first (pino: `logger.error({ err }, 'failed')`) gets them first; `console` and loggers the
 * file never calls with fields get the error as the second argument.
 */
export function errorLogCall(logger: string, message: string, error: string, sourceFile: ts.SourceFile): string {
  const shape = callShapeOf(logger, sourceFile);
  const fields = error === 'error' ? '{ error }' : `{ error: ${error} }`;
  if (shape === 'fields-second') return `${logger}.error(${message}, ${fields})`;
  if (shape === 'fields-first') return `${logger}.error(${fields}, ${message})`;
  return `${logger}.error(${message}, ${error})`;
}

function callShapeOf(logger: string, sourceFile: ts.SourceFile): 'fields-second' | 'fields-first' | 'plain' {
  if (logger === 'console') return 'plain';
  let shape: 'fields-second' | 'fields-first' | 'plain' = 'plain';
  const visit = (n: ts.Node): void => {
    if (shape !== 'plain') return;
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      /^(?:error|warn|info|debug|log)$/.test(n.expression.name.text) &&
      n.expression.expression.getText(sourceFile) === logger
    ) {
      const [first, second] = n.arguments;
      if (second && ts.isObjectLiteralExpression(second)) shape = 'fields-second';
      else if (first && ts.isObjectLiteralExpression(first)) shape = 'fields-first';
    }
    ts.forEachChild(n, visit);
  };
  visit(sourceFile);
  return shape;
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
