import * as path from 'node:path';
import { findNodeAtLocation, getNodePath, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { RULES, ruleById } from '../rules/registry';
import { firstTooDeep, MAX_JSON_DEPTH } from '../text/json-depth';
import { LineIndex } from '../text/line-index';
import { readConfigFile } from '../workspace/read-config-file';
import type { Position } from '../types';
import { defaultConfig, knownLayerIds, mergeConfig, type ResolvedConfig, type RuleConfig } from './resolved';
import { configFileSchema, type ConfigFile } from './schema';

export const CONFIG_FILE_NAME = 'layerguard.json';

export interface ConfigError {
  readonly file: string;
  /** One readable sentence: where (JSON path) and what was expected. */
  readonly message: string;
  readonly start?: Position;
  readonly end?: Position;
}

export type ConfigLoad =
  | { readonly ok: true; readonly config: ResolvedConfig }
  /** The defaults to keep working with, and what is wrong with the file. */
  | { readonly ok: false; readonly errors: readonly ConfigError[]; readonly config: ResolvedConfig };

/** Loads `explicitPath`, or `<root>/layerguard.json` if it exists, or the defaults. */
export function loadConfig(root: string, explicitPath?: string): ConfigLoad {
  const file = explicitPath ? path.resolve(root, explicitPath) : path.join(root, CONFIG_FILE_NAME);
  const read = readConfigFile(file);
  if (read.ok) return parseConfig(file, read.text);
  if (read.missing && !explicitPath) return { ok: true, config: defaultConfig() };
  return { ok: false, errors: [{ file, message: `cannot read configuration: ${read.reason}` }], config: defaultConfig() };
}

/** Validates config text; never throws. Errors name the JSON path and the expected value. */
export function parseConfig(file: string, text: string): ConfigLoad {
  if (text.trim() === '') return { ok: false, errors: [{ file, message: 'invalid JSON: the file is empty; write {} for the defaults' }], config: defaultConfig() };
  const lines = new LineIndex(text);
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== undefined) {
    const message = `invalid JSON: nested more than ${MAX_JSON_DEPTH} levels deep; a Layerguard configuration is a few levels deep`;
    return { ok: false, errors: [{ file, message, start: lines.positionAt(tooDeep), end: lines.positionAt(tooDeep + 1) }], config: defaultConfig() };
  }
  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
  if (syntaxErrors.length > 0 || !tree) {
    const errors = syntaxErrors.slice(0, 5).map((e) => ({ file, message: `invalid JSON: ${describeParseError(e)}`, start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) }));
    return { ok: false, errors, config: defaultConfig() };
  }
  // Every error at once: the entries a stage rejects are set aside, and the next stages check the rest.
  const errors = structuralErrors(file, tree, lines);
  // A key written twice makes every later position ambiguous (which of the two?): those first.
  if (errors.length > 0) return { ok: false, errors, config: defaultConfig() };
  const value: unknown = nodeValue(tree);
  const parsed = configFileSchema.safeParse(value);
  if (!parsed.success) errors.push(...zodErrors(file, parsed.error, tree, lines));
  const data = parsed.success ? parsed.data : withoutRejected(value, parsed.error);
  if (!data) return { ok: false, errors, config: defaultConfig() };
  const semantic = semanticErrors(file, data, tree, lines);
  errors.push(...semantic.errors);
  const config = mergeConfig(file, data, semantic.rules);
  errors.push(...policyLayerErrors(file, data, knownLayerIds(config), tree, lines));
  return errors.length > 0 ? { ok: false, errors: byPosition(errors).slice(0, MAX_CONFIG_ERRORS), config: defaultConfig() } : { ok: true, config };
}

/** Enough to fix a file in one pass; a file with more is better rewritten from `layerguard init`. */
const MAX_CONFIG_ERRORS = 20;

/**
 * The configuration without the entries the schema rejected (`rules.<id>`, `layers.<name>`, or a
 * whole top-level key), so the later stages can check the rest; `undefined` when even that fails.
 */
function withoutRejected(value: unknown, error: z.ZodError): ConfigFile | undefined {
  if (!isPlainObject(value)) return undefined;
  const rest: Record<string, unknown> = { ...value };
  for (const issue of error.issues) {
    // An unknown key is reported at the object holding it: set aside the key, not the object.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const key of issue.keys) delete rest[key];
      continue;
    }
    const [key, entry] = path;
    if (key === undefined) return undefined;
    const section = rest[String(key)];
    if (entry !== undefined && isPlainObject(section)) {
      const { [String(entry)]: _rejected, ...kept } = section;
      rest[String(key)] = kept;
    } else delete rest[String(key)];
  }
  const again = configFileSchema.safeParse(rest);
  return again.success ? again.data : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What JSON allows and a configuration never means: a key written twice (the last one silently
 * wins, and the error would name the wrong one) and a number too large to be one (`1e400` reads
 * as Infinity). The tree is at most `MAX_JSON_DEPTH` deep here.
 */
function structuralErrors(file: string, tree: Node, lines: LineIndex): ConfigError[] {
  const errors: ConfigError[] = [];
  const pending: Node[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'number' && !Number.isFinite(node.value)) errors.push(located(file, node, lines, 'the number is too large'));
    if (node.type === 'object') errors.push(...duplicateKeys(file, node, lines));
    pending.push(...(node.children ?? []));
  }
  return byPosition(errors).slice(0, 10);
}

/** Top to bottom, as the user reads the file. */
function byPosition(errors: readonly ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => (a.start?.line ?? 0) - (b.start?.line ?? 0) || (a.start?.character ?? 0) - (b.start?.character ?? 0));
}

function duplicateKeys(file: string, object: Node, lines: LineIndex): ConfigError[] {
  const seen = new Set<string>();
  const errors: ConfigError[] = [];
  for (const property of object.children ?? []) {
    const key = property.children?.[0];
    if (!key) continue;
    const name = String(key.value);
    if (seen.has(name)) errors.push(located(file, key, lines, `"${name}" is written twice; JSON keeps only the last, so write it once`, [...getNodePath(object), name]));
    seen.add(name);
  }
  return errors;
}

/** An error on a node, named by its JSON path. */
function located(file: string, node: Node, lines: LineIndex, message: string, jsonPath: JsonPath = getNodePath(node)): ConfigError {
  const where = jsonPath.length > 0 ? `at ${formatPath(jsonPath)}: ` : '';
  return { file, message: `${where}${message}`, start: lines.positionAt(node.offset), end: lines.positionAt(node.offset + node.length) };
}

function nodeValue(tree: Node): unknown {
  // jsonc-parser's getNodeValue, inlined to keep `unknown` instead of `any`.
  switch (tree.type) {
    case 'object':
      return Object.fromEntries((tree.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? nodeValue(p.children[1]) : undefined]));
    case 'array':
      return (tree.children ?? []).map(nodeValue);
    default:
      return tree.value as unknown;
  }
}

function semanticErrors(file: string, parsed: ConfigFile, tree: Node, lines: LineIndex): { errors: ConfigError[]; rules: Map<string, RuleConfig> } {
  const errors: ConfigError[] = [];
  const rules = new Map<string, RuleConfig>();
  for (const [id, setting] of Object.entries(parsed.rules ?? {})) {
    const rule = ruleById(id);
    if (!rule) {
      errors.push(at(file, ['rules', id], tree, lines, `unknown rule "${id}"; known rules: ${RULES.map((r) => r.meta.id).join(', ')}`, 'key'));
      continue;
    }
    const severity = typeof setting === 'string' ? setting : setting.severity;
    const options = rule.parseOptions(typeof setting === 'string' ? undefined : setting.options);
    if (!options.ok) {
      errors.push(...zodErrors(file, options.error, tree, lines, ['rules', id, 'options']));
      continue;
    }
    rules.set(id, { ...(severity ? { severity } : {}), options: options.value });
  }
  return { errors, rules };
}

function policyLayerErrors(file: string, parsed: ConfigFile, layers: ReadonlySet<string>, tree: Node, lines: LineIndex): ConfigError[] {
  const errors: ConfigError[] = [];
  const known = [...layers].join(', ');
  for (const [from, entry] of Object.entries(parsed.dependencies ?? {})) {
    if (!layers.has(from)) errors.push(at(file, ['dependencies', from], tree, lines, `unknown layer "${from}"; known layers: ${known}`, 'key'));
    for (const list of ['allow', 'forbid'] as const) {
      (entry[list] ?? []).forEach((to, i) => {
        if (!layers.has(to)) errors.push(at(file, ['dependencies', from, list, i], tree, lines, `unknown layer "${to}"; known layers: ${known}`));
      });
    }
  }
  return errors;
}

type JsonPath = (string | number)[];

function zodErrors(file: string, error: z.ZodError, tree: Node, lines: LineIndex, prefix: JsonPath = []): ConfigError[] {
  return error.issues.slice(0, 10).map((issue) => {
    const issuePath = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return at(file, [...issuePath, key], tree, lines, `unknown property "${key}"${allowedKeysHint(issuePath)}`, 'key');
    }
    const found = findNodeAtLocation(tree, issuePath);
    const got = found ? ` (found ${JSON.stringify(nodeValue(found))})` : '';
    const message = issue.code === 'invalid_union' ? `expected ${issue.errors.map(describeBranch).join(' or ')}` : issue.message;
    return at(file, issuePath, tree, lines, `${message}${got}`);
  });
}

/** One alternative of a union, from the first issue it raised: `"off" | "info"`, or `an object`. */
function describeBranch(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (first?.code === 'invalid_value') return first.values.map((v) => JSON.stringify(v)).join(' | ');
  if (first?.code === 'invalid_type') return `${first.expected === 'object' ? 'an' : 'a'} ${first.expected}`;
  return first?.message ?? 'a valid value';
}

function allowedKeysHint(issuePath: JsonPath): string {
  return issuePath.length === 0 ? '; allowed: $schema, preset, modules, contracts, layers, dependencies, rules, ignore, includeTests' : '';
}

function at(file: string, jsonPath: JsonPath, tree: Node, lines: LineIndex, message: string, part: 'key' | 'value' = 'value'): ConfigError {
  const node = findNodeAtLocation(tree, jsonPath);
  const target = part === 'key' && node?.parent?.type === 'property' ? node.parent.children?.[0] : node;
  const where = jsonPath.length > 0 ? `at ${formatPath(jsonPath)}: ` : '';
  return {
    file,
    message: `${where}${message}`,
    ...(target ? { start: lines.positionAt(target.offset), end: lines.positionAt(target.offset + target.length) } : {}),
  };
}

/** `rules["layering/cycle"].options`, `layers.controller.patterns[0]`. */
export function formatPath(jsonPath: JsonPath): string {
  return jsonPath
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(part)) return i === 0 ? part : `.${part}`;
      return `[${JSON.stringify(part)}]`;
    })
    .join('');
}

function describeParseError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}
