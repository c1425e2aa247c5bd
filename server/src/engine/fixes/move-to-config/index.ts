import { Node, SyntaxKind } from 'ts-morph';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { Fix } from '../../types';
import { ensureNamedImport } from '../imports';
import { Rewrite } from '../rewrite';
import { nodeAt } from '../text';
import type { FixProvider } from '../types';
import { configServiceMember, envModuleFor, type EnvModule } from './accessor';
import { documentVariable } from './env-example';
import { environmentName, fallbackVariable } from './env-name';

/** security/hardcoded-secret and config/hardcoded-config: move the literal to the environment. */
export const moveToConfigFixes: FixProvider = ({ graph, node, target }) => {
  const fix = ts.isStringLiteralLike(target) ? moveToConfiguration(graph, node, target) : undefined;
  return fix ? [{ ...fix, preferred: true }] : [];
};

/**
 * Replaces a string literal by a read of the configuration — the class's `ConfigService`, the
 * project's zod-validated env module (whose schema gains the variable), else `process.env` —
 * and documents the variable in `.env.example` without its value. Also the
 * "Move Literal to Configuration" refactor, on any string literal.
 */
export function moveLiteralToConfiguration(graph: DependencyGraph, file: string, offset: number): Fix | undefined {
  const node = graph.files.get(file);
  const literal = node ? nodeAt(node.sourceFile, offset, offset) : undefined;
  return node && literal && ts.isStringLiteralLike(literal) ? moveToConfiguration(graph, node, literal) : undefined;
}

function moveToConfiguration(graph: DependencyGraph, node: FileNode, literal: ts.StringLiteralLike): Fix | undefined {
  const fallback = fallbackVariable(literal);
  const name = fallback?.name ?? environmentName(literal);
  if (!name || !/^[A-Z_][A-Z0-9_]*$/.test(name)) return undefined;
  const replaced = fallback?.expression ?? literal;
  const rewrite = new Rewrite(graph);
  const sourceFile = rewrite.file(node.file);
  if (!sourceFile) return undefined;
  const accessor = accessorFor(graph, node, literal, name);
  sourceFile.replaceText([replaced.getStart(node.sourceFile), replaced.getEnd()], accessor.expression);
  if (accessor.module) {
    ensureNamedImport(sourceFile, accessor.module.exportName, accessor.module.file);
    if (!extendSchema(rewrite, accessor.module, name)) return undefined;
  }
  const fix = rewrite.toFix({ id: 'move-to-config', title: accessor.title, safe: false });
  const documented = documentVariable(node.projectDir, name);
  return { ...fix, ...documented, edits: [...fix.edits, ...documented.edits], createFiles: [...(fix.createFiles ?? []), ...(documented.createFiles ?? [])] };
}

interface Accessor {
  readonly expression: string;
  readonly title: string;
  readonly module?: EnvModule;
}

function accessorFor(graph: DependencyGraph, node: FileNode, literal: ts.StringLiteralLike, name: string): Accessor {
  const member = configServiceMember(literal);
  if (member) {
    const quote = literal.getText(node.sourceFile).startsWith('"') ? '"' : "'";
    const typed = /\.[cm]?tsx?$/.test(node.file) ? '<string>' : '';
    return { expression: `this.${member}.getOrThrow${typed}(${quote}${name}${quote})`, title: `Read ${name} from ConfigService` };
  }
  const module = envModuleFor(graph, node);
  if (module) return { expression: `${module.exportName}.${name}`, title: `Move to the validated environment (${module.exportName}.${name})`, module };
  return { expression: `process.env.${name}`, title: `Move to environment variable ${name}` };
}

/** Adds `NAME: z.string().min(1)` to the env schema, unless it already declares the variable. */
function extendSchema(rewrite: Rewrite, module: EnvModule, name: string): boolean {
  const shape = rewrite.file(module.file)?.getDescendantAtPos(module.schemaOffset)?.getParentIfKind(SyntaxKind.ObjectLiteralExpression);
  if (!shape || !Node.isObjectLiteralExpression(shape)) return false;
  if (!shape.getProperty(name)) shape.addPropertyAssignment({ name, initializer: `${module.zod}.string().min(1)` });
  return true;
}
