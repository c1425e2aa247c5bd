import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import picomatch from 'picomatch';
import type { ConfigError } from './load';
import { globMatcher } from './path-prefix';

/** A warning at a node of the configuration file, named by its JSON path. */
export type ConfigWarn = (node: Node, jsonPath: (string | number)[], message: string) => ConfigError;

/**
 * Layer patterns of the configuration file that match none of the analyzed files: a typo or a
 * moved folder silently gives those files no layer, so their violations are never reported. Each
 * warning points at the pattern in the file.
 */
export function unmatchedLayerPatterns(tree: Node, root: string, files: readonly string[], warn: ConfigWarn): ConfigError[] {
  const layers = findNodeAtLocation(tree, ['layers']);
  if (!layers || layers.type !== 'object') return [];
  const warnings: ConfigError[] = [];
  for (const property of layers.children ?? []) {
    const [key, value] = property.children ?? [];
    const patterns = value ? findNodeAtLocation(value, ['patterns']) : undefined;
    if (!key || typeof key.value !== 'string' || patterns?.type !== 'array') continue;
    for (const [index, pattern] of (patterns.children ?? []).entries()) {
      if (pattern.type !== 'string' || typeof pattern.value !== 'string' || matchesAny(pattern.value, files)) continue;
      const missing = missingFolder(root, pattern.value);
      const why = missing ? `the folder ${missing} does not exist in the workspace` : 'check the path (patterns are relative to the workspace root)';
      warnings.push(warn(pattern, ['layers', key.value, 'patterns', index], `"${pattern.value}" matches no analyzed file, so no file gets the layer "${key.value}" from it; ${why}`));
    }
  }
  return warnings;
}

/** An invalid glob counts as matching: it is the configuration's error, reported when it is loaded. */
function matchesAny(glob: string, files: readonly string[]): boolean {
  const match = globMatcher(glob);
  return match === undefined || files.some((file) => match(file));
}

/** The folder a glob starts from (`src/repos` of `src/repos/**`), when there is no such folder. */
function missingFolder(root: string, glob: string): string | undefined {
  const base = picomatch.scan(glob).base;
  return base !== '' && !fs.existsSync(path.join(root, base)) ? base : undefined;
}
