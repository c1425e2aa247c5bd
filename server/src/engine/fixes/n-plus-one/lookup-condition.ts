import { ts } from '../../ts';

/** `{ id: key }` / `{ id }`: one field, compared for equality with a plain value. */
interface Condition {
  readonly property: ts.ObjectLiteralElementLike;
  readonly field: string;
  readonly key: ts.Expression;
}

export function singleCondition(where: ts.Expression | undefined): Condition | undefined {
  if (!where || !ts.isObjectLiteralExpression(where) || where.properties.length !== 1) return undefined;
  const property = where.properties[0]!;
  if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) return { property, field: property.name.text, key: property.name };
  if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return undefined;
  const value = property.initializer;
  // An object or array here is a relation, a FindOperator or an operator object, not a key.
  if (ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value) || ts.isCallExpression(value)) return undefined;
  return { property, field: property.name.text, key: value };
}

/** Properties of an options object, by name; undefined when one is not a plain `name: value`. */
export function optionsOf(argument: ts.Expression | undefined): Map<string, ts.PropertyAssignment> | undefined {
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  const options = new Map<string, ts.PropertyAssignment>();
  for (const property of argument.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return undefined;
    options.set(property.name.text, property);
  }
  return options;
}
