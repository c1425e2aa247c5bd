/**
 * The areas of an architecture as teams name them in their own language: a French team's
 * `domaine/` and `adaptateurs/`, a Spanish team's `dominio/` and `infraestructura/` are the
 * `domain/`, `adapters/` and `infrastructure/` of ports and adapters. Presets and `init` name the
 * areas in English; folder names are read through this table.
 */
const AREA_SYNONYMS: Readonly<Record<string, string>> = {
  // French
  domaine: 'domain',
  adaptateurs: 'adapters',
  adaptateur: 'adapter',
  'cas-d-usage': 'use-cases',
  'cas-usage': 'use-cases',
  persistance: 'persistence',
  // Spanish and Portuguese
  dominio: 'domain',
  domínio: 'domain',
  aplicacion: 'application',
  aplicación: 'application',
  aplicacao: 'application',
  aplicação: 'application',
  adaptadores: 'adapters',
  adaptador: 'adapter',
  infraestructura: 'infrastructure',
  infraestrutura: 'infrastructure',
  'casos-de-uso': 'use-cases',
  persistencia: 'persistence',
  persistência: 'persistence',
  puertos: 'ports',
  portas: 'ports',
};

/** The English area name a folder stands for (lower case): `Domaine` → `domain`; other names as they are, lower-cased. */
export function areaNameOf(folder: string): string {
  const lower = folder.toLowerCase();
  return AREA_SYNONYMS[lower] ?? lower;
}

/**
 * Areas that name the inside only when nothing more precise is below them: `core/domain/` and
 * `core/application/` are the domain and the application, `core/` alone holds both.
 */
export function yieldsToInnerArea(area: string, foldersBelow: readonly string[], isArea: (name: string) => boolean): boolean {
  return area === 'core' && foldersBelow.some((f) => isArea(areaNameOf(f)));
}
