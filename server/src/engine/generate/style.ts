import * as fs from 'node:fs';
import * as path from 'node:path';
import { relativeExtensionOf, type RelativeExtension } from '../fixes/imports';
import { quoteOf } from '../fixes/text';
import { ENABLES_VERSIONING, versionsEveryRoute } from '../rules/api/unversioned-route';
import type { DependencyGraph, FileNode } from '../graph/types';

/** How the workspace writes its backend, so generated code looks like the rest of it. */
export interface WorkspaceStyle {
  readonly framework: 'nest' | 'express';
  readonly orm: 'typeorm' | 'none';
  /** `feature`: `src/orders/orders.controller.ts`; `layered`: `src/controllers/orders.controller.ts`. */
  readonly layout: 'feature' | 'layered';
  /** The folder holding the feature folders, or the layer folders. */
  readonly root: string;
  readonly tests: 'jest' | 'vitest' | 'node';
  readonly indent: string;
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
  /** What the project's entities are keyed by: `@PrimaryGeneratedColumn('uuid')`/`ParseUUIDPipe`, or integers (`ParseIntPipe`). */
  readonly idType: 'uuid' | 'int';
  /** Where an entity goes in a feature folder: `entities/order.entity.ts`, or beside the module. */
  readonly entityFolder: 'entities' | 'feature';
  /**
   * How a Nest controller gets its version: `global` (the app sets `defaultVersion` or a versioned
   * global prefix: nothing to declare), `controller` (`enableVersioning()` without a default:
   * `version: '1'`), `path` (no versioning enabled: a `version` would change no URL, so `v1/…`).
   */
  readonly versioning: 'global' | 'controller' | 'path';
  /** `.js` when the project writes its relative imports with it (`nodenext` ES modules). */
  readonly relativeExtension: RelativeExtension;
}

export function workspaceStyle(graph: DependencyGraph, projectDir: string): WorkspaceStyle {
  const files = [...graph.files.values()].filter((n) => n.projectDir === projectDir);
  const imports = (pkg: string) => files.some((n) => n.facts.moduleRefs.some((r) => r.specifier === pkg || r.specifier.startsWith(`${pkg}/`)));
  const controller = files.find((n) => n.layer === 'controller');
  return {
    framework: imports('@nestjs/common') ? 'nest' : 'express',
    orm: imports('typeorm') || imports('@nestjs/typeorm') ? 'typeorm' : 'none',
    ...layoutOf(controller, projectDir),
    tests: testRunnerOf(projectDir),
    ...formattingOf(controller ?? files[0]),
    idType: idTypeOf(files),
    entityFolder: entityFolderOf(files),
    versioning: versioningOf(graph, projectDir, files),
    relativeExtension: relativeExtensionOf((controller ?? files[0])?.text ?? ''),
  };
}

/** Integer ids when the project's own code says so more often than it says uuid; uuid otherwise. */
function idTypeOf(files: readonly FileNode[]): WorkspaceStyle['idType'] {
  let uuid = 0;
  let int = 0;
  for (const { text } of files) {
    uuid += count(text, /ParseUUIDPipe|PrimaryGeneratedColumn\(\s*['"]uuid['"]|PrimaryColumn\(\s*['"]uuid['"]/g);
    int += count(text, /ParseIntPipe|PrimaryGeneratedColumn\(\s*(?:\)|['"](?:increment|identity)['"])/g);
  }
  return int > uuid ? 'int' : 'uuid';
}

function entityFolderOf(files: readonly FileNode[]): WorkspaceStyle['entityFolder'] {
  const entities = files.filter((n) => n.file.endsWith('.entity.ts'));
  const inFolder = entities.filter((n) => /^entit(?:y|ies)$/.test(path.posix.basename(path.posix.dirname(n.file)))).length;
  return entities.length > 0 && inFolder * 2 < entities.length ? 'feature' : 'entities';
}

function versioningOf(graph: DependencyGraph, projectDir: string, files: readonly FileNode[]): WorkspaceStyle['versioning'] {
  if (versionsEveryRoute(graph, projectDir)) return 'global';
  return files.some((n) => ENABLES_VERSIONING.test(n.text)) ? 'controller' : 'path';
}

function count(text: string, pattern: RegExp): number {
  return (text.match(pattern) ?? []).length;
}

function layoutOf(controller: FileNode | undefined, projectDir: string): Pick<WorkspaceStyle, 'layout' | 'root'> {
  if (!controller) return { layout: 'feature', root: path.posix.join(projectDir, 'src') };
  const folder = path.posix.dirname(controller.file);
  if (/^controllers?$/i.test(path.posix.basename(folder))) return { layout: 'layered', root: path.posix.dirname(folder) };
  return { layout: 'feature', root: path.posix.dirname(folder) };
}

function testRunnerOf(projectDir: string): WorkspaceStyle['tests'] {
  let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    // No readable package.json: node's own test runner needs no dependency.
    return 'node';
  }
  const dependencies = { ...manifest.dependencies, ...manifest.devDependencies };
  if ('vitest' in dependencies) return 'vitest';
  return 'jest' in dependencies || 'ts-jest' in dependencies ? 'jest' : 'node';
}

function formattingOf(sample: FileNode | undefined): Pick<WorkspaceStyle, 'indent' | 'quote' | 'semicolons'> {
  const text = sample?.text ?? '';
  const indent = /^\t/m.test(text) ? '\t' : (/^( +)\S/m.exec(text)?.[1] ?? '  ');
  return { indent: indent.length > 8 ? '  ' : indent, quote: quoteOf(text), semicolons: text === '' || /;\s*$/m.test(text) };
}
