import { ts } from '../../ts';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { dottedName, enclosing } from '../../rules/syntax';

/** A module that validates the environment with zod: `export const env = schema.parse(process.env)`. */
export interface EnvModule {
  readonly file: string;
  /** The exported, validated environment: `env`. */
  readonly exportName: string;
  /** Where the `z.object({...})` literal of its schema starts. */
  readonly schemaOffset: number;
  /** How the module calls zod: `z`. */
  readonly zod: string;
}

/** The project's zod-validated environment module, if it has one (in the same project as `from`). */
export function envModuleFor(graph: DependencyGraph, from: FileNode): EnvModule | undefined {
  for (const node of graph.files.values()) {
    if (node.projectDir !== from.projectDir || node.file === from.file) continue;
    const found = envModuleIn(node);
    if (found) return found;
  }
  return undefined;
}

function envModuleIn(node: FileNode): EnvModule | undefined {
  for (const statement of node.sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !(ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const schema = parsedEnvironmentSchema(declaration.initializer, node.sourceFile);
      if (schema && ts.isIdentifier(declaration.name)) return { file: node.file, exportName: declaration.name.text, ...schema };
    }
  }
  return undefined;
}

/** `X.parse(process.env)` where X is (or names a const holding) `z.object({...})`. */
function parsedEnvironmentSchema(initializer: ts.Expression | undefined, sourceFile: ts.SourceFile): { schemaOffset: number; zod: string } | undefined {
  if (!initializer || !ts.isCallExpression(initializer) || !ts.isPropertyAccessExpression(initializer.expression)) return undefined;
  if (initializer.expression.name.text !== 'parse' || initializer.arguments[0]?.getText(sourceFile) !== 'process.env') return undefined;
  let schema: ts.Expression | undefined = initializer.expression.expression;
  if (ts.isIdentifier(schema)) schema = constInitializer(sourceFile, schema.text);
  return schema ? zodObjectIn(schema, sourceFile) : undefined;
}

function constInitializer(sourceFile: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
    if (declaration?.initializer) return declaration.initializer;
  }
  return undefined;
}

/** The `z.object({...})` call in a schema expression (`z.object({...}).strict()` included). */
function zodObjectIn(schema: ts.Expression, sourceFile: ts.SourceFile): { schemaOffset: number; zod: string } | undefined {
  for (let current: ts.Expression = schema; ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression); current = current.expression.expression) {
    const shape = current.arguments[0];
    if (current.expression.name.text === 'object' && shape && ts.isObjectLiteralExpression(shape)) return { schemaOffset: shape.getStart(sourceFile), zod: dottedName(current.expression.expression) };
  }
  return undefined;
}

/**
 * The `ConfigService` member of the class around the literal, when the literal runs inside one
 * of its methods or its constructor (property initializers may run before it is assigned).
 */
export function configServiceMember(literal: ts.Node): string | undefined {
  const member = enclosing(literal, (n): n is ts.ClassElement => ts.isClassElement(n));
  const cls = member?.parent;
  if (!member || !cls || !ts.isClassLike(cls) || !runsWithInstance(member)) return undefined;
  const constructor = cls.members.find(ts.isConstructorDeclaration);
  const parameter = constructor?.parameters.find((p) => ts.isParameterPropertyDeclaration(p, constructor) && p.type && ts.isTypeReferenceNode(p.type) && p.type.typeName.getText() === 'ConfigService');
  return parameter && ts.isIdentifier(parameter.name) && importsNestConfigService(literal.getSourceFile()) ? parameter.name.text : undefined;
}

/** A class named ConfigService of the project's own has its own API: only Nest's has `get(key, default)` and `getOrThrow`. */
function importsNestConfigService(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === '@nestjs/config' &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === 'ConfigService' && e.propertyName === undefined),
  );
}

function runsWithInstance(member: ts.ClassElement): boolean {
  const isStatic = (ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return !isStatic && (ts.isMethodDeclaration(member) || ts.isConstructorDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member));
}
