import type { SourceFile } from 'ts-morph';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { isNameFreeIn } from '../../rules/syntax';
import { ts } from '../../ts';
import { eolOf, indentUnitOf, usesSemicolons } from '../text';

/** The helper a read without a default goes through: the value is a `string`, and a missing one fails loudly where it is read. */
export const REQUIRED_ENV = 'requiredEnv';

/**
 * Makes sure the file has `requiredEnv(name)`: reuses a function of that name the file declares,
 * else appends one. Undefined when the name is taken by something else (a reader could not tell
 * which is meant). A plain `process.env.X` would be `string | undefined` where the literal was a
 * `string`, which a strict build rejects, and a missing secret would be sent as `undefined`.
 */
export function ensureRequiredEnv(sourceFile: SourceFile, node: FileNode): string | undefined {
  const declared = node.sourceFile.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === REQUIRED_ENV);
  if (declared) return REQUIRED_ENV;
  if (!isNameFreeIn(node.sourceFile, REQUIRED_ENV)) return undefined;
  const eol = eolOf(node.text);
  const indent = indentUnitOf(node.text);
  const semi = usesSemicolons(node.sourceFile) ? ';' : '';
  const typed = /\.[cm]?tsx?$/.test(node.file);
  const lines = [
    '',
    '/** Reads an environment variable the code cannot run without; fails loudly when it is missing. */',
    `function ${REQUIRED_ENV}(name${typed ? ': string' : ''})${typed ? ': string' : ''} {`,
    `${indent}const value = process.env[name]${semi}`,
    `${indent}if (!value) throw new Error(\`Environment variable \${name} is not set\`)${semi}`,
    `${indent}return value${semi}`,
    '}',
    '',
  ];
  const text = sourceFile.getFullText();
  sourceFile.insertText(text.length, `${text.endsWith('\n') ? '' : eol}${lines.join(eol)}`);
  return REQUIRED_ENV;
}

/**
 * `process.env['X']` where the project reads the environment so (`noPropertyAccessFromIndexSignature`
 * makes it the only way that compiles), else `process.env.X`: the file's own reads decide, else
 * the project's.
 */
export function environmentRead(graph: DependencyGraph, node: FileNode, name: string, quote: string): string {
  return readsWithBrackets(graph, node) ? `process.env[${quote}${name}${quote}]` : `process.env.${name}`;
}

function readsWithBrackets(graph: DependencyGraph, node: FileNode): boolean {
  const style = (text: string) => ({ dots: (text.match(/process\.env\.[A-Za-z_]/g) ?? []).length, brackets: (text.match(/process\.env\[\s*['"]/g) ?? []).length });
  const own = style(node.text);
  if (own.dots + own.brackets > 0) return own.brackets > own.dots;
  let dots = 0;
  let brackets = 0;
  for (const other of graph.files.values()) {
    if (other.projectDir !== node.projectDir || !other.text.includes('process.env')) continue;
    const counted = style(other.text);
    dots += counted.dots;
    brackets += counted.brackets;
  }
  return brackets > dots;
}
