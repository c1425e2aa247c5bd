import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { eolOf, indentUnitOf, insertAt, usesSemicolons } from '../text';

/** How a file writes code, so generated lines look like the user's. */
export interface CodeStyle {
  readonly quote: string;
  /** `;`, or '' in files written without semicolons. */
  readonly semi: string;
  readonly eol: string;
  readonly unit: string;
}

export function styleOf(node: FileNode): CodeStyle {
  const sf = node.sourceFile;
  const literal = firstModuleSpecifier(sf);
  const quote = literal ? sf.text.charAt(literal.getStart(sf)) : "'";
  return { quote: quote === '"' ? '"' : "'", semi: usesSemicolons(sf) ? ';' : '', eol: eolOf(node.text), unit: indentUnitOf(node.text) };
}

function firstModuleSpecifier(sf: ts.SourceFile): ts.StringLiteral | undefined {
  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) return statement.moduleSpecifier;
    const required = requiredModule(statement);
    if (required) return required;
  }
  return undefined;
}

/** `const x = require('m')`, `const { a } = require('m')`, `require('m')`: the module literal. */
function requiredModule(statement: ts.Statement): ts.StringLiteral | undefined {
  let expression: ts.Expression | undefined;
  if (ts.isVariableStatement(statement)) expression = statement.declarationList.declarations[0]?.initializer;
  else if (ts.isExpressionStatement(statement)) expression = statement.expression;
  if (!expression || !ts.isCallExpression(expression) || !ts.isIdentifier(expression.expression) || expression.expression.text !== 'require') return undefined;
  const [specifier] = expression.arguments;
  return specifier && ts.isStringLiteral(specifier) ? specifier : undefined;
}

/** CommonJS: a JavaScript file that requires its modules and has no import declaration. */
export function isCommonJs(node: FileNode, isJavaScript: boolean): boolean {
  const statements = node.sourceFile.statements;
  return isJavaScript && !statements.some(ts.isImportDeclaration) && statements.some((s) => requiredModule(s) !== undefined);
}

/**
 * Adds a line after the file's last import (or top-level require), at the end of its line so a
 * trailing comment stays where it is; at the top when there is none.
 */
export function addImportLine(node: FileNode, line: string): TextEdit {
  const sf = node.sourceFile;
  const eol = eolOf(node.text);
  const last = [...sf.statements].reverse().find((s) => ts.isImportDeclaration(s) || requiredModule(s) !== undefined);
  if (!last) return insertAt(node.file, directivesEnd(node), `${line}${eol}`);
  const lineEnd = node.text.indexOf('\n', last.getEnd());
  const at = lineEnd < 0 ? node.text.length : node.text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  return insertAt(node.file, at, `${eol}${line}`);
}

/** After a leading `'use strict'`, which must stay first. */
function directivesEnd(node: FileNode): number {
  const [first] = node.sourceFile.statements;
  if (!first || !ts.isExpressionStatement(first) || !ts.isStringLiteral(first.expression)) return 0;
  const lineEnd = node.text.indexOf('\n', first.getEnd());
  return lineEnd < 0 ? node.text.length : lineEnd + 1;
}
