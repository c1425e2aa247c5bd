import { Project } from 'ts-morph';
import { ts } from '../ts';
import { enclosing, isNameFreeIn } from '../rules/syntax';
import { isMemberName } from '../member-names';
import type { Fix, TextEdit } from '../types';
import { suggestName } from '../text/name-suggestion';
import type { FileNode } from '../graph/types';
import type { FixProvider } from './types';

/**
 * naming/ambiguous-name: rename to a name derived from the type or the initializer, at every
 * reference. Only declarations whose references all live in this file (not exported) are
 * renamed, and only to a name the file does not use yet, so the rename cannot capture or miss one.
 */
export const renameFixes: FixProvider = (context) => {
  const fix = ts.isIdentifier(context.target) ? renameToSuggestion(context.node, context.target) : undefined;
  return fix ? [fix] : [];
};

/**
 * Renames a declared name to what its type or initializer says it holds, at every reference in
 * the file; undefined when there is no better name, it is exported or a class's own, or the new
 * name is already written in the declaring function. Also the lightbulb's rename refactor.
 */
export function renameToSuggestion(node: FileNode, identifier: ts.Identifier): Fix | undefined {
  if (isExported(identifier) || isClassMember(identifier)) return undefined;
  const suggestion = suggestName(identifier);
  if (!suggestion || suggestion === identifier.text || !isFreeName(scopeOf(identifier, node.sourceFile), suggestion, identifier)) return undefined;
  const edits = renameLocations(node.file, node.text, identifier.getStart(node.sourceFile), suggestion);
  if (edits.length === 0) return undefined;
  return { id: `rename:${suggestion}`, title: `Rename to ${suggestion}`, safe: true, preferred: true, edits } satisfies Fix;
}

/** `constructor(private data: …)` declares a member too: renaming it renames the class's surface. */
function isClassMember(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return ts.isParameter(parent) && ts.isParameterPropertyDeclaration(parent, parent.parent);
}

function isExported(identifier: ts.Identifier): boolean {
  let declaration: ts.Node = identifier.parent;
  if (ts.isVariableDeclaration(declaration)) declaration = declaration.parent.parent;
  return ts.canHaveModifiers(declaration) && (ts.getModifiers(declaration) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * Where the renamed name lives and is used: a local's or a parameter's function, else the file. A
 * name another method of the class uses for its own local (`user` in every method of a users
 * service) does not stop the rename: it cannot be reached from here.
 */
function scopeOf(identifier: ts.Identifier, sourceFile: ts.SourceFile): ts.Node {
  return enclosing(identifier, ts.isFunctionLike) ?? sourceFile;
}

/**
 * The name appears nowhere in the scope, so the rename cannot shadow or capture one. Member
 * names (`this.users`, `{ users: … }`, `users()` methods) are no bindings; a constructor's
 * parameter property is one only inside that constructor.
 */
function isFreeName(scope: ts.Node, name: string, renamed: ts.Identifier): boolean {
  return isNameFreeIn(scope, name, (id) => isMemberName(id) || isPropertyParameterElsewhere(id, renamed));
}

/** `constructor(private users: …)`: outside that constructor, `users` is reached as `this.users`, a member. */
function isPropertyParameterElsewhere(identifier: ts.Identifier, renamed: ts.Identifier): boolean {
  const parent = identifier.parent;
  return ts.isParameter(parent) && ts.isParameterPropertyDeclaration(parent, parent.parent) && !isWithin(renamed, parent.parent);
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** The language service's rename over this one file (in memory, no lib): its locations as edits. */
function renameLocations(file: string, text: string, position: number, newName: string): TextEdit[] {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noResolve: true } });
  project.createSourceFile(file, text, { overwrite: true });
  const locations = project.getLanguageService().compilerObject.findRenameLocations(file, position, false, false, { providePrefixAndSuffixTextForRename: true }) ?? [];
  return locations
    .filter((l) => l.fileName === file)
    .map((l) => ({ file, range: { start: l.textSpan.start, end: l.textSpan.start + l.textSpan.length }, newText: `${l.prefixText ?? ''}${newName}${l.suffixText ?? ''}` }));
}
