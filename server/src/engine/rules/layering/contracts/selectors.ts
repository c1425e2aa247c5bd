import * as path from 'node:path';
import picomatch from 'picomatch';
import type { LayerId } from '../../../classify/layers';
import { matchedPrefix } from '../../../config/path-prefix';
import type { DependencyGraph, Edge } from '../../../graph/types';

/**
 * What a contract's selector picks: a layer (`domain`), a package (`package:typeorm`), or a glob
 * of folders or files relative to the workspace root. A glob with a wildcard stands for one unit
 * per match: `src/modules/*` is one module per feature folder.
 */
export interface Selector {
  readonly text: string;
  /** The unit a file belongs to under this selector (its layer, or the folder the glob matched), or undefined. */
  unitOf(file: string): string | undefined;
  /** The unit an external package belongs to, or undefined. */
  unitOfPackage(name: string): string | undefined;
}

export interface SelectorOptions {
  /**
   * Only folders count as units (module contracts): a file is in a module when it is below the
   * folder. A folder a wildcard matches whose name says shared kernel is no module then.
   */
  readonly foldersOnly?: boolean;
}

/**
 * Folder names of the shared kernel beside feature modules (`src/modules/common/`, Nx's
 * `libs/platform/` of Prisma, cache and metrics): code every module may use.
 */
const SHARED_KERNEL_NAMES: ReadonlySet<string> = new Set([
  'common',
  'shared',
  'shared-kernel',
  'sharedkernel',
  'kernel',
  'core',
  'utils',
  'util',
  'helpers',
  'helper',
  'platform',
  'infra',
  'infrastructure',
]);

/** Whether a module folder (`src/modules/common`) is the modules' shared kernel rather than a module. */
export function isSharedKernel(unit: string): boolean {
  return SHARED_KERNEL_NAMES.has(path.posix.basename(unit).toLowerCase());
}

const PACKAGE_PREFIX = 'package:';

export function selectorOf(text: string, graph: DependencyGraph, layers: ReadonlySet<LayerId>, options: SelectorOptions = {}): Selector {
  if (text.startsWith(PACKAGE_PREFIX)) {
    const name = text.slice(PACKAGE_PREFIX.length);
    return { text, unitOf: () => undefined, unitOfPackage: (pkg) => (pkg === name || pkg.startsWith(`${name}/`) ? name : undefined) };
  }
  if (layers.has(text)) return { text, unitOf: (file) => (graph.files.get(file)?.layer === text ? text : undefined), unitOfPackage: () => undefined };
  const match = picomatch(text, { dot: true });
  const units = new Map<string, string | undefined>();
  // `src/modules/*` picks feature modules, and its `common/` is what they share; a folder named outright is meant.
  const kernelIsNoModule = options.foldersOnly === true && /(?:^|\/)\*$/.test(text);
  return {
    text,
    unitOf: (file) => {
      let unit = units.get(file);
      if (unit === undefined && !units.has(file)) {
        unit = matchedPrefix(path.posix.relative(graph.root, file), match, options.foldersOnly === true);
        if (unit !== undefined && kernelIsNoModule && isSharedKernel(unit)) unit = undefined;
        units.set(file, unit);
      }
      return unit;
    },
    unitOfPackage: () => undefined,
  };
}

/** The unit an edge's target belongs to under the selector. */
export function targetUnit(selector: Selector, edge: Edge): string | undefined {
  return edge.external ? selector.unitOfPackage(edge.to) : selector.unitOf(edge.to);
}

/** The first selector of a list that picks the file, with the unit it picks. */
export function firstMatch(selectors: readonly Selector[], unit: (s: Selector) => string | undefined): { selector: Selector; index: number; unit: string } | undefined {
  for (const [index, selector] of selectors.entries()) {
    const found = unit(selector);
    if (found !== undefined) return { selector, index, unit: found };
  }
  return undefined;
}
