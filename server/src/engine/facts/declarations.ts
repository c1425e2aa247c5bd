import { ts } from '../ts';
import type { DeclarationKind, FileFacts, LocalExport } from './types';

export interface DeclarationFacts {
  readonly declarations: Map<string, DeclarationKind>;
  readonly localExports: Map<string, LocalExport>;
  readonly stringConstants: Map<string, string>;
  readonly constantListSizes: Map<string, number>;
  readonly isBarrel: boolean;
}

/** The local names a file exports (its own declarations, and the imports it hands on under their names). */
export function exportedLocalNames(facts: Pick<FileFacts, 'localExports'>): Set<string> {
  return new Set([...facts.localExports.values()].map((e) => e.local));
}

/** Top-level declarations and exports (ES and CommonJS) of one file. */
export function collectDeclarations(sf: ts.SourceFile): DeclarationFacts {
  const declarations = new Map<string, DeclarationKind>();
  const localExports = new Map<string, LocalExport>();
  const stringConstants = new Map<string, string>();
  const constantListSizes = new Map<string, number>();
  let onlyModuleStatements = sf.statements.length > 0;

  for (const statement of sf.statements) {
    if (!isModuleStatement(statement)) onlyModuleStatements = false;
    for (const [name, kind] of declaredNames(statement)) declarations.set(name, kind);
    if (isExported(statement)) {
      for (const [name] of declaredNames(statement)) localExports.set(name, { local: name });
      if (isDefaultExported(statement)) {
        const name = (statement as ts.ClassDeclaration | ts.FunctionDeclaration).name?.text;
        localExports.set('default', { local: name ?? '*default*' });
      }
    }
    collectExportStatement(statement, localExports);
    collectCommonJsExport(statement, localExports);
    collectStringConstants(statement, stringConstants);
    collectListSizes(statement, constantListSizes);
  }
  return { declarations, localExports, stringConstants, constantListSizes, isBarrel: onlyModuleStatements && hasReExport(sf) };
}

function declaredNames(statement: ts.Statement): [string, DeclarationKind][] {
  if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
    return [[statement.name.text, 'value']];
  }
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return [[statement.name.text, 'type']];
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return [[statement.name.text, 'value']];
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations
      .filter((d) => !isRequireInitializer(d.initializer))
      .flatMap((d) => bindingNames(d.name))
      .map((n) => [n, 'value']);
  }
  return [];
}

/** `const x = require('x')` binds an import, it does not declare anything of this file. */
function isRequireInitializer(init: ts.Expression | undefined): boolean {
  const call = init && ts.isPropertyAccessExpression(init) ? init.expression : init;
  return !!call && ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'require';
}

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

function modifierKinds(statement: ts.Statement): ts.SyntaxKind[] {
  return ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []).map((m) => m.kind) : [];
}

function isExported(statement: ts.Statement): boolean {
  return modifierKinds(statement).includes(ts.SyntaxKind.ExportKeyword);
}

function isDefaultExported(statement: ts.Statement): boolean {
  const kinds = modifierKinds(statement);
  return kinds.includes(ts.SyntaxKind.ExportKeyword) && kinds.includes(ts.SyntaxKind.DefaultKeyword);
}

function collectExportStatement(statement: ts.Statement, out: Map<string, LocalExport>): void {
  if (ts.isExportAssignment(statement)) {
    const local = ts.isIdentifier(statement.expression) ? statement.expression.text : '*default*';
    out.set(statement.isExportEquals ? '=' : 'default', { local });
    if (statement.isExportEquals) out.set('default', { local });
  } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
    for (const el of statement.exportClause.elements) out.set(el.name.text, { local: (el.propertyName ?? el.name).text });
  }
}

/** `module.exports = X`, `module.exports = { A, B }`, `exports.A = A`, `module.exports.A = A`. */
function collectCommonJsExport(statement: ts.Statement, out: Map<string, LocalExport>): void {
  if (!ts.isExpressionStatement(statement)) return;
  const expr = statement.expression;
  if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expr.left.getText();
  const value = expr.right;
  if (target === 'module.exports') {
    collectModuleExportsAssignment(value, out);
    return;
  }
  const named = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(target);
  if (named?.[1]) out.set(named[1], { local: ts.isIdentifier(value) ? value.text : `*${named[1]}` });
}

/** `module.exports = X` is the default export; `module.exports = { A, B: b }` also names A and B. */
function collectModuleExportsAssignment(value: ts.Expression, out: Map<string, LocalExport>): void {
  out.set('default', { local: ts.isIdentifier(value) ? value.text : '*default*' });
  if (!ts.isObjectLiteralExpression(value)) return;
  for (const prop of value.properties) collectObjectLiteralExport(prop, out);
}

function collectObjectLiteralExport(prop: ts.ObjectLiteralElementLike, out: Map<string, LocalExport>): void {
  if (ts.isShorthandPropertyAssignment(prop)) out.set(prop.name.text, { local: prop.name.text });
  else if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name)) {
    out.set(prop.name.text, { local: ts.isIdentifier(prop.initializer) ? prop.initializer.text : `*${prop.name.text}` });
  }
}

function isModuleStatement(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) return true;
  if (ts.isExportDeclaration(statement)) return true;
  return ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression);
}

function hasReExport(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => ts.isExportDeclaration(s));
}

/** `const X = 'a'` → X; `enum E { A = 'a' }` and `const E = { A: 'a' } as const` → E.A. */
function collectStringConstants(statement: ts.Statement, out: Map<string, string>): void {
  if (ts.isEnumDeclaration(statement)) collectEnumMembers(statement, out);
  else if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) collectConstant(d.name.text, d.initializer, out);
  }
}

function collectEnumMembers(declaration: ts.EnumDeclaration, out: Map<string, string>): void {
  for (const member of declaration.members) {
    const value = member.initializer && ts.isStringLiteralLike(member.initializer) ? member.initializer.text : undefined;
    if (ts.isIdentifier(member.name) && value !== undefined) out.set(`${declaration.name.text}.${member.name.text}`, value);
  }
}

function collectConstant(name: string, initializer: ts.Expression, out: Map<string, string>): void {
  const init = ts.isAsExpression(initializer) || ts.isSatisfiesExpression(initializer) ? initializer.expression : initializer;
  if (ts.isStringLiteralLike(init)) out.set(name, init.text);
  if (!ts.isObjectLiteralExpression(init)) return;
  for (const p of init.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && ts.isStringLiteralLike(p.initializer)) out.set(`${name}.${p.name.text}`, p.initializer.text);
  }
}

/** `const X = [a, b]` → 2; `const X = { a, b }` and `enum X { A, B }` → their member counts. */
function collectListSizes(statement: ts.Statement, out: Map<string, number>): void {
  if (ts.isEnumDeclaration(statement)) {
    out.set(statement.name.text, statement.members.length);
    return;
  }
  if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) return;
  for (const d of statement.declarationList.declarations) {
    if (!ts.isIdentifier(d.name) || !d.initializer) continue;
    const init = ts.isAsExpression(d.initializer) || ts.isSatisfiesExpression(d.initializer) ? d.initializer.expression : d.initializer;
    if (ts.isArrayLiteralExpression(init)) out.set(d.name.text, init.elements.length);
    else if (ts.isObjectLiteralExpression(init)) out.set(d.name.text, init.properties.length);
  }
}
