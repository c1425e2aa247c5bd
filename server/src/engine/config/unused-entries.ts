import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import picomatch from 'picomatch';
import type { LayerId } from '../classify/layers';
import { LineIndex } from '../text/line-index';
import { readConfigFile } from '../workspace/read-config-file';
import { formatPath, type ConfigError } from './load';
import { globMatcher, matchedPrefix } from './path-prefix';
import { unmatchedLayerPatterns, type ConfigWarn } from './unmatched-patterns';

/** What the analysis found that the configuration's entries are checked against. */
export interface ConfigUse {
  /** Analyzed files, relative to the workspace root. */
  readonly files: readonly string[];
  /** Layers some analyzed file is in. */
  readonly layersInUse: ReadonlySet<LayerId>;
  /** Every layer the configuration knows. */
  readonly knownLayers: ReadonlySet<LayerId>;
}

/**
 * What in layerguard.json can never apply, each a warning at its place in the file: a layer
 * pattern that matches no file (see `unmatchedLayerPatterns`), a layer of the file's own that no
 * file is in, a `dependencies` entry for a layer no file is in, a contract whose selector matches
 * nothing, and a file two layers' patterns both claim (the first wins, silently). The check still
 * runs: these are typos and moved folders, not errors. Nothing when the file is missing or
 * unreadable (its errors are reported on their own).
 */
export function configWarnings(configFile: string, root: string, use: ConfigUse): ConfigError[] {
  const read = readConfigFile(configFile);
  if (!read.ok) return [];
  const tree = parseTree(read.text);
  if (!tree) return [];
  const lines = new LineIndex(read.text);
  const warn: ConfigWarn = (node, jsonPath, message) => ({
    file: configFile,
    message: `at ${formatPath(jsonPath)}: ${message}`,
    start: lines.positionAt(node.offset),
    end: lines.positionAt(node.offset + node.length),
  });
  return [
    ...unmatchedLayerPatterns(tree, root, use.files, warn),
    ...emptyLayers(tree, use, warn),
    ...idleDependencies(tree, use, warn),
    ...emptySelectors(tree, use, warn),
    ...contestedFiles(tree, use, warn),
  ];
}

function propertiesOf(tree: Node, key: string): { name: string; keyNode: Node; value: Node }[] {
  const object = findNodeAtLocation(tree, [key]);
  if (object?.type !== 'object') return [];
  return (object.children ?? []).flatMap((property) => {
    const [keyNode, value] = property.children ?? [];
    return keyNode && value && typeof keyNode.value === 'string' ? [{ name: keyNode.value, keyNode, value }] : [];
  });
}

/** A layer the file declares with evidence of its own (not patterns: those are checked one by one) that no file is in. */
function emptyLayers(tree: Node, use: ConfigUse, warn: ConfigWarn): ConfigError[] {
  return (
    propertiesOf(tree, 'layers')
      // Patterns are checked one by one; a layer of packages has packages, not files, in it.
      .filter(({ name, value }) => !use.layersInUse.has(name) && findNodeAtLocation(value, ['patterns']) === undefined && findNodeAtLocation(value, ['packages']) === undefined)
      .map(({ name, keyNode }) => warn(keyNode, ['layers', name], `no analyzed file is in the layer "${name}": its evidence (folders, names, decorators) matches nothing`))
  );
}

/** A `dependencies` entry whose layer no file is in: it constrains nothing. */
function idleDependencies(tree: Node, use: ConfigUse, warn: ConfigWarn): ConfigError[] {
  return propertiesOf(tree, 'dependencies')
    .filter(({ name }) => use.knownLayers.has(name) && !use.layersInUse.has(name))
    .map(({ name, keyNode }) => warn(keyNode, ['dependencies', name], `no analyzed file is in the layer "${name}", so this entry checks nothing`));
}

/** A contract's selector (a layer, or a glob of folders or files) that picks no analyzed file. */
function emptySelectors(tree: Node, use: ConfigUse, warn: ConfigWarn): ConfigError[] {
  return contractSelectors(tree)
    .filter(({ node }) => typeof node.value === 'string' && !picksSomething(node.value, use))
    .map(({ node, jsonPath }) => {
      const selector = String(node.value);
      const why = use.knownLayers.has(selector) ? 'no file is in that layer' : 'check the path (globs are relative to the workspace root)';
      return warn(node, jsonPath, `"${selector}" picks no analyzed file, so this part of the contract checks nothing; ${why}`);
    });
}

/** Every selector of every contract, with its JSON path: `contracts[0].layers[1][0]`. */
function contractSelectors(tree: Node): { node: Node; jsonPath: (string | number)[] }[] {
  const contracts = findNodeAtLocation(tree, ['contracts']);
  if (contracts?.type !== 'array') return [];
  return (contracts.children ?? []).flatMap((contract, index) =>
    ['layers', 'modules', 'from', 'to'].flatMap((key) => {
      const list = findNodeAtLocation(contract, [key]);
      if (list?.type !== 'array') return [];
      return (list.children ?? []).flatMap((item, i) =>
        item.type === 'array' ? (item.children ?? []).map((child, j) => ({ node: child, jsonPath: ['contracts', index, key, i, j] })) : [{ node: item, jsonPath: ['contracts', index, key, i] }],
      );
    }),
  );
}

function picksSomething(selector: string, use: ConfigUse): boolean {
  if (selector.startsWith('package:')) return true;
  if (use.knownLayers.has(selector)) return use.layersInUse.has(selector);
  // An invalid glob is the configuration's error, reported when it is loaded.
  const match = globMatcher(selector);
  return match === undefined || use.files.some((file) => matchedPrefix(file, match, false) !== undefined);
}

/** A file the patterns of two layers both match: the layer listed first takes it, which is rarely what was meant. */
function contestedFiles(tree: Node, use: ConfigUse, warn: ConfigWarn): ConfigError[] {
  const patterns = propertiesOf(tree, 'layers').flatMap(({ name, value }) => {
    const list = findNodeAtLocation(value, ['patterns']);
    return list?.type === 'array'
      ? (list.children ?? []).flatMap((node, i) =>
          typeof node.value === 'string' ? [{ layer: name, match: globMatcher(node.value) ?? (() => false), base: picomatch.scan(node.value).base, node, i }] : [],
        )
      : [];
  });
  const warnings: ConfigError[] = [];
  const reported = new Set<string>();
  for (const file of use.files) {
    const claims = patterns.filter((p) => p.match(file));
    const first = claims[0];
    const second = claims.find((c) => c.layer !== first?.layer);
    // The usual idiom, a narrow pattern listed before a broad one (`src/engine/facts/**` before
    // `src/engine/**`), is what was meant: only a winner no narrower than the other is a surprise.
    if (!first || !second || isNarrower(first.base, second.base) || reported.has(`${first.layer}|${second.layer}`)) continue;
    reported.add(`${first.layer}|${second.layer}`);
    warnings.push(
      warn(
        second.node,
        ['layers', second.layer, 'patterns', second.i],
        `${path.posix.basename(file)} (${file}) is matched by the patterns of both "${first.layer}" and "${second.layer}"; "${first.layer}" takes it (listed first, and no narrower): narrow one of the patterns, or list the narrower first`,
      ),
    );
  }
  return warnings;
}

/** A pattern whose folder lies inside the other's (`src/engine/facts` inside `src/engine`). */
function isNarrower(base: string, than: string): boolean {
  return base !== than && (than === '' || base.startsWith(`${than}/`));
}
