import type { Edge, FileNode } from '../../../graph/types';
import { perParsedFile } from '../../../memo';
import { ts } from '../../../ts';

/** Decorators that put a class into a GraphQL schema (NestJS GraphQL, type-graphql). */
const SCHEMA_CLASS_DECORATORS: ReadonlySet<string> = new Set(['ObjectType', 'InterfaceType', 'InputType', 'ArgsType']);

/** Calls that put an enum or a union into a GraphQL schema: `registerEnumType(OrderStatus, …)`, `createUnionType({ … })`. */
const SCHEMA_CALLS: ReadonlySet<string> = new Set(['registerEnumType', 'createUnionType']);

/**
 * The edge takes only types of the app's GraphQL schema (`@ObjectType() class CarModel`, an enum
 * registered with `registerEnumType`, a union made with `createUnionType`). A code-first schema is
 * one for the whole app: a type links to another module's type by naming its class
 * (`@ResolveField(() => PersonModel)`), and the published schema is every module's API, wherever
 * its file sits.
 */
export function takesOnlySchemaTypes(edge: Edge, target: FileNode): boolean {
  if (edge.names.length === 0) return false;
  const schema = schemaNamesOf(target);
  return edge.names.every((name) => schema.has(name));
}

function schemaNamesOf(target: FileNode): ReadonlySet<string> {
  const names = new Set(target.facts.classes.filter((c) => c.name !== undefined && c.decorators.some((d) => SCHEMA_CLASS_DECORATORS.has(d.name))).map((c) => c.name as string));
  for (const name of registeredNames(target.sourceFile)) names.add(name);
  return names;
}

/** The enums a file registers (`registerEnumType(Status, …)`) and the unions it declares (`export const Payer = createUnionType(…)`). */
const registeredNames = perParsedFile((sourceFile: ts.SourceFile): readonly string[] => sourceFile.statements.flatMap(registeredBy));

function registeredBy(statement: ts.Statement): string[] {
  if (ts.isExpressionStatement(statement)) {
    const call = statement.expression;
    const first = ts.isCallExpression(call) && schemaCall(call) === 'registerEnumType' ? call.arguments[0] : undefined;
    return first && ts.isIdentifier(first) ? [first.text] : [];
  }
  if (!ts.isVariableStatement(statement)) return [];
  return statement.declarationList.declarations.flatMap((declaration) => {
    const init = declaration.initializer;
    return ts.isIdentifier(declaration.name) && init && ts.isCallExpression(init) && schemaCall(init) === 'createUnionType' ? [declaration.name.text] : [];
  });
}

function schemaCall(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && SCHEMA_CALLS.has(name) ? name : undefined;
}
