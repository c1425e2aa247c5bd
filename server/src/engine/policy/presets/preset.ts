import type { LayerDefinition, LayerId } from '../../classify/layers';
import type { ContractSetting, PresetName } from '../../config/schema';
import type { PolicyEntry } from '../policy';

/**
 * An architecture a team can name in `layerguard.json` (`"preset": "hexagonal"`): the layers it
 * adds, the dependencies it allows between them, and the contracts it checks. What the file
 * writes besides adds to the preset or replaces its entries.
 */
export interface Preset {
  readonly name: PresetName;
  /** One sentence, for `init`, the docs and the configuration's comments. */
  readonly summary: string;
  /** Layers of the architecture, checked before the built-in ones. */
  readonly layers: readonly LayerDefinition[];
  /** Entries that replace the default policy's for the same layer. */
  readonly dependencies: Readonly<Record<LayerId, PolicyEntry>>;
  /** Contracts the architecture implies, given where the configuration says the modules are. */
  contracts(modules: readonly string[] | undefined): ContractSetting[];
  /**
   * A dependency injected by token and typed with a port (`@Inject(USERS) users: UsersPort`) is a
   * dependency on the port: binding the token to an adapter is the module's job, not the file's.
   */
  readonly injectedPortsByType: boolean;
}
