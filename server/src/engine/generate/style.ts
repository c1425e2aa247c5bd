import * as fs from 'node:fs';
import * as path from 'node:path';
import { quoteOf } from '../fixes/text';
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
  };
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
