import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import picomatch from 'picomatch';
import { LineIndex } from '../text/line-index';
import { readConfigFile } from '../workspace/read-config-file';
import { formatPath, type ConfigError } from './load';

/**
 * Layer patterns of the configuration file that match none of the analyzed files: a typo or a
 * moved folder silently gives those files no layer, so their violations are never reported. Each
 * warning points at the pattern in the file. Nothing when the file is missing or unreadable (its
 * errors are reported on their own).
 */
export function unmatchedLayerPatterns(configFile: string, root: string, files: Iterable<string>): ConfigError[] {
  const read = readConfigFile(configFile);
  if (!read.ok) return [];
  const tree = parseTree(read.text);
  const layers = tree ? findNodeAtLocation(tree, ['layers']) : undefined;
  if (!layers || layers.type !== 'object') return [];
  const relative = [...files].map((file) => path.posix.relative(root, file));
  const lines = new LineIndex(read.text);
  const warnings: ConfigError[] = [];
  for (const property of layers.children ?? []) {
    const [key, value] = property.children ?? [];
    const patterns = value ? findNodeAtLocation(value, ['patterns']) : undefined;
    if (!key || typeof key.value !== 'string' || patterns?.type !== 'array') continue;
    for (const [index, pattern] of (patterns.children ?? []).entries()) {
      if (pattern.type !== 'string' || typeof pattern.value !== 'string' || matchesAny(pattern.value, relative)) continue;
      warnings.push(warningAt(configFile, pattern, lines, ['layers', key.value, 'patterns', index], pattern.value, missingFolder(root, pattern.value)));
    }
  }
  return warnings;
}

function matchesAny(glob: string, files: readonly string[]): boolean {
  try {
    const match = picomatch(glob, { dot: true });
    return files.some((file) => match(file));
  } catch {
    // An invalid glob is the configuration's error, reported when it is loaded.
    return true;
  }
}

/** The folder a glob starts from (`src/repos` of `src/repos/**`), when there is no such folder. */
function missingFolder(root: string, glob: string): string | undefined {
  const base = picomatch.scan(glob).base;
  return base !== '' && !fs.existsSync(path.join(root, base)) ? base : undefined;
}

function warningAt(file: string, node: Node, lines: LineIndex, jsonPath: (string | number)[], glob: string, missing: string | undefined): ConfigError {
  const why = missing ? `the folder ${missing} does not exist in the workspace` : 'check the path (patterns are relative to the workspace root)';
  return {
    file,
    message: `at ${formatPath(jsonPath)}: "${glob}" matches no analyzed file, so no file gets the layer "${jsonPath[1]}" from it; ${why}`,
    start: lines.positionAt(node.offset),
    end: lines.positionAt(node.offset + node.length),
  };
}
