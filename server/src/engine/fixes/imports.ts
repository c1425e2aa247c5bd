import * as path from 'node:path';
import { Node, type SourceFile } from 'ts-morph';

/**
 * The specifier that imports `to` from `from`, as people write it: `./users.service`, without an
 * extension unless the importing file writes its relative imports with `.js` (ES modules under
 * `node16`/`nodenext` resolution, where an import without it does not resolve).
 */
export function relativeSpecifier(from: string, to: string, extension: RelativeExtension = ''): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.(?:d\.)?[cm]?[jt]sx?$/, '');
  return `${relative.startsWith('.') ? relative : `./${relative}`}${extension}`;
}

export type RelativeExtension = '' | '.js';

/** `.js` when most of a file's relative imports end with it, else ''. */
export function relativeExtensionOf(text: string): RelativeExtension {
  const relative = [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.\.?\/[^'"]*)['"]/g)].map((m) => m[1] ?? '');
  const withJs = relative.filter((s) => s.endsWith('.js')).length;
  return withJs > 0 && withJs * 2 >= relative.length ? '.js' : '';
}

/** A specifier written in `from` (a package, or relative to it), as `to` must write it (keeping a `.js` it had). */
export function specifierFor(specifier: string, from: string, to: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relativeSpecifier(to, path.posix.resolve(path.posix.dirname(from), specifier), specifier.endsWith('.js') ? '.js' : '');
}

/** Imports `name` from `file` unless the source file already has a binding of that name. */
export function ensureNamedImport(sourceFile: SourceFile, name: string, file: string): void {
  if (importedNames(sourceFile).has(name)) return;
  sourceFile.addImportDeclaration({ namedImports: [name], moduleSpecifier: relativeSpecifier(sourceFile.getFilePath(), file, relativeExtensionOf(sourceFile.getFullText())) });
}

/** The local names a file's imports bind (default and named, aliases by their alias). */
export function importedNames(sourceFile: SourceFile): Set<string> {
  const names = new Set<string>();
  for (const declaration of sourceFile.getImportDeclarations()) {
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) names.add(defaultImport.getText());
    for (const named of declaration.getNamedImports()) names.add((named.getAliasNode() ?? named.getNameNode()).getText());
  }
  return names;
}

/** Removes the named imports among `names` that nothing in the file refers to any more. */
export function removeUnusedImports(sourceFile: SourceFile, names: ReadonlySet<string>): void {
  const used = usedIdentifiers(sourceFile);
  for (const declaration of sourceFile.getImportDeclarations()) {
    for (const named of declaration.getNamedImports()) {
      const local = (named.getAliasNode() ?? named.getNameNode()).getText();
      if (names.has(local) && !used.has(local)) named.remove();
    }
    if (declaration.wasForgotten()) continue;
    if (declaration.getNamedImports().length === 0 && !declaration.getDefaultImport() && !declaration.getNamespaceImport() && declaration.getImportClause()) declaration.remove();
  }
}

/** Identifiers used outside import declarations. */
function usedIdentifiers(sourceFile: SourceFile): Set<string> {
  const used = new Set<string>();
  // A value returned from the callback ends the whole walk (`traversal.skip()` returns one): skip, then return nothing.
  sourceFile.forEachDescendant((node, traversal) => {
    if (Node.isImportDeclaration(node)) traversal.skip();
    else if (Node.isIdentifier(node)) used.add(node.getText());
    return undefined;
  });
  return used;
}

/** Where a name imported in `sourceFile` comes from, to import it again elsewhere. */
export function importOf(sourceFile: SourceFile, name: string): { readonly specifier: string; readonly named: boolean; readonly position: number } | undefined {
  for (const declaration of sourceFile.getImportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    const position = declaration.getStart();
    if (declaration.getDefaultImport()?.getText() === name) return { specifier, named: false, position };
    if (declaration.getNamedImports().some((n) => (n.getAliasNode() ?? n.getNameNode()).getText() === name && !n.getAliasNode())) return { specifier, named: true, position };
  }
  return undefined;
}
