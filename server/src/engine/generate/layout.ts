import * as path from 'node:path';
import type { ResourceNames } from './names';
import type { WorkspaceStyle } from './style';

export type Part = 'controller' | 'router' | 'service' | 'repository' | 'dto' | 'entity' | 'module' | 'test';

/** Where each generated file goes: one feature folder, or one folder per layer. */
export function pathsFor(style: WorkspaceStyle, names: ResourceNames): Readonly<Record<Part, string>> {
  const { kebab, kebabOne } = names;
  if (style.layout === 'feature') {
    const folder = path.posix.join(style.root, kebab);
    return {
      controller: `${folder}/${kebab}.controller.ts`,
      router: `${folder}/${kebab}.router.ts`,
      service: `${folder}/${kebab}.service.ts`,
      repository: `${folder}/${kebab}.repository.ts`,
      dto: `${folder}/dto/create-${kebabOne}.dto.ts`,
      entity: style.entityFolder === 'feature' ? `${folder}/${kebabOne}.entity.ts` : `${folder}/entities/${kebabOne}.entity.ts`,
      module: `${folder}/${kebab}.module.ts`,
      test: `${folder}/${kebab}.service.spec.ts`,
    };
  }
  const root = style.root;
  return {
    controller: `${root}/controllers/${kebab}.controller.ts`,
    router: `${root}/routes/${kebab}.router.ts`,
    service: `${root}/services/${kebab}.service.ts`,
    repository: `${root}/repositories/${kebab}.repository.ts`,
    dto: `${root}/dto/create-${kebabOne}.dto.ts`,
    entity: `${root}/entities/${kebabOne}.entity.ts`,
    module: `${root}/modules/${kebab}.module.ts`,
    test: `${root}/services/${kebab}.service.spec.ts`,
  };
}
