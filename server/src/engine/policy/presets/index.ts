import type { PresetName } from '../../config/schema';
import { CLEAN } from './clean';
import { CQRS } from './cqrs';
import { HEXAGONAL } from './hexagonal';
import { LAYERED } from './layered';
import { MODULAR_MONOLITH } from './modular-monolith';
import type { Preset } from './preset';

export type { Preset } from './preset';

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  layered: LAYERED,
  hexagonal: HEXAGONAL,
  clean: CLEAN,
  'modular-monolith': MODULAR_MONOLITH,
  cqrs: CQRS,
};
