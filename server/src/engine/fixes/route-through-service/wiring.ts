import { Node, SyntaxKind, type SourceFile } from 'ts-morph';
import type { StaticValue } from '../../facts/types';
import type { DependencyGraph } from '../../graph/types';
import { ensureNamedImport } from '../imports';
import { addToModuleList } from '../nest-module';
import type { Rewrite } from '../rewrite';
import type { InjectedRepository } from './controller';

/** The file of the `@Module` whose `controllers` list the controller, and its providers' names. */
export function nestModuleOf(graph: DependencyGraph, controllerClass: string): { file: string; providers: ReadonlySet<string> } | undefined {
  for (const [file, node] of graph.files) {
    for (const cls of node.facts.classes) {
      const metadata = cls.decorators.find((d) => d.name === 'Module')?.args[0];
      if (metadata?.kind === 'object' && classNames(metadata, 'controllers').includes(controllerClass)) return { file, providers: new Set(classNames(metadata, 'providers')) };
    }
  }
  return undefined;
}

/** The class names listed under `key` in `@Module({...})` metadata. */
function classNames(metadata: Extract<StaticValue, { kind: 'object' }>, key: string): string[] {
  const list = metadata.properties[key];
  return list?.kind === 'array' ? list.elements.flatMap((e) => (e.kind === 'identifier' && !e.member ? [e.name] : [])) : [];
}

/** Adds the service to the module's `providers` (creating the list when the module has none). */
export function registerProvider(rewrite: Rewrite, moduleFile: string, service: { readonly className: string; readonly file: string }): boolean {
  const sourceFile = rewrite.file(moduleFile);
  return sourceFile !== undefined && addToModuleList(sourceFile, 'providers', service, 'last');
}

/**
 * Express-style composition roots (`new UsersController(usersRepository)`): pass the service
 * where the repository went — the root's own service instance when it has one, else a new
 * service built from the same repository — or drop the argument when the controller already
 * receives the service. False when a construction site cannot be rewritten.
 */
export function rewireCompositionRoots(
  rewrite: Rewrite,
  graph: DependencyGraph,
  use: InjectedRepository,
  service: { readonly className: string; readonly file: string; readonly takesRepositoryOnly: boolean },
  controllerHadService: boolean,
): boolean {
  const roots = new Set(graph.edges.filter((e) => e.kind === 'instantiation' && e.to === use.controllerFile && e.names.includes(use.controllerClass)).map((e) => e.from));
  if (roots.size === 0) return use.nest;
  for (const root of roots) {
    const sourceFile = rewrite.file(root);
    if (!sourceFile || !rewireConstructions(sourceFile, use, service, controllerHadService)) return false;
  }
  return true;
}

function rewireConstructions(
  sourceFile: SourceFile,
  use: InjectedRepository,
  service: { readonly className: string; readonly file: string; readonly takesRepositoryOnly: boolean },
  controllerHadService: boolean,
): boolean {
  const constructions = sourceFile.getDescendantsOfKind(SyntaxKind.NewExpression).filter((n) => n.getExpression().getText() === use.controllerClass);
  const instance = serviceInstanceIn(sourceFile, service.className);
  for (const construction of constructions.reverse()) {
    const argument = construction.getArguments()[use.index];
    if (!argument) return false;
    if (controllerHadService) {
      construction.removeArgument(argument);
      continue;
    }
    if (!instance && !service.takesRepositoryOnly) return false;
    argument.replaceWithText(instance ?? `new ${service.className}(${argument.getText()})`);
  }
  if (!controllerHadService && !instance) ensureNamedImport(sourceFile, service.className, service.file);
  return true;
}

/** A top-level `const x = new Service(...)` of the composition root. */
function serviceInstanceIn(sourceFile: SourceFile, className: string): string | undefined {
  for (const declaration of sourceFile.getVariableDeclarations()) {
    const initializer = declaration.getInitializer();
    if (initializer && Node.isNewExpression(initializer) && initializer.getExpression().getText() === className) return declaration.getName();
  }
  return undefined;
}
