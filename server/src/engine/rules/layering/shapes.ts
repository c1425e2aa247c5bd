import { unwrapped } from '../../facts/static-value';
import { ts } from '../../ts';
import { hasNode } from '../syntax';

/**
 * Whether the file declares `name` as a shape of data: an interface, a type alias, an enum, a
 * class of fields only, or a constant holding a schema (`z.object({…})`) or data written out.
 */
export function declaresShape(sourceFile: ts.SourceFile, name: string): boolean {
  for (const statement of sourceFile.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name.text === name) return true;
    // A response class of fields only; one with methods or a constructor does something.
    if (ts.isClassDeclaration(statement) && statement.name?.text === name) return statement.members.every(ts.isPropertyDeclaration);
    const declaration = constantNamed(statement, name);
    if (declaration) return declaration.initializer !== undefined && isShapeValue(declaration.initializer);
  }
  return false;
}

/** Whether the file declares `name` as a constant holding one string or number (`export const DUPLICATE_CODE = 'PHONE_TAKEN'`). */
export function declaresLiteral(sourceFile: ts.SourceFile, name: string): boolean {
  const value = constantValue(sourceFile, name);
  return value !== undefined && (ts.isStringLiteralLike(value) || ts.isNumericLiteral(value));
}

/** The value the file's first constant `name` holds, its parentheses and type assertions taken off. */
function constantValue(sourceFile: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of sourceFile.statements) {
    const initializer = constantNamed(statement, name)?.initializer;
    if (initializer !== undefined) return unwrapped(initializer);
  }
  return undefined;
}

/** The variable `name` if the statement declares it (`export const loginSchema = …`). */
function constantNamed(statement: ts.Statement, name: string): ts.VariableDeclaration | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  return statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
}

/** A schema built with a validation library (`z.object({…})`, `Joi.object()`), or data written out. */
function isShapeValue(expr: ts.Expression): boolean {
  const current = unwrapped(expr);
  if (ts.isObjectLiteralExpression(current) || ts.isArrayLiteralExpression(current) || ts.isStringLiteralLike(current) || ts.isNumericLiteral(current)) return !hasNode(current, ts.isFunctionLike);
  return isSchemaCall(current);
}

/** `z.object({…}).strict()`, `Joi.object()`: a schema built with a validation library, with no function of its own. */
function isSchemaCall(expr: ts.Expression): boolean {
  if (!ts.isCallExpression(expr)) return false;
  let root: ts.Expression = expr;
  while (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root)) root = root.expression;
  return ts.isIdentifier(root) && SCHEMA_BUILDERS.has(root.text) && !hasNode(expr, ts.isFunctionLike);
}

/** Whether the file declares `name` as a constant holding a validation schema (`export const loginSchema = z.object({…})`). */
function declaresSchema(sourceFile: ts.SourceFile, name: string): boolean {
  const value = constantValue(sourceFile, name);
  return value !== undefined && isSchemaCall(value);
}

const SCHEMA_BUILDERS = new Set(['z', 'zod', 'Joi', 'joi', 'yup', 'Yup', 'Type', 't', 'v', 'Schema']);

/**
 * A file of validation schemas (`auth.schemas.ts`): at least one exported schema built with a
 * validation library, and nothing exported but shapes (the types inferred from them, enums,
 * constants). Constants and types alone (a file of event names) are not schemas.
 */
export function declaresOnlySchemas(sourceFile: ts.SourceFile, exportedLocals: readonly string[]): boolean {
  return exportedLocals.some((name) => declaresSchema(sourceFile, name)) && exportedLocals.every((name) => declaresShape(sourceFile, name));
}
