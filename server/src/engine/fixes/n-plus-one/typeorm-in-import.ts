import type { FileNode } from '../../graph/types';
import { walk } from '../../rules/syntax';
import { ts } from '../../ts';
import type { TextEdit } from '../../types';
import { eolOf, insertAt } from '../text';

// TypeORM's In

/** Imports `In` from typeorm, joining an existing import; undefined when the name is taken. */
export function inImportEdits(node: FileNode): TextEdit[] | undefined {
  const imports = node.sourceFile.statements.filter(ts.isImportDeclaration);
  const typeorm = imports.filter((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === 'typeorm');
  if (typeorm.some((i) => importsIn(i))) return [];
  let taken = false;
  walk(node.sourceFile, (n) => {
    if (ts.isIdentifier(n) && n.text === 'In') taken = true;
    return !taken;
  });
  const last = imports[imports.length - 1];
  if (taken || !last) return undefined;
  const joinable = typeorm.find((i) => !i.importClause?.isTypeOnly && i.importClause?.namedBindings && ts.isNamedImports(i.importClause.namedBindings));
  const named = joinable?.importClause?.namedBindings;
  const lastName = named && ts.isNamedImports(named) ? named.elements[named.elements.length - 1] : undefined;
  if (lastName) return [insertAt(node.file, lastName.getEnd(), ', In')];
  const quote = last.moduleSpecifier.getText().charAt(0);
  const semicolon = last.getText().endsWith(';') ? ';' : '';
  return [insertAt(node.file, last.getEnd(), `${eolOf(node.text)}import { In } from ${quote}typeorm${quote}${semicolon}`)];
}

function importsIn(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  const named = clause?.namedBindings;
  if (!clause || clause.isTypeOnly || !named || !ts.isNamedImports(named)) return false;
  return named.elements.some((e) => !e.isTypeOnly && e.name.text === 'In' && (!e.propertyName || e.propertyName.getText() === 'In'));
}
