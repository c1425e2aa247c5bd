import { Node, type SourceFile } from 'ts-morph';
import { ensureNamedImport } from './imports';

/**
 * Adds a class to one list of a NestJS `@Module({...})` (`providers`, `imports`…) and imports it;
 * creates the list when the module has none (`first`: as the module's first property). False when
 * the file has no module whose metadata and list are written literally.
 */
export function addToModuleList(sourceFile: SourceFile, key: string, entry: { readonly className: string; readonly file: string }, position: 'first' | 'last'): boolean {
  const metadata = sourceFile.getClasses().flatMap((c) => c.getDecorator('Module')?.getArguments() ?? [])[0];
  if (!metadata || !Node.isObjectLiteralExpression(metadata)) return false;
  const property = metadata.getProperty(key);
  const list = property && Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  const assignment = { name: key, initializer: `[${entry.className}]` };
  if (!property) {
    if (position === 'first') metadata.insertPropertyAssignment(0, assignment);
    else metadata.addPropertyAssignment(assignment);
  } else if (list && Node.isArrayLiteralExpression(list)) {
    list.addElement(entry.className);
  } else {
    return false;
  }
  ensureNamedImport(sourceFile, entry.className, entry.file);
  return true;
}
