import * as path from 'node:path';
import { readConfigFile } from '../workspace/read-config-file';

/** A snippet of `snippets/<language>.json`: `packages` are what its code needs installed. */
export interface SnippetEntry {
  readonly name: string;
  readonly prefix: string;
  readonly packages: readonly string[];
  readonly description: string;
  readonly body: readonly string[];
}

/** The frameworks that serve HTTP requests, by their packages, the first installed winning (Nest runs on Express or Fastify). */
const FRAMEWORKS: readonly RegExp[] = [/^@nestjs\//, /^(?:fastify|@fastify\/.*)$/, /^(?:koa|@koa\/.*)$/, /^(?:hono|@hono\/.*)$/, /^express$/];

/**
 * The snippets worth offering where these packages are installed, the framework's first: a Nest
 * project sees its controller, service and module before the TypeORM and BullMQ helpers, and no
 * Express or Fastify code it cannot run. Unknown packages (no package.json found), or none a
 * snippet needs, offer everything in file order.
 */
export function snippetsFor(entries: readonly SnippetEntry[], installed: ReadonlySet<string> | undefined): SnippetEntry[] {
  const usable = installed ? entries.filter((e) => e.packages.every((p) => installed.has(p))) : [];
  // Nothing usable (a project that installed nothing yet): nothing says which to leave out.
  if (!installed || usable.length === 0) return [...entries];
  const framework = FRAMEWORKS.find((family) => [...installed].some((p) => family.test(p)));
  const rank = (e: SnippetEntry) => (framework !== undefined && e.packages.some((p) => framework.test(p)) ? 0 : 1);
  return usable.map((entry, order) => ({ entry, order })).sort((a, b) => rank(a.entry) - rank(b.entry) || a.order - b.order).map(({ entry }) => entry);
}

/**
 * The packages a file's project declares (dependencies of every kind) in the nearest package.json
 * at or above its folder, up to `root`; undefined when there is none, or none that can be read.
 */
export function installedPackages(file: string, root: string): ReadonlySet<string> | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = declaredPackages(path.join(dir, 'package.json'));
    if (manifest) return manifest;
    if (dir === root || !dir.startsWith(`${root}/`) || path.dirname(dir) === dir) return undefined;
  }
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function declaredPackages(file: string): ReadonlySet<string> | undefined {
  const read = readConfigFile(file);
  if (!read.ok) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    // A package.json being edited is often invalid for a moment: its folder says nothing then.
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = (parsed as Record<string, unknown>)[field];
    if (deps !== null && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
  }
  return names;
}
