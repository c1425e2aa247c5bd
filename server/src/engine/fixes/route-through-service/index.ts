import type { Edge } from '../../graph/types';
import type { Fix } from '../../types';
import { Rewrite } from '../rewrite';
import type { FixContext, FixProvider } from '../types';
import { injectedRepository, rewireController, type InjectedRepository } from './controller';
import { planDomainMethods } from './domain-method';
import { addDomainMethods, createService, injectRepository, servicesHolding, siblingService, type ServiceChoice } from './service';
import { nestModuleOf, registerProvider, rewireCompositionRoots } from './wiring';

/**
 * layering/forbidden-dependency, a controller injecting a repository: route its calls through a
 * service — one that already holds the repository, else the controller's sibling service (NestJS),
 * else a new one — wiring the service where the controller is built (Nest module providers or the
 * Express composition root). One fix per fitting service, so the editor asks which.
 */
export const routeThroughServiceFixes: FixProvider = (context) => {
  const edge = injectionEdge(context);
  const controller = edge ? new Rewrite(context.graph).file(context.node.file) : undefined;
  const use = controller ? injectedRepository(controller, context.finding.range.start) : undefined;
  if (!edge || !use) return [];
  const choices = choicesFor(context, edge, use);
  return choices.flatMap((choice) => {
    const fix = routeThrough(context, use, choice, choices.length === 1);
    return fix ? [fix] : [];
  });
};

/** The reported dependency, when it is a controller's constructor injection of data access. */
function injectionEdge({ graph, node, finding }: FixContext): Edge | undefined {
  if (node.layer !== 'controller') return undefined;
  const edge = graph.outgoing(node.file).find((e) => e.kind === 'di' && e.range.start === finding.range.start && e.range.end === finding.range.end);
  const target = edge ? graph.targetLayer(edge) : undefined;
  return target === 'repository' || target === 'data-access' ? edge : undefined;
}

function choicesFor({ graph }: FixContext, edge: Edge, use: InjectedRepository): ServiceChoice[] {
  const module = use.nest ? nestModuleOf(graph, use.controllerClass) : undefined;
  const holding = servicesHolding(graph, edge).filter((c) => !module || module.providers.has(c.className));
  if (holding.length > 0) return holding;
  const sibling = siblingService(use);
  if (!sibling) return [];
  const existing = graph.files.get(sibling.file);
  if (!existing) return [{ kind: 'create', ...sibling }];
  return use.nest && existing.facts.classes.some((c) => c.name === sibling.className) ? [{ kind: 'inject', ...sibling }] : [];
}

function routeThrough(context: FixContext, use: InjectedRepository, choice: ServiceChoice, only: boolean): Fix | undefined {
  const rewrite = new Rewrite(context.graph);
  const controller = rewrite.file(use.controllerFile);
  if (!controller) return undefined;
  const id = `route-through-service:${choice.className}`;
  const title = `Route through ${choice.className}${choice.kind === 'create' ? ` (new ${choice.className})` : ''}`;
  const unavailable = (why: string): Fix => ({ id, title, safe: false, edits: [], unavailable: `The calls cannot move to ${choice.className} safely: ${why}. Move them by hand.` });
  const plan = planDomainMethods(controller.getClassOrThrow(use.controllerClass), use.member, use.typeText, !/\.[cm]?jsx?$/.test(use.controllerFile));
  if ('refused' in plan) return unavailable(plan.refused);
  const service = choice.kind === 'create' ? createService(rewrite, controller, use, choice) : rewrite.file(choice.file)?.getClass(choice.className);
  const repositoryMember = !service ? undefined : choice.kind === 'inject' ? injectRepository(service, controller, use) : (choice.repositoryMember ?? use.member);
  if (!service || !repositoryMember) return undefined;
  const added = addDomainMethods(service, repositoryMember, plan.methods, controller);
  if ('refused' in added) return unavailable(added.refused);
  const controllerHadService =
    controller
      .getClassOrThrow(use.controllerClass)
      .getConstructors()[0]
      ?.getParameters()
      .some((p) => p.getTypeNode()?.getText() === choice.className) ?? false;
  if (!rewireController(controller, use, choice, added.methods)) return undefined;
  if (!wire(context, rewrite, use, choice, controllerHadService)) return undefined;
  return rewrite.toFix({ id, title, safe: false, preferred: only });
}

function wire(context: FixContext, rewrite: Rewrite, use: InjectedRepository, choice: ServiceChoice, controllerHadService: boolean): boolean {
  if (use.nest) {
    const module = nestModuleOf(context.graph, use.controllerClass);
    return choice.kind !== 'create' || (module !== undefined && registerProvider(rewrite, module.file, choice));
  }
  const takesRepositoryOnly = choice.kind === 'create' || context.graph.files.get(choice.file)?.facts.classes.find((c) => c.name === choice.className)?.constructorParams.length === 1;
  return rewireCompositionRoots(rewrite, context.graph, use, { ...choice, takesRepositoryOnly }, controllerHadService);
}
