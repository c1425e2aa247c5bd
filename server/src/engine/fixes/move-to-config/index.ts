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
import { ensureRequiredEnv, environmentRead, REQUIRED_ENV } from './required-env';
import { environmentName, fallbackVariable } from './env-name';
import { isSecretName } from '../../rules/security/hardcoded-secret';
import { dottedName } from '../../rules/syntax';

/**
 * security/hardcoded-secret and config/hardcoded-config: move the literal to the environment. A
 * configuration value stays as the read's default (behaviour and types kept: `string`, never
 * `string | undefined`); a secret does not stay in the code.
 */
export const moveToConfigFixes: FixProvider = ({ graph, node, target, finding }) => {
  const fix = ts.isStringLiteralLike(target) ? moveToConfiguration(graph, node, target, () => finding.ruleId === 'security/hardcoded-secret') : undefined;
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
  // No finding says what the literal is: its name does.
  return node && literal && ts.isStringLiteralLike(literal) ? moveToConfiguration(graph, node, literal, isSecretName) : undefined;
}

/** `process.env.DB_URL = '…'`: the code sets the environment itself; reading it there would assign it to itself. */
function assignsEnvironment(literal: ts.Node): boolean {
  const parent = literal.parent;
  return ts.isBinaryExpression(parent) && parent.right === literal && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^process\.env\b/.test(dottedName(parent.left));
}

/** `isSecret(name)`: a secret does not stay in the code as the read's default; a configuration value does. */
function moveToConfiguration(graph: DependencyGraph, node: FileNode, literal: ts.StringLiteralLike, isSecret: (name: string) => boolean): Fix | undefined {
  if (assignsEnvironment(literal)) return undefined;
  const fallback = fallbackVariable(literal);
  const name = fallback?.name ?? environmentName(literal);
  if (!name || !/^[A-Z_][A-Z0-9_]*$/.test(name)) return undefined;
  const replaced = fallback?.expression ?? literal;
  const rewrite = new Rewrite(graph);
  const sourceFile = rewrite.file(node.file);
  if (!sourceFile) return undefined;
  // A literal fallback of `process.env.X` already is the default: the fix drops it, as before.
  const fallbackText = !fallback && !isSecret(name) ? literal.getText(node.sourceFile) : undefined;
  const accessor = accessorFor(graph, node, literal, name, fallbackText);
  sourceFile.replaceText([replaced.getStart(node.sourceFile), replaced.getEnd()], accessor.expression);
  if (accessor.required && ensureRequiredEnv(sourceFile, node) === undefined) return undefined;
  if (accessor.module) {
    ensureNamedImport(sourceFile, accessor.module.exportName, accessor.module.file);
    if (!extendSchema(rewrite, accessor.module, name, fallbackText)) return undefined;
  }
  // Dropping a default the code had (`process.env.X || 'dev'`) makes the variable required.
  const title = fallback && !isSecret(name) ? `${accessor.title}: changes behaviour, review` : accessor.title;
  const fix = rewrite.toFix({ id: 'move-to-config', title, safe: false });
  const documented = documentVariable(node.projectDir, name);
  return { ...fix, ...documented, edits: [...fix.edits, ...documented.edits], createFiles: [...(fix.createFiles ?? []), ...(documented.createFiles ?? [])] };
}

interface Accessor {
  readonly expression: string;
  readonly title: string;
  readonly module?: EnvModule;
  /** The expression calls the file's `requiredEnv` helper, which the fix adds when missing. */
  readonly required?: boolean;
}

/**
 * The read that replaces the literal; with `fallback` (the literal as written) the value read
 * defaults to it: `process.env.X ?? 'old'` (parenthesized where an operator around would bind
 * first), `config.get<string>('X', 'old')`, or the env schema's `.default('old')`.
 */
function accessorFor(graph: DependencyGraph, node: FileNode, literal: ts.StringLiteralLike, name: string, fallback: string | undefined): Accessor {
  const quote = literal.getText(node.sourceFile).startsWith('"') ? '"' : "'";
  const member = configServiceMember(literal);
  if (member) {
    const typed = /\.[cm]?tsx?$/.test(node.file) ? '<string>' : '';
    const read = fallback ? `get${typed}(${quote}${name}${quote}, ${fallback})` : `getOrThrow${typed}(${quote}${name}${quote})`;
    return { expression: `this.${member}.${read}`, title: `Read ${name} from ConfigService` };
  }
  const module = envModuleFor(graph, node);
  if (module) return { expression: `${module.exportName}.${name}`, title: `Move to the validated environment (${module.exportName}.${name})`, module };
  if (!fallback) return { expression: `${REQUIRED_ENV}(${quote}${name}${quote})`, title: `Move to environment variable ${name} (required: set it in every environment)`, required: true };
  const read = withParentheses(`${environmentRead(graph, node, name, quote)} ?? ${fallback}`, literal);
  return { expression: read, title: `Move to environment variable ${name} (default kept)` };
}

/** `a ?? b` where the literal stood as an operand or a callee's object: `'x' + (process.env.X ?? 'y')`. */
function withParentheses(expression: string, literal: ts.Node): string {
  const parent = literal.parent;
  const bare =
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isCallExpression(parent) ||
    ts.isNewExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isArrayLiteralExpression(parent) ||
    ts.isParameter(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isParenthesizedExpression(parent);
  return bare ? expression : `(${expression})`;
}

/** Adds `NAME: z.string().min(1)` to the env schema (with `.default(…)` for a kept value), unless it already declares the variable. */
function extendSchema(rewrite: Rewrite, module: EnvModule, name: string, fallback: string | undefined): boolean {
  const shape = rewrite.file(module.file)?.getDescendantAtPos(module.schemaOffset)?.getParentIfKind(SyntaxKind.ObjectLiteralExpression);
  if (!shape || !Node.isObjectLiteralExpression(shape)) return false;
  if (!shape.getProperty(name)) shape.addPropertyAssignment({ name, initializer: `${module.zod}.string().min(1)${fallback ? `.default(${fallback})` : ''}` });
  return true;
}
