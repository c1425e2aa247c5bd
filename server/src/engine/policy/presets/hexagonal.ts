import { besidePartners, defineLayer } from '../../classify/layers';
import type { Preset } from './preset';

const APPLICATION_FOLDERS = ['application', 'use-cases', 'usecases', 'use-case', 'usecase'];
/** The folders whose neighbour `core/` is the inside of the hexagon. */
export const CORE_PARTNERS: readonly string[] = ['infra', 'infrastructure', 'adapters'];
/**
 * The folders whose neighbour `core/` is not: beside the `domain/` (`shared/{core,domain,infra}`),
 * a `core/` is the kernel every ring uses (results, guards, base value objects).
 */
export const CORE_RIVALS: readonly string[] = ['domain'];

/** Everything of the app that is not the inside of the hexagon. */
const OUTSIDE = ['adapter', 'controller', 'router', 'repository', 'data-access', 'middleware', 'module', 'composition-root'];

/**
 * Ports and adapters: the domain and the application (use cases) in the middle, ports they own,
 * adapters outside that implement or drive them. Dependencies point inward; the domain knows
 * nothing of the outside, not even its types.
 */
export const HEXAGONAL: Preset = {
  name: 'hexagonal',
  summary: 'Ports and adapters: the domain and the use cases depend on nothing outside them; adapters (HTTP, persistence, messaging) depend on the ports the inside declares, never the reverse.',
  layers: [
    defineLayer({ id: 'domain', description: 'Entities, value objects and domain services: the business rules, free of frameworks and infrastructure.', areaFolders: ['domain'] }),
    defineLayer({
      id: 'application',
      description: 'Use cases and application services: orchestrate the domain through ports.',
      areaFolders: [...APPLICATION_FOLDERS, 'core'],
      areaBeside: {
        // An `application/` away from the domain is the app's outside (its API, its wiring).
        ...besidePartners(APPLICATION_FOLDERS, ['domain']),
        // A `core/` is the inside only facing its outside (`core/` and `infra/` of one module);
        // alone, it is a folder of shared helpers.
        core: CORE_PARTNERS,
      },
      areaNotBeside: { core: CORE_RIVALS },
    }),
    defineLayer({ id: 'port', description: 'Interfaces the inside declares for the outside: inbound (use cases) and outbound (repositories, gateways).', areaFolders: ['ports', 'port'] }),
    defineLayer({
      id: 'adapter',
      description: 'Adapters: HTTP, persistence, messaging and other infrastructure implementing or driving the ports.',
      areaFolders: ['adapters', 'adapter', 'infrastructure', 'infra', 'persistence', 'presentation'],
      areaAfterStrongEvidence: true,
    }),
  ],
  dependencies: {
    // ORM models are infrastructure too: the domain's entities are its own.
    domain: { forbid: ['application', 'service', 'dto', 'model', ...OUTSIDE], includeTypeOnly: true },
    port: { forbid: OUTSIDE },
    application: { forbid: ['adapter', 'controller', 'router', 'repository', 'data-access', 'middleware', 'composition-root'] },
    service: { forbid: ['adapter', 'controller', 'router', 'data-access'] },
  },
  contracts: () => [],
  injectedPortsByType: true,
};
