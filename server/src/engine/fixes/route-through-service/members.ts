import { Node, SyntaxKind, type ClassDeclaration, type PropertyAccessExpression } from 'ts-morph';

/** Every `this.<member>` in the class. */
export function memberAccesses(cls: ClassDeclaration, member: string): PropertyAccessExpression[] {
  return cls.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression).filter((a) => a.getName() === member && Node.isThisExpression(a.getExpression()));
}

/** Names a class already uses for its members (properties, methods, parameter properties). */
export function memberNames(cls: ClassDeclaration): Set<string> {
  const names = new Set<string>();
  for (const member of cls.getMembers()) if (!Node.isConstructorDeclaration(member) && !Node.isClassStaticBlockDeclaration(member)) names.add(member.getName());
  for (const constructor of cls.getConstructors()) for (const parameter of constructor.getParameters()) names.add(parameter.getName());
  return names;
}
