import type { FileNode } from '../../graph/types';

// Which driver packages the code imports.

export type Family = 'pg' | 'postgres' | 'mysql' | 'sqlite' | 'typeorm' | 'knex';

const PACKAGE_FAMILY: ReadonlyMap<string, Family> = new Map<string, Family>([
  ['pg', 'pg'],
  ['pg-pool', 'pg'],
  ['pg-promise', 'pg'],
  ['postgres', 'postgres'],
  ['mysql', 'mysql'],
  ['mysql2', 'mysql'],
  ['sqlite3', 'sqlite'],
  ['better-sqlite3', 'sqlite'],
  ['typeorm', 'typeorm'],
  ['@nestjs/typeorm', 'typeorm'],
  ['knex', 'knex'],
  ['objection', 'knex'],
]);

export function familiesIn(nodes: Iterable<FileNode>): Set<Family> {
  const families = new Set<Family>();
  for (const node of nodes) {
    for (const ref of node.facts.moduleRefs) {
      const family = PACKAGE_FAMILY.get(packageName(ref.specifier));
      if (family) families.add(family);
    }
  }
  return families;
}

function packageName(specifier: string): string {
  const segments = specifier.split('/');
  return (specifier.startsWith('@') ? segments.slice(0, 2) : segments.slice(0, 1)).join('/');
}

export function importedFamily(node: FileNode, local: string): Family | undefined {
  const ref = node.facts.moduleRefs.find((r) => r.bindings.some((b) => b.local === local));
  return ref ? PACKAGE_FAMILY.get(packageName(ref.specifier)) : undefined;
}
