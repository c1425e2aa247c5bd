import type { Preset } from './preset';

/** Today's default, made explicit: controller → service → repository (see `DEFAULT_POLICY`). */
export const LAYERED: Preset = {
  name: 'layered',
  summary: 'Controllers handle HTTP, services hold the business logic, repositories the data access; each layer depends only on the ones below it.',
  layers: [],
  dependencies: {},
  contracts: () => [],
  injectedPortsByType: false,
};
