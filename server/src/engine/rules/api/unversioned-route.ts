import * as path from 'node:path';
import { z } from 'zod';
import type { ClassFact, StaticValue } from '../../facts/types';
import type { DependencyGraph, FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { TextRange } from '../../types';
import { dottedName, filesToCheck, rangeOf, walk } from '../syntax';
import { perFileNode, perGraph, perParsedFile } from '../../memo';
import { localInitializer, moduleInitializer } from '../local-values';
import { defineRule } from '../types';
import { declaredValue } from '../declared-values';

const options = z
  .object({
    /** Report only in a workspace that shows it has machine clients (see `projectsWithOutsideClients`); false reports every API. */
    onlyWithOutsideClients: z.boolean().default(true),
    /**
     * Report only in an app that versions none of its routes (see `projectsVersioningSomeRoutes`):
     * one that versions part of its API chose its contract. False reports every unversioned route.
     */
    onlyWhereNothingIsVersioned: z.boolean().default(true),
  })
  .strict();

const VERSIONED_PATH = /(?:^|\/)(?:v\d+(?:\.\d+)?|\{?\/?:version\}?)(?:[/{]|$)/i;
/**
 * Endpoints outside the versioned API: operational and static ones, receivers whose contract a
 * third party owns (webhooks, OAuth callbacks, an auth library's sign-in routes), pass-throughs
 * whose contract the user defines (proxies, mock servers), and tRPC, whose client is built from
 * the same code.
 */
const EXEMPT_PATH =
  /(?:^|\/)_*(?:health|healthz|health-check|healthcheck|ready|readiness|readyz|live|liveness|livez|metrics|status|ping|static|public|assets|docs|swagger|api-docs|favicon\.ico|\.well-known|webhooks?|hooks|callbacks?|oauth|auth|sso|saml|oidc|openid|proxy|mocks?|private|internal|trpc)(?:[/_-]|$)/i;
/** Method decorators of HTTP routes (message and RPC handlers have no HTTP contract to version). */
const HTTP_ROUTE_DECORATOR = /^(?:Get|Post|Put|Patch|Delete|All|Head|Options|Sse|Render)$/;

const ADVICE = 'Clients cannot be moved to a new contract without a version: prefix the path (/v1) or declare a version.';

/** `/*`, `*`: a catch-all that serves pages or intercepts requests, not an API's path. */
const CATCH_ALL = /^\/?\*$/;

function needsVersion(path: string): boolean {
  return !VERSIONED_PATH.test(path) && !EXEMPT_PATH.test(path) && !CATCH_ALL.test(path);
}

/**
 * Controllers whose module NestJS's `RouterModule` mounts under a versioned path
 * (`{ path: '/api/v2', module: PublicApiModule }` in the routes given to `RouterModule.register`):
 * the controllers that module declares serve `/api/v2/…`.
 */
const routerVersionedControllers = perGraph((graph: DependencyGraph): ReadonlySet<string> => {
  const modules = new Set<string>();
  for (const node of graph.files.values()) for (const name of versionedRouteModules(node, graph)) modules.add(name);
  const controllers = new Set<string>();
  if (modules.size === 0) return controllers;
  for (const node of graph.files.values()) {
    for (const cls of node.facts.classes) if (cls.name && modules.has(cls.name)) for (const name of declaredControllers(cls)) controllers.add(name);
  }
  return controllers;
});

/** `@Module({ controllers: [A, B] })` → A, B. */
function declaredControllers(cls: ClassFact): string[] {
  const metadata = cls.decorators.find((d) => d.name === 'Module')?.args[0];
  const listed = metadata?.kind === 'object' ? metadata.properties['controllers'] : undefined;
  return listed?.kind === 'array' ? listed.elements.flatMap((c) => (c.kind === 'identifier' ? [c.name] : [])) : [];
}

/** Module names a file's route table (`{ path, module }` entries) mounts under a versioned path. */
function versionedRouteModules(node: FileNode, graph: DependencyGraph): string[] {
  if (!node.sourceFile.text.includes('RouterModule')) return [];
  const found: string[] = [];
  walk(node.sourceFile, (n) => {
    if (!ts.isObjectLiteralExpression(n)) return true;
    const property = (name: string) => n.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer;
    const pathValue = property('path');
    const moduleValue = property('module');
    if (!pathValue || !moduleValue || !ts.isIdentifier(moduleValue)) return true;
    const mounted = ts.isStringLiteralLike(pathValue) ? pathValue.text : ts.isIdentifier(pathValue) ? knownString({ kind: 'identifier', name: pathValue.text }, node, graph) : undefined;
    if (mounted !== undefined && VERSIONED_PATH.test(mounted)) found.push(moduleValue.text);
    return true;
  });
  return found;
}

/** Nest routes a controller's `version` only once the app calls `enableVersioning()`. */
export const ENABLES_VERSIONING = /\.enableVersioning\s*\(/;

/** Projects whose NestJS app versions every route: `enableVersioning({ defaultVersion })` or a versioned global prefix. */
const globallyVersionedProjects = perGraph((graph: DependencyGraph): ReadonlySet<string> => {
  const projects = new Set<string>();
  for (const node of graph.files.values()) if (versionsFileRoutes(node.sourceFile)) projects.add(node.projectDir);
  return projects;
});

/** The project's NestJS app versions every route itself: a controller declares no version of its own. */
export function versionsEveryRoute(graph: DependencyGraph, projectDir: string): boolean {
  return globallyVersionedProjects(graph).has(projectDir);
}

const versionsFileRoutes = perParsedFile((sourceFile) => {
  if (!sourceFile.text.includes('enableVersioning') && !sourceFile.text.includes('setGlobalPrefix')) return false;
  let versions = false;
  walk(sourceFile, (n) => {
    if (ts.isCallExpression(n) && versionsGlobally(n, sourceFile)) versions = true;
    return !versions;
  });
  return versions;
});

function versionsGlobally(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const method = call.expression.name.text;
  const arg = call.arguments[0];
  if (method === 'enableVersioning' && arg && ts.isObjectLiteralExpression(arg)) return arg.properties.some((p) => p.name?.getText(sf) === 'defaultVersion');
  return method === 'setGlobalPrefix' && arg !== undefined && ts.isStringLiteralLike(arg) && VERSIONED_PATH.test(arg.text);
}

/**
 * The path and whether a version is declared, from `@Controller('x')`, `@Controller(Routes.X)` (a
 * constant of this file or an imported one) or `@Controller({ path, version })`; `path` is undefined
 * when it cannot be known.
 */
function controllerRoute(arg: StaticValue | undefined, node: FileNode, graph: DependencyGraph): { path: string | undefined; version: boolean } {
  if (!arg) return { path: '', version: false };
  if (arg.kind === 'object') {
    const path = arg.properties['path'];
    return { path: path ? knownString(path, node, graph) : '', version: arg.properties['version'] !== undefined };
  }
  return { path: knownString(arg, node, graph), version: false };
}

/** A string literal, or a constant (`ROUTES_PREFIX`, `Routes.Users`) declared here or in the file it is imported from. */
function knownString(value: StaticValue, node: FileNode, graph: DependencyGraph): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind !== 'identifier') return undefined;
  return declaredValue(graph, node, value.name, value.member, (facts, key) => facts.stringConstants.get(key));
}

/** A controller whose handlers answer HTTP: at least one route decorator, or no handler decorators at all (routes added elsewhere). */
function servesHttp(cls: ClassFact, node: FileNode): boolean {
  const declaration = node.sourceFile.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === cls.name);
  if (!declaration || !ts.isClassDeclaration(declaration)) return true;
  const decoratorNames = declaration.members.flatMap((m) =>
    (ts.canHaveDecorators(m) ? (ts.getDecorators(m) ?? []) : []).map(
      (d) =>
        dottedName(ts.isCallExpression(d.expression) ? d.expression.expression : d.expression)
          .split('.')
          .pop() ?? '',
    ),
  );
  return decoratorNames.length === 0 || decoratorNames.some((name) => HTTP_ROUTE_DECORATOR.test(name));
}

function methodsDeclareVersion(cls: ClassFact, node: FileNode): boolean {
  const declaration = node.sourceFile.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === cls.name);
  if (!declaration || !ts.isClassDeclaration(declaration)) return false;
  return declaration.members.some((m) => (ts.canHaveDecorators(m) ? (ts.getDecorators(m) ?? []) : []).some((d) => /\bVersion\(/.test(d.getText(node.sourceFile))));
}

/** Mount paths of Express/Fastify/Koa apps: `app.use('/users', router)`, `register(p, { prefix })`, `new Router({ prefix })`. */
function mountPath(n: ts.Node): ts.StringLiteralLike | undefined {
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
    const method = n.expression.name.text;
    const first = n.arguments[0];
    if (method === 'use' && n.arguments.length >= 2 && first && ts.isStringLiteralLike(first) && first.text.startsWith('/')) return first;
    if (method === 'register') return prefixOf(n.arguments[1]);
  }
  if (ts.isNewExpression(n) && dottedName(n.expression).endsWith('Router')) return prefixOf(n.arguments?.[0]);
  return undefined;
}

function prefixOf(arg: ts.Expression | undefined): ts.StringLiteralLike | undefined {
  if (!arg || !ts.isObjectLiteralExpression(arg)) return undefined;
  for (const p of arg.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'prefix' && ts.isStringLiteralLike(p.initializer)) return p.initializer;
  }
  return undefined;
}

/**
 * The app authenticates clients it does not release with: an API-key guard, strategy, middleware or
 * check, an `x-api-key` header, client credentials sent as headers, passport's header API-key
 * strategy or an OpenAPI API-key scheme. (A personal access token named in code is as often one the
 * app sends to GitHub as one it issues: only a feature that issues them counts.)
 */
const MACHINE_CLIENT_AUTH =
  /\b\w*api_?key\w*(?:guard|strategy|middleware|hook|auth)\b|\b(?:verify|validate|authenticate|check|require)\w*api_?key|['"`](?:x-)?api-key['"`]|['"`][\w-]*-client-secret['"`]|passport-headerapikey|\.addApiKey\(/i;
/**
 * A feature of the app that issues such credentials: `api-keys/`, `personal-access-token.service.ts`.
 * A bare `access-token` entity or strategy is as often the store of users' login sessions.
 */
const CREDENTIAL_FEATURE = /(?:^|\/)(?:api[-_]?keys?|personal[-_]?access[-_]?tokens?)(?:[./]|$)/i;

/**
 * A version is for clients that are not released with the API: integrations and SDKs calling it
 * with keys or tokens the app issues. An app whose only client is its own front end changes both
 * together, and on real backends nearly every unversioned route of such an app was judged not
 * worth hearing; so without that evidence the rule is silent. Judged per project: one app's API
 * keys say nothing of the app opened beside it.
 */
const projectsWithOutsideClients = perGraph((graph: DependencyGraph): ReadonlySet<string> => {
  const projects = new Set<string>();
  for (const node of graph.files.values()) {
    if (node.layer === 'tooling' || projects.has(node.projectDir)) continue;
    if (speaksToOutsideClients(graph.root, node)) projects.add(node.projectDir);
  }
  return projects;
});

/** A file of a credentials feature, or one authenticating machines (API keys, client secrets). */
function speaksToOutsideClients(root: string, node: FileNode): boolean {
  return CREDENTIAL_FEATURE.test(path.posix.relative(root, node.file)) || authenticatesMachines(node);
}

const authenticatesMachines = perFileNode((node: FileNode) => MACHINE_CLIENT_AUTH.test(node.text));

const declaresVersionedRoute = perFileNode((node: FileNode) => VERSIONED_ROUTE_TEXT.test(node.text));

/**
 * A route path or mount that starts with a version: `'/v1'`, `'v2/users'`, `'/api/v1/…'`, or a
 * NestJS version declared on a controller or a handler. (A version deep in a path, such as a
 * proxied `/openai/v1/chat`, is someone else's.)
 */
const VERSIONED_ROUTE_TEXT = /['"`]\/?(?:api\/)?v\d+(?:\.\d+)?(?:\/[^'"`\s]*)?['"`]|@Version\(|@Controller\(\s*\{[^}]*\bversion\s*:/;
const ROUTE_LAYERS: ReadonlySet<string> = new Set(['controller', 'router', 'composition-root']);

/**
 * Projects that version part of their API (`/api/v1`, `@Controller({ version: '1' })`): the team
 * chose which routes are the contract outside clients hold to. The routes it left unversioned are
 * the ones its own front end calls, released with the server; reviewers rated them a matter of
 * taste at best.
 */
const projectsVersioningSomeRoutes = perGraph((graph: DependencyGraph): ReadonlySet<string> => {
  const projects = new Set<string>();
  for (const node of graph.files.values()) {
    if (node.layer === undefined || !ROUTE_LAYERS.has(node.layer) || node.exempt !== undefined || projects.has(node.projectDir)) continue;
    if (declaresVersionedRoute(node)) projects.add(node.projectDir);
  }
  return projects;
});

export const unversionedRoute = defineRule({
  meta: {
    id: 'api/unversioned-route',
    description: 'An HTTP API is mounted or declared without a version (/v1, a NestJS version), so its contract cannot evolve safely.',
    defaultSeverity: 'info',
    fixable: true,
  },
  options,
  // Each set sorted on its own: sorted together, a project moving from one set to another would leave the key unchanged.
  perFile: (graph) =>
    [projectsWithOutsideClients(graph), globallyVersionedProjects(graph), routerVersionedControllers(graph), projectsVersioningSomeRoutes(graph)].map((set) => [...set].sort().join('\n')).join('|'),
  check(context) {
    const outsideClients = projectsWithOutsideClients(context.graph);
    const partlyVersioned = projectsVersioningSomeRoutes(context.graph);
    const versionedProjects = globallyVersionedProjects(context.graph);
    const versionedControllers = routerVersionedControllers(context.graph);
    for (const node of filesToCheck(context)) {
      if (context.options.onlyWithOutsideClients && !outsideClients.has(node.projectDir)) continue;
      if (context.options.onlyWhereNothingIsVersioned && partlyVersioned.has(node.projectDir)) continue;
      const report = (range: TextRange, message: string) => context.report({ file: node.file, range, message: `${message} ${ADVICE}` });
      if (!versionedProjects.has(node.projectDir)) checkControllers(node, context.graph, versionedControllers, report);
      if (node.layer === 'composition-root' || node.layer === 'router') {
        // One finding per path: \`app.use('/api', auth)\`, \`app.use('/api', noCache)\`… stack middleware on one unversioned API.
        const reported = new Set<string>();
        context.walkFile(node, (n) =>
          checkMount(n, node, context.graph, (range, message, mounted) => {
            if (reported.has(mounted)) return;
            reported.add(mounted);
            report(range, message);
          }),
        );
      }
    }
  },
});

type Report = (range: TextRange, message: string) => void;

/** `src/api/private/…`: the team files these controllers as its own front end's, not a public contract. */
const PRIVATE_FOLDER = /(?:^|\/)(?:private|internal)(?:-api)?\//i;

function checkControllers(node: FileNode, graph: DependencyGraph, versionedControllers: ReadonlySet<string>, report: Report): void {
  if (PRIVATE_FOLDER.test(path.posix.relative(graph.root, node.file))) return;
  for (const cls of node.facts.classes) {
    const decorator = cls.decorators.find((d) => d.name === 'Controller');
    if (!decorator || !servesHttp(cls, node) || (cls.name !== undefined && versionedControllers.has(cls.name))) continue;
    const route = controllerRoute(decorator.args[0], node, graph);
    // `@Controller()` serves the root (an index or home page); a path we cannot read may hold a version.
    if (route.path === undefined || route.path.replace(/\//g, '') === '') continue;
    if (route.version || !needsVersion(route.path) || methodsDeclareVersion(cls, node)) continue;
    report(decorator.range, `Unversioned API: the ${cls.name ?? 'controller'} routes have no version.`);
  }
}

/** `app.use('/images', express.static('uploads'))`: files, not an API contract. */
function servesFiles(mount: ts.CallExpression): boolean {
  const handler = mountedHandler(mount);
  return handler !== undefined && isStaticServer(handler, 0);
}

/** \`express.static(dir)\`, also wrapped (\`withTag(express.static(dir))\`) or held in a local first. */
function isStaticServer(expr: ts.Expression, depth: number): boolean {
  if (depth > 2) return false;
  if (ts.isIdentifier(expr)) {
    const initializer = localInitializer(expr);
    return initializer !== undefined && isStaticServer(initializer, depth + 1);
  }
  if (!ts.isCallExpression(expr)) return false;
  if (/(?:^|\.)(?:static|serveStatic|serve-static)$/.test(dottedName(expr.expression))) return true;
  return expr.arguments.some((a) => isStaticServer(a, depth + 1));
}

/**
 * The same router is also mounted under a versioned path in this file (`app.use('/api/v2', api)`
 * and `app.use('/api', api)`): the unversioned mount is an alias kept for old clients.
 */
function alsoMountedVersioned(mount: ts.CallExpression, sf: ts.SourceFile): boolean {
  const handler = mountedHandler(mount);
  if (!handler) return false;
  const text = handler.getText(sf);
  return mountsIn(sf).some((other) => other.call !== mount && VERSIONED_PATH.test(other.path.text) && mountedHandler(other.call)?.getText(sf) === text);
}

/** The file's mounts by call (\`app.use('/api', …)\`, \`server.register(…, { prefix })\`), found once per parsed text. */
const mountsIn = perParsedFile((sf: ts.SourceFile): { call: ts.CallExpression; path: ts.StringLiteralLike }[] => {
  const mounts: { call: ts.CallExpression; path: ts.StringLiteralLike }[] = [];
  walk(sf, (n) => {
    const path = ts.isCallExpression(n) ? mountPath(n) : undefined;
    if (path && ts.isCallExpression(n)) mounts.push({ call: n, path });
  });
  return mounts;
});

/**
 * \`app.use('/graphql', rateLimiter)\` beside \`app.use('/graphql/v1', …)\` and \`app.use('/graphql/v2', …)\`:
 * the API under that path is versioned, and the unversioned mount is what all versions share
 * (middleware), or an alias of one.
 */
function versionedBelow(path: string, sf: ts.SourceFile): boolean {
  const prefix = `${path.replace(/\/+$/, '')}/`;
  return mountsIn(sf).some((other) => other.path.text.startsWith(prefix) && VERSIONED_PATH.test(other.path.text.slice(prefix.length - 1)));
}

/** What a mount hands the path to: its last argument (`app.use('/api', auth, api)` → `api`). */
function mountedHandler(mount: ts.CallExpression): ts.Expression | undefined {
  return mount.arguments[mount.arguments.length - 1];
}

/** Names of what runs before the routes rather than answering them: `authMiddleware`, `rateLimiter`, `cors()`, `express.json()`. */
const MIDDLEWARE_NAME = /middleware|^auth|limit|cors|session|parser|guard|cache|logger|helmet|compress|csrf|cookie|timeout|json|urlencoded|notFound/i;

/** `app.use('/api', this._userIdMiddleware)`, `app.use('/api', rateLimit({ … }))`: middleware on every path under the mount, not an API. */
function mountsMiddleware(mount: ts.CallExpression): boolean {
  const handler = mountedHandler(mount);
  if (!handler || !ts.isPropertyAccessExpression(mount.expression) || mount.expression.name.text !== 'use') return false;
  // `app.use('/api', (req, res) => res.status(404).end())`: a catch-all for every path under the mount.
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) return true;
  const named = ts.isCallExpression(handler) ? handler.expression : handler;
  const name = ts.isIdentifier(named) ? named.text : ts.isPropertyAccessExpression(named) ? named.name.text : undefined;
  return name !== undefined && MIDDLEWARE_NAME.test(name) && !/router|routes|api$/i.test(name);
}

/** A route path (or a sub-router's mount) in a router file: `router.get('/v2/users', …)`, `router.use('/health', …)`. */
const ROUTE_PATHS = /\.(?:get|post|put|patch|delete|all|use|route)\(\s*['"`](\/[^'"`]*)['"`]/g;

/**
 * The router mounted is the app's own file, and every path it declares is versioned or needs none
 * (`scim.use('/v2', v2)`, only `/health` and `/ready`): the version, or the lack of a contract,
 * is below this mount.
 */
function versionedInMountedFile(mount: ts.CallExpression, node: FileNode, graph: DependencyGraph): boolean {
  const handler = mountedHandler(mount);
  const targets = handler && ts.isIdentifier(handler) ? routerFilesOf(handler, node, graph) : [];
  return targets.some((target) => {
    const paths = [...target.text.matchAll(ROUTE_PATHS)].map((m) => m[1] ?? '');
    return paths.length > 0 && paths.every((p) => !needsVersion(p) || VERSIONED_PATH.test(p));
  });
}

/**
 * The app's files a mounted router may come from: imported as it is (`import { api } from './api'`),
 * or built by an imported factory into a local first (`const scim = enabled ? buildScimRouter() : …`).
 */
function routerFilesOf(handler: ts.Identifier, node: FileNode, graph: DependencyGraph): FileNode[] {
  const initializer = localInitializer(handler) ?? moduleInitializer(handler);
  const names = [handler.text];
  if (initializer) walk(initializer, (n) => void (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.push(n.expression.text)));
  const bindings = node.facts.moduleRefs.flatMap((r) => r.bindings);
  return names.flatMap((name) => {
    const binding = bindings.find((b) => b.local === name);
    const edge = binding && graph.outgoing(node.file).find((e) => !e.external && e.names.includes(binding.imported));
    const target = edge && graph.files.get(edge.to);
    return target ? [target] : [];
  });
}

/** Mounts in the composition root (and Koa routers' prefixes) decide the public paths. */
function checkMount(n: ts.Node, node: FileNode, graph: DependencyGraph, report: (range: TextRange, message: string, path: string) => void): void {
  const path = mountPath(n);
  // A mount at the root adds no segment: the version belongs where the API itself is mounted.
  if (!path || path.text.replace(/\//g, '') === '' || !needsVersion(path.text)) return;
  if (ts.isCallExpression(n) && node.layer !== 'composition-root') return;
  if (
    ts.isCallExpression(n) &&
    (servesFiles(n) || mountsMiddleware(n) || alsoMountedVersioned(n, node.sourceFile) || versionedBelow(path.text, node.sourceFile) || versionedInMountedFile(n, node, graph))
  )
    return;
  report(rangeOf(path, node.sourceFile), `Unversioned API: "${path.text}" is mounted without a version.`, path.text.replace(/\/+$/, ''));
}
