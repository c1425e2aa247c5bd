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
 * An inside area with a more precise one below it is a folder that groups, not the area itself:
 * `core/domain/` and `core/application/` are the domain and the application (`core/` alone holds
 * both), and a `domain/` that holds bounded contexts (`domain/billing/infrastructure/`,
 * `domain/billing/application/`) groups modules whose own folders say what each file is. A port
 * below the domain stays the domain's (`domain/ports/`); an outer area never yields.
 */
export function yieldsToInnerArea(area: AreaOfLayer, foldersBelow: readonly string[], layerOfArea: (name: string) => AreaOfLayer | undefined): boolean {
  if (area.outer) return false;
  const inner = foldersBelow.map((f) => layerOfArea(areaNameOf(f))).filter((l): l is AreaOfLayer => l !== undefined);
  if (area.name === 'core') return inner.length > 0;
  return inner.some((l) => l.layer !== area.layer && !l.port);
}

/** An area folder as the classifier reads it: its name, its layer, and whether it is outside (adapters) or a port. */
export interface AreaOfLayer {
  readonly name: string;
  readonly layer: string;
  readonly outer: boolean;
  readonly port: boolean;
}
