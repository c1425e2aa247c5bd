import { unwrapped } from '../../facts/static-value';
import { ts } from '../../ts';
import { hasNode, walk } from '../syntax';
import { perParsedFile } from '../../memo';

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
  return value !== undefined && isWrittenLiteral(value);
}

/** A string or a number written out (`'PHONE_TAKEN'`, `7`). */
function isWrittenLiteral(value: ts.Expression): boolean {
  return ts.isStringLiteralLike(value) || ts.isNumericLiteral(value);
}

/**
 * The enums a file declares at its top level, with the constants TypeScript code writes in their
 * place: an object of literals whose values the file also names as a type
 * (`export const LotSource = { RESTOCK: 'restock' } as const;` with
 * `export type LotSourceValue = (typeof LotSource)[keyof typeof LotSource]`). An object of
 * literals the file does not type so (event names, settings) is data, not a closed set.
 */
export const enumLikeNames = perParsedFile((sourceFile: ts.SourceFile): ReadonlySet<string> => {
  const names = new Set<string>();
  const typed = namesTypedByValue(sourceFile);
  for (const statement of sourceFile.statements) {
    if (ts.isEnumDeclaration(statement)) names.add(statement.name.text);
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const name = ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
      if (name !== undefined && typed.has(name) && declaration.initializer !== undefined && isLiteralsObject(declaration.initializer)) names.add(name);
    }
  }
  return names;
});

/** The values the file's type aliases are made from: `X` in `type Y = (typeof X)[keyof typeof X]`. */
function namesTypedByValue(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) continue;
    walk(statement.type, (node) => {
      if (ts.isTypeQueryNode(node) && ts.isIdentifier(node.exprName)) names.add(node.exprName.text);
    });
  }
  return names;
}

/** `{ A: 'a', B: 2 }`, or `Object.freeze({ … })`: an object whose every member is a string or number written out. */
function isLiteralsObject(expr: ts.Expression): boolean {
  const value = unwrapped(expr);
  const current = isObjectFreeze(value) && value.arguments[0] !== undefined ? unwrapped(value.arguments[0]) : value;
  if (!ts.isObjectLiteralExpression(current) || current.properties.length === 0) return false;
  return current.properties.every((p) => ts.isPropertyAssignment(p) && isWrittenLiteral(unwrapped(p.initializer)));
}

function isObjectFreeze(expr: ts.Expression): expr is ts.CallExpression {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression)) return false;
  const callee = expr.expression;
  return ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze';
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
  if (ts.isObjectLiteralExpression(current) || ts.isArrayLiteralExpression(current) || isWrittenLiteral(current)) return !hasNode(current, ts.isFunctionLike);
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
