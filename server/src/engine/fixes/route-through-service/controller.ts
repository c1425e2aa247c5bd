import { Node, SyntaxKind, type ClassDeclaration, type DecoratorStructure, type OptionalKind, type ParameterDeclaration, type SourceFile } from 'ts-morph';
import { ensureNamedImport, removeUnusedImports } from '../imports';
import type { DomainMethod } from './domain-method';
import { memberAccesses, memberNames } from './members';

/** A repository (or ORM repository) injected into a controller, and how the controller uses it. */
export interface InjectedRepository {
  readonly controllerFile: string;
  readonly controllerClass: string;
  /** The parameter property holding it: `this.<member>`. */
  readonly member: string;
  /** Its position among the constructor's parameters (what `new Controller(...)` passes there). */
  readonly index: number;
  readonly typeText: string;
  readonly decorators: readonly OptionalKind<DecoratorStructure>[];
  readonly scope: ReturnType<ParameterDeclaration['getScope']>;
  readonly isReadonly: boolean;
  /** Names the parameter's decorators and type refer to (`InjectRepository`, `Repository`, `User`). */
  readonly referencedNames: ReadonlySet<string>;
  /** The repository methods the controller calls, `this.<member>.<method>(…)`, in order of first use. */
  readonly methods: readonly string[];
  /** A NestJS controller: the module wires its providers. */
  readonly nest: boolean;
}

/** The injected repository whose constructor parameter starts at `offset`, if the fix can move all its uses. */
export function injectedRepository(sourceFile: SourceFile, offset: number): InjectedRepository | undefined {
  const parameter = sourceFile.getDescendantAtPos(offset)?.getFirstAncestorByKind(SyntaxKind.Parameter);
  const constructor = parameter?.getParentIfKind(SyntaxKind.Constructor);
  const cls = constructor?.getParentIfKind(SyntaxKind.ClassDeclaration);
  const className = cls?.getName();
  const typeNode = parameter?.getTypeNode();
  if (!parameter || !constructor || !cls || !className || !typeNode || !parameter.isParameterProperty()) return undefined;
  const methods = delegatedMethods(cls, parameter.getName());
  if (!methods || methods.length === 0) return undefined;
  return {
    controllerFile: sourceFile.getFilePath(),
    controllerClass: className,
    member: parameter.getName(),
    index: parameter.getChildIndex(),
    typeText: typeNode.getText(),
    decorators: parameter.getDecorators().map((d) => ({ name: d.getName(), arguments: d.getArguments().map((a) => a.getText()) })),
    scope: parameter.getScope(),
    isReadonly: parameter.isReadonly(),
    referencedNames: identifiersIn([typeNode, ...parameter.getDecorators()]),
    methods,
    nest: cls.getDecorator('Controller') !== undefined,
  };
}

function identifiersIn(nodes: readonly Node[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) for (const identifier of node.getDescendantsOfKind(SyntaxKind.Identifier)) names.add(identifier.getText());
  return names;
}

/**
 * The methods called through `this.<member>`, or undefined when the member is used any other way
 * (passed along, destructured, read as a property): those uses could not move to a service.
 */
function delegatedMethods(cls: ClassDeclaration, member: string): string[] | undefined {
  const methods: string[] = [];
  const accesses = memberAccesses(cls, member);
  const mentions = cls.getDescendantsOfKind(SyntaxKind.Identifier).filter((i) => i.getText() === member).length;
  if (accesses.length !== mentions - 1) return undefined;
  for (const access of accesses) {
    const method = access.getParentIfKind(SyntaxKind.PropertyAccessExpression);
    const call = method?.getParentIfKind(SyntaxKind.CallExpression);
    if (!method || call?.getExpression() !== method) return undefined;
    if (!methods.includes(method.getName())) methods.push(method.getName());
  }
  return methods;
}

/**
 * Points the controller at the service: its calls go through the service member (the service's
 * existing parameter, else a new one where the repository's was), the repository parameter and
 * the imports only it needed go. Returns false when the service member's name is taken.
 */
export function rewireController(sourceFile: SourceFile, use: InjectedRepository, service: { readonly className: string; readonly file: string }, methods: readonly DomainMethod[]): boolean {
  const before = sourceFile.getClassOrThrow(use.controllerClass);
  const existingBefore = serviceParameter(before, service.className);
  const serviceMember = existingBefore?.getName() ?? lowerFirst(service.className);
  if (!existingBefore && memberNames(before).has(serviceMember)) return false;
  const sites = methods.flatMap((m) => m.sites.map((site) => ({ ...site, text: `this.${serviceMember}.${m.name}(${site.values.join(', ')})` })));
  for (const site of sites.sort((a, b) => b.start - a.start)) sourceFile.replaceText([site.start, site.end], site.text);
  const cls = sourceFile.getClassOrThrow(use.controllerClass);
  const constructor = cls.getConstructors()[0];
  const parameter = constructor?.getParameter(use.member);
  if (!constructor || !parameter) return false;
  // Found again: replacing the call sites made ts-morph forget the nodes found before.
  const existing = serviceParameter(cls, service.className);
  if (existing) parameter.remove();
  else parameter.replaceWithText(`${modifiersOf(use)}${serviceMember}: ${service.className}`);
  ensureNamedImport(sourceFile, service.className, service.file);
  removeUnusedImports(sourceFile, new Set([...use.referencedNames, ...methods.flatMap((m) => [...m.imports])]));
  return true;
}

/** The controller's constructor parameter property that already holds the service, if any. */
function serviceParameter(cls: ClassDeclaration, className: string): ParameterDeclaration | undefined {
  return cls
    .getConstructors()[0]
    ?.getParameters()
    .find((p) => p.isParameterProperty() && p.getTypeNode()?.getText() === className);
}

export function modifiersOf(use: Pick<InjectedRepository, 'scope' | 'isReadonly'>): string {
  return `${use.scope ? `${use.scope} ` : ''}${use.isReadonly ? 'readonly ' : ''}`;
}

export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
