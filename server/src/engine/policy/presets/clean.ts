import { besidePartners, defineLayer } from '../../classify/layers';
import type { Preset } from './preset';

const USE_CASE_FOLDERS = ['application', 'use-cases', 'usecases', 'use-case', 'usecase', 'interactors'];
const OUTER = ['controller', 'router', 'repository', 'data-access', 'middleware', 'module', 'composition-root'];

/**
 * Clean architecture's four rings: entities, use cases, interface adapters, frameworks and
 * drivers. Each ring depends only on the rings inside it.
 */
export const CLEAN: Preset = {
  name: 'clean',
  summary: 'Entities, use cases, interface adapters, frameworks and drivers: every dependency points inward, and the entities depend on nothing.',
  layers: [
    defineLayer({ id: 'entities', description: 'Enterprise business rules: entities and value objects, free of every framework.', areaFolders: ['domain', 'entities', 'enterprise'] }),
    defineLayer({
      id: 'use-cases',
      description: 'Application business rules: use cases (interactors) and the ports they declare.',
      areaFolders: USE_CASE_FOLDERS,
      areaBeside: besidePartners(USE_CASE_FOLDERS, ['domain', 'entities', 'enterprise']),
    }),
    defineLayer({
      id: 'interface-adapters',
      description: 'Controllers, presenters and gateways that convert between the use cases and the outside.',
      areaFolders: ['adapters', 'interface-adapters', 'presenters', 'presentation', 'gateways'],
      areaAfterStrongEvidence: true,
    }),
    defineLayer({
      id: 'frameworks',
      description: 'Frameworks and drivers: the web server, the database, external services.',
      areaFolders: ['infrastructure', 'infra', 'frameworks', 'framework', 'drivers', 'external'],
      areaAfterStrongEvidence: true,
    }),
  ],
  dependencies: {
    entities: { forbid: ['use-cases', 'interface-adapters', 'frameworks', 'service', 'dto', 'model', ...OUTER], includeTypeOnly: true },
    'use-cases': { forbid: ['interface-adapters', 'frameworks', ...OUTER] },
    'interface-adapters': { forbid: ['frameworks', 'composition-root'] },
    service: { forbid: ['interface-adapters', 'frameworks', 'controller', 'router', 'data-access'] },
  },
  contracts: () => [],
  injectedPortsByType: true,
};
