import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DependencyGraph } from '../graph/types';
import { addToModuleList } from '../fixes/nest-module';
import { Rewrite } from '../fixes/rewrite';
import type { Fix } from '../types';
import { dto, expressController, expressRouter, nestController, nestModule, serviceTest } from './http-templates';
import { pathsFor, type Part } from './layout';
import { resourceNames } from './names';
import { workspaceStyle, type WorkspaceStyle } from './style';
import { entity, importer, repository, service, type TemplateInput } from './templates';

export type GenerateResult = { readonly ok: true; readonly fix: Fix; readonly files: readonly string[] } | { readonly ok: false; readonly error: string };

const NEST_PARTS: readonly Part[] = ['controller', 'service', 'repository', 'dto', 'entity', 'module', 'test'];
const EXPRESS_PARTS: readonly Part[] = ['controller', 'router', 'service', 'repository', 'dto', 'entity', 'test'];

const TEMPLATES: Readonly<Record<Part, (input: TemplateInput) => string>> = {
  controller: (input) => (input.style.framework === 'nest' ? nestController(input) : expressController(input)),
  router: expressRouter,
  service,
  repository,
  dto,
  entity,
  module: nestModule,
  test: serviceTest,
};

/**
 * Generate Resource: a controller, service, repository, DTO, entity, module (NestJS) or router
 * (Express) and a service test for `name`, in the framework, folders and formatting the project
 * already uses; a NestJS module is added to the imports of `AppModule`. Never overwrites a file.
 */
export function generateResource(graph: DependencyGraph, projectDir: string, name: string): GenerateResult {
  const names = resourceNames(name);
  if (!names) return { ok: false, error: `"${name}" is not a resource name: use lowercase words separated by dashes, e.g. orders or order-items.` };
  const style = workspaceStyle(graph, projectDir);
  const paths = pathsFor(style, names);
  const parts = style.framework === 'nest' ? NEST_PARTS : EXPRESS_PARTS;
  const taken = parts.map((p) => paths[p]).find((file) => graph.files.has(file) || fs.existsSync(file));
  if (taken) return { ok: false, error: `${path.posix.relative(projectDir, taken)} already exists; pick another name.` };
  const input: TemplateInput = { names, style, from: importer(paths, style) };
  const createFiles = parts.map((part) => ({ file: paths[part], text: formatted(TEMPLATES[part](input), style) }));
  const edits = style.framework === 'nest' ? registerInAppModule(graph, projectDir, `${names.Plural}Module`, paths.module) : [];
  const fix: Fix = { id: 'generate-resource', title: `Generate ${names.kebab}`, safe: false, edits, createFiles };
  return { ok: true, fix, files: createFiles.map((c) => c.file) };
}

/** Templates are written with tabs, single quotes and semicolons; the project's own style wins. */
function formatted(text: string, style: WorkspaceStyle): string {
  return text
    .split('\n')
    .map((line) => {
      const indented = line.replace(/^\t+/, (tabs) => style.indent.repeat(tabs.length));
      const quoted = style.quote === '"' ? indented.replace(/'/g, '"') : indented;
      return style.semicolons ? quoted : quoted.replace(/;$/, '');
    })
    .join('\n');
}

/** Adds the new module to the `imports` of the application's root module, when there is one. */
function registerInAppModule(graph: DependencyGraph, projectDir: string, moduleClass: string, moduleFile: string): Fix['edits'] {
  const appModule = [...graph.files.values()].find((n) => n.projectDir === projectDir && path.posix.basename(n.file) === 'app.module.ts');
  if (!appModule) return [];
  const rewrite = new Rewrite(graph);
  const sourceFile = rewrite.file(appModule.file);
  if (!sourceFile || !addToModuleList(sourceFile, 'imports', { className: moduleClass, file: moduleFile }, 'first')) return [];
  return rewrite.toFix({ id: 'register', title: 'register', safe: false }).edits;
}
