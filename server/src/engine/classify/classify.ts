import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ClassFact, DecoratorFact, FileFacts, ModuleRef } from '../facts/types';
import { areaNameOf, yieldsToInnerArea, type AreaOfLayer } from './area-words';

/** Area folders of ports: below the domain, they are the domain's. */
const PORT_AREAS: ReadonlySet<string> = new Set(['ports', 'port']);
import { CLIENT_ONLY_EXPORTS, NEUTRAL_FOLDERS, NEUTRAL_PACKAGES, SCHEMA_ONLY_EXPORTS, SCHEMA_ONLY_SUBPATHS, sortsOneKind, type LayerDefinition, type LayerId } from './layers';
import { localVerdict, type GraphCheck } from './behaviour';
import { exemptionOf, type ScopeInput } from './scope';
import { packageNameOf } from '../workspace/resolver';

/** Layers a file's strong evidence puts it in whatever area folder it sits in: the app's edge. */
const EDGE_ROLES: ReadonlySet<LayerId> = new Set(['composition-root', 'controller', 'router', 'middleware', 'module', 'command', 'query']);

/** Layers whose decorated classes declare shapes or wiring rather than do anything. */
const DECLARATIVE_LAYERS: ReadonlySet<LayerId> = new Set(['model', 'dto', 'module']);

/** One piece of evidence about a file's layer, and what became of it. */
export interface EvidenceNote {
  /** The layer the evidence points to; undefined for evidence that a file belongs to no layer (wiring). */
  readonly layer?: LayerId;
  /** What was seen: `file name users.controller.ts`, `decorator @Controller`. */
  readonly evidence: string;
  /** `decided` the layer; `overruled` by what the file does; `weaker` than the deciding evidence. */
  readonly verdict: 'decided' | 'overruled' | 'weaker';
  /** Why evidence was overruled: `it declares no route or request handler`. */
  readonly why?: string;
  /** The graph check that overruled it, when the graph did (see `GraphCheck`). */
  readonly check?: GraphCheck;
}

export interface Classification {
  readonly layer?: LayerId;
  /** Why, in a few words: shown by `layerguard graph`, `explain` and the editor. */
  readonly reason: string;
  /** Every piece of evidence, strongest first, with its verdict (`layerguard explain`). */
  readonly evidence: readonly EvidenceNote[];
}

/**
 * Evidence found in the file itself, strongest first. `check` names what the graph must confirm
 * before the candidate holds (a repository touches the database); `overruled` is set when the
 * file's own behaviour already contradicts it.
 */
export interface Candidate {
  readonly layer?: LayerId;
  readonly evidence: string;
  readonly overruled?: string;
  readonly check?: GraphCheck;
  /** The evidence is the area folder the file sits in (`application/`): the architecture's rings, not the file's own role. */
  readonly area?: true;
}

/** What classification learns from the whole workspace, not from one file. */
export interface WorkspaceScope {
  /** Folders holding the front end of a full-stack repository (see `frontEndFolders`). */
  readonly frontEnd: ReadonlySet<string>;
  /** Feature folders named like a layer (see `featureFolders`): their name is no evidence. */
  readonly featureFolders: ReadonlySet<string>;
  /** Third-party packages copied in, each with its own licence (see `copiedPackageFolders`). */
  readonly copiedPackages?: ReadonlySet<string>;
  /** Folders named `vendors/` that are a feature of the app (see `ownVendorFolders`), relative. */
  readonly ownVendorFolders?: ReadonlySet<string>;
  /** Folders that are packages or projects of their own (see `packageFolders`), absolute. */
  readonly packageFolders?: ReadonlySet<string>;
  /** Folders holding analyzed files (see `sourceFolders`), absolute. */
  readonly sourceFolders?: ReadonlySet<string>;
}

const NO_SCOPE: WorkspaceScope = { frontEnd: new Set(), featureFolders: new Set() };

export interface FileToClassify {
  /** Absolute, `/`-separated. */
  readonly file: string;
  readonly facts: FileFacts;
  /** Directory of the tsconfig/jsconfig (or workspace root) that owns the file. */
  readonly projectDir: string;
}

/**
 * Decides the layer of each file from evidence, strongest first: configured patterns, wiring
 * (barrels, registries: no layer), entry points, tooling folders, decorators, base classes and
 * interfaces, then names (file suffixes, class names, folders, data-access file names). Names are
 * weak: each is checked against what the file does (a controller declares routes or handlers, a
 * router registers routes, a port only declares types, a repository touches the database — that
 * one is checked on the graph, see `refine.ts`). When the evidence disagrees, the next piece is
 * tried, and a file with nothing left belongs to no layer and is never flagged.
 * `@Injectable()` alone is no evidence: Nest marks every provider with it, helpers included.
 */
export class Classifier {
  private readonly patternMatchers: { layer: LayerId; pattern: string; match: (p: string) => boolean }[];
  private readonly packageLayers = new Map<string, LayerId>();
  private readonly hasAreas: boolean;
  private readonly areaNames: ReadonlySet<string>;

  /** Workspace packages with layers of their own, each classified by a classifier of its own. */
  private readonly packages: readonly { readonly below: (relative: string) => boolean; readonly classifier: Classifier }[];

  constructor(
    private readonly layers: readonly LayerDefinition[],
    private readonly root: string,
    /** What only the whole workspace tells (see `WorkspaceScope`). */
    readonly scope: WorkspaceScope = NO_SCOPE,
    packages: readonly { readonly below: (relative: string) => boolean; readonly layers: readonly LayerDefinition[] }[] = [],
  ) {
    this.packages = packages.map((p) => ({ below: p.below, classifier: new Classifier(p.layers, root, scope) }));
    this.patternMatchers = layers.flatMap((l) => l.patterns.map((pattern) => ({ layer: l.id, pattern, match: picomatch(pattern, { dot: true }) })));
    for (const l of layers) for (const pkg of l.packages) if (!this.packageLayers.has(pkg)) this.packageLayers.set(pkg, l.id);
    this.hasAreas = layers.some((l) => l.areaFolders.length > 0);
    this.areaNames = new Set(layers.flatMap((l) => l.areaFolders));
  }

  /** The file's classification from its own evidence, assuming what only the graph can check holds. */
  classifyFile(input: FileToClassify): Classification {
    return decide(this.candidatesOf(input), () => undefined);
  }

  /** Every piece of evidence about the file, strongest first, each checked against the file's own behaviour. */
  candidatesOf(input: FileToClassify): Candidate[] {
    const relative = path.posix.relative(this.root, input.file);
    const own = this.packages.find((p) => p.below(relative));
    if (own) return own.classifier.candidatesOf(input);
    const configured = this.patternMatchers.find((m) => m.match(relative));
    if (configured) return [{ layer: configured.layer, evidence: `matches pattern "${configured.pattern}"` }];
    const wiring = input.facts.shape.wiring;
    if (wiring) return [{ evidence: WIRING_TEXT[wiring] }];
    // Tooling folders first: seeds and migrations often bootstrap the app to reach its services.
    const strong = [
      this.bySubtreeFolder(input),
      this.byRootFileName(input),
      this.byCreatedApp(input.facts),
      this.byDecorator(input.facts),
      this.byDefinedTables(input.facts),
      this.byBaseClass(input.facts),
      this.byInterface(input.facts),
    ].filter((c): c is Candidate => c !== undefined);
    const byFileName = this.byFileName(input);
    // A file named for a script (`database/seeder.ts`, `db/seed.ts`) is that script: the name says
    // more than the folder of the data it fills.
    const byPlace = byFileName?.layer === 'tooling' ? [byFileName, this.byFolder(input)] : [this.byFolder(input), byFileName];
    const named = [this.byFileSuffix(input.file) ?? this.byRoutesPrefix(input), this.byClassSuffix(input.facts), ...byPlace];
    const area = this.byArea(input);
    const edge = area && !area.afterStrongEvidence ? this.byNamedEdgeRole(input) : undefined;
    const candidates = withArea(edge ? [edge, ...strong] : strong, area);
    for (const found of named) if (found) candidates.push(withLocalVerdict(found, input.facts));
    return candidates;
  }

  /** Why the rules leave the file alone (outside the folder, front-end, vendored), if they do. */
  exemptionOf(input: ScopeInput): string | undefined {
    return exemptionOf(this.root, input, this.scope);
  }

  /** The layer a file's name suffix points to, if any. */
  suffixLayer(file: string): LayerId | undefined {
    return this.byFileSuffix(file)?.layer ?? this.routesPrefixLayer(file)?.id;
  }

  /** The layer of an external package, if it has one (database clients and ORMs). */
  packageLayer(name: string): LayerId | undefined {
    return this.packageLayers.get(name);
  }

  /**
   * A use of a data-access package only counts as data access when it brings in run-time APIs:
   * entity files importing `Entity`/`Column` from typeorm define models, and `Sequelize.literal`
   * or drizzle's `eq` build part of a query that something else runs.
   */
  isSchemaOnlyImport(
    packageName: string,
    use: { readonly names: readonly string[]; readonly valueNames?: readonly string[]; readonly specifier?: string; readonly members?: readonly string[] },
  ): boolean {
    const specifier = use.specifier ?? packageName;
    // A deep import of a package's own helpers (`knex/lib/util/is`) is no database access.
    if (/\/(?:lib\/)?(?:utils?|helpers?)\//.test(specifier)) return true;
    if (SCHEMA_ONLY_SUBPATHS.test(specifier)) return true;
    // `import { FindOptionsWhere } from 'typeorm'` named only in types, decorated signatures included:
    // the decorator metadata emitted for them is a reference, it runs no query.
    if (use.valueNames !== undefined && use.valueNames.length === 0 && use.names.length > 0) return true;
    const clientNames = CLIENT_ONLY_EXPORTS[packageName];
    if (clientNames !== undefined) {
      return !(use.names.some((n) => clientNames.has(n)) || (use.members ?? []).some((m) => clientNames.has(m)));
    }
    const schemaNames = SCHEMA_ONLY_EXPORTS[packageName];
    if (schemaNames === undefined) return false;
    // Names used only as types (`DataSource` in a signature) run nothing: the values decide.
    const used = use.valueNames ?? use.names;
    if (used.length > 0 && used.every((n) => schemaNames.has(n))) return true;
    return use.members !== undefined && use.members.length > 0 && use.members.every((m) => schemaNames.has(m));
  }

  private byRootFileName(input: FileToClassify): Candidate | undefined {
    const relative = path.posix.relative(input.projectDir, input.file);
    const dir = path.posix.dirname(relative);
    if (dir !== '.' && dir !== 'src') return undefined;
    const stem = stemOf(input.file);
    // A library's `index` is its public API; an app's `index` starts the app.
    if (stem === 'index' && !input.facts.shape.createsApp) return undefined;
    const found = this.layers.find((l) => l.rootFileNames.includes(stem));
    return found && { layer: found.id, evidence: `entry point ${path.posix.basename(input.file)}` };
  }

  /**
   * Inside a preset's inner area, a `*.controller.ts`, `*Router` or `*Adapter` that handles
   * requests is at the edge, whatever folder it sits in: its name and what it does agree, which is
   * as strong as a decorator (Express controllers have none).
   */
  private byNamedEdgeRole(input: FileToClassify): Candidate | undefined {
    const shape = input.facts.shape;
    if (shape.handlers === 0 && shape.routes === 0) return this.byInheritedHandling(input);
    // `applicantsAdapter.ts` answering requests: the team calls its driving HTTP adapter so.
    const stem = path.posix.basename(input.file).replace(/\.[cm]?[jt]sx?$/, '');
    if (/(?:^|[-_.a-z])adapter$/i.test(stem)) return { layer: 'controller', evidence: `named an adapter (${path.posix.basename(input.file)}), and it handles requests` };
    const named = this.byFileSuffix(input.file) ?? this.byClassSuffix(input.facts);
    if (named?.layer !== 'controller' && named?.layer !== 'router') return undefined;
    return { layer: named.layer, evidence: `${named.evidence}, and it handles requests` };
  }

  /**
   * `AddPhotoController extends ExpressController`, its base taking the request and calling the
   * subclass's steps: a file named a controller whose class extends one answers requests through
   * it, wherever it is filed. The graph checks that the base handles them (else the area decides).
   */
  private byInheritedHandling(input: FileToClassify): Candidate | undefined {
    if (!input.facts.classes.some((c) => c.extends !== undefined)) return undefined;
    const named = this.byFileSuffix(input.file) ?? this.byClassSuffix(input.facts);
    if (named?.layer !== 'controller') return undefined;
    return { layer: 'controller', evidence: `${named.evidence}, and its base class handles requests`, check: 'inherits-handling' };
  }

  /** A file that creates the application (`express()`, `new Koa()`, `NestFactory.create`) is where it is wired. */
  private byCreatedApp(facts: FileFacts): Candidate | undefined {
    if (facts.shape.createsApp) return { layer: 'composition-root', evidence: 'creates the application (express(), new Koa(), fastify(), NestFactory.create…)' };
    const container = builtContainer(facts);
    return container ? { layer: 'composition-root', evidence: `builds the dependency-injection container (${container})` } : undefined;
  }

  private bySubtreeFolder(input: FileToClassify): Candidate | undefined {
    const relative = path.posix.relative(this.root, input.file);
    // A workspace package's `seeds/` that the app imports is that package's API, not a script of this app.
    if (relative.startsWith('../')) return undefined;
    // Counted from the opened folder: a project of its own named like tooling (`tools/seed-snapshot/`
    // with its tsconfig, `scripts/`) is tooling as much as a folder inside a project is.
    const folders = path.posix.dirname(relative).split('/');
    // `tools/` at the top of the folder holds developer programs; deeper (`src/tools/`) it is often
    // the app's own feature (an AI agent's tools), so only the top one is tooling.
    if (folders[0] === 'tools') return { layer: 'tooling', evidence: 'inside tools/ at the top of the folder' };
    for (const folder of folders) {
      const name = subtreeFolderName(folder);
      const found = this.layers.find((l) => l.subtreeFolders.includes(name));
      if (found && (name !== 'factories' || isTestDataFactory(folders, input.facts))) return { layer: found.id, evidence: `inside ${folder}/` };
    }
    return undefined;
  }

  /** The outermost folder of the file's path that is an area of a preset's architecture (see `LayerDefinition.areaFolders`). */
  private byArea(input: FileToClassify): { candidate: Candidate; afterStrongEvidence: boolean } | undefined {
    if (!this.hasAreas) return undefined;
    const relative = path.posix.relative(this.root, input.file);
    if (relative.startsWith('../')) return undefined;
    const folders = path.posix.dirname(relative).split('/');
    for (const [index, folder] of folders.entries()) {
      const name = areaNameOf(folder);
      const found = this.layers.find((l) => l.areaFolders.includes(name));
      if (!found || sortsOneKind(folders.slice(0, index)) || !this.besideItsPartner(found, name, folders.slice(0, index))) continue;
      const yields = yieldsToInnerArea(this.areaOf(name, found), folders.slice(index + 1), (inner) => this.areaOfName(inner));
      if (yields && !this.namesAConceptInside(found, folders, index)) continue;
      if (this.groupsAreas(found, name, folders, index)) continue;
      const candidate: Candidate = { layer: found.id, evidence: `inside ${folder}/ (an area of the architecture)`, area: true };
      const overruled = found.areaAfterStrongEvidence ? notAnAdapter(input.facts, input.file) : undefined;
      return { candidate: overruled ? { ...candidate, overruled } : candidate, afterStrongEvidence: found.areaAfterStrongEvidence };
    }
    return undefined;
  }

  /**
   * An inside area whose folders hold the areas themselves groups them, and the files beside those
   * areas are in none: a `core/` holding `core/domain/` (its `core/exceptions/` is a shared
   * kernel), a `domain/` whose context holds its own `application/` or `infrastructure/`
   * (`domain/billing/presenters/` is the context's, not the domain). A context holding only ports
   * keeps them and itself in the domain.
   */
  private groupsAreas(layer: LayerDefinition, name: string, folders: readonly string[], index: number): boolean {
    if (layer.areaAfterStrongEvidence) return false;
    if (name === 'core') return this.holdsOtherAreas(folders.slice(0, index + 1), layer.id, true);
    return index + 1 < folders.length && this.holdsOtherAreas(folders.slice(0, index + 2), layer.id, false);
  }

  /**
   * `domain/adapters/` among `domain/ports/`, `domain/users/`, `domain/quota/`: an inside area
   * whose one child named for an outside ring sits among its concepts names a concept of the
   * domain (adapter registrations), not a ring: the domain cannot hold its own adapters. A
   * `domain/` holding two rings (`application/` and `infrastructure/`) groups them instead.
   */
  private namesAConceptInside(layer: LayerDefinition, folders: readonly string[], index: number): boolean {
    const child = folders[index + 1];
    const childArea = child === undefined ? undefined : this.areaOfName(areaNameOf(child));
    if (layer.areaAfterStrongEvidence || childArea === undefined || !childArea.outer) return false;
    const rings = this.ringsIn(path.posix.join(this.root, ...folders.slice(0, index + 1)));
    rings.delete(layer.id);
    return rings.size === 1;
  }

  /** The layers of the area folders (ports aside) directly inside a folder (absolute). */
  private ringsIn(folder: string): Set<string> {
    const known = this.ringsByFolder.get(folder);
    if (known !== undefined) return new Set(known);
    const prefix = `${folder.toLowerCase()}/`;
    const rings = new Set<string>();
    for (const source of this.scope.sourceFolders ?? []) {
      const lower = source.toLowerCase();
      if (!lower.startsWith(prefix) || lower.slice(prefix.length).includes('/')) continue;
      const area = this.areaOfName(areaNameOf(lower.slice(prefix.length)));
      if (area !== undefined && !area.port) rings.add(area.layer);
    }
    this.ringsByFolder.set(folder, rings);
    return new Set(rings);
  }

  private readonly ringsByFolder = new Map<string, ReadonlySet<string>>();

  /** Whether a folder below this one (relative parts) is an area of another layer than `layer` (ports counted or not). */
  private holdsOtherAreas(parts: readonly string[], layer: LayerId, countPorts: boolean): boolean {
    const prefix = `${path.posix.join(this.root, ...parts).toLowerCase()}/`;
    const key = `${prefix}\0${layer}\0${countPorts}`;
    let known = this.holdingAreas.get(key);
    if (known === undefined) {
      known = [...(this.scope.sourceFolders ?? [])].some((f) => {
        const lower = f.toLowerCase();
        const inner = lower.startsWith(prefix) ? this.areaOfName(areaNameOf(lower.slice(lower.lastIndexOf('/') + 1))) : undefined;
        return inner !== undefined && inner.layer !== layer && (countPorts || !inner.port);
      });
      this.holdingAreas.set(key, known);
    }
    return known;
  }

  private readonly holdingAreas = new Map<string, boolean>();

  private areaOfName(name: string): AreaOfLayer | undefined {
    const layer = this.layers.find((l) => l.areaFolders.includes(name));
    return layer ? this.areaOf(name, layer) : undefined;
  }

  private areaOf(name: string, layer: LayerDefinition): AreaOfLayer {
    return { name, layer: layer.id, outer: layer.areaAfterStrongEvidence, port: PORT_AREAS.has(name) };
  }

  /**
   * An area that means the inside only beside another (`application/` beside `domain/`, `core/`
   * beside `infra/`): an `application/` that sits alone, with the domain elsewhere (`core/domain/`),
   * is the outside of the app (its HTTP API and wiring), whatever its name. And one that is not the
   * area beside another (`core/` beside `domain/`: the kernel both use).
   */
  private besideItsPartner(layer: LayerDefinition, area: string, parents: readonly string[]): boolean {
    const partners = layer.areaBeside?.[area] ?? [];
    const rivals = layer.areaNotBeside?.[area] ?? [];
    const folders = this.scope.sourceFolders;
    if ((partners.length === 0 && rivals.length === 0) || !folders) return true;
    this.areaFolderPaths ??= new Set([...folders].map(areaPathOf));
    const parent = path.posix.join(this.root, ...parents).toLowerCase();
    const beside = (name: string) => this.areaFolderPaths?.has(`${parent}/${name}`) === true;
    return (partners.length === 0 || partners.some(beside)) && !rivals.some(beside);
  }

  /** The source folders, lower case, their last name read as an area (`…/domaine` → `…/domain`). */
  private areaFolderPaths: ReadonlySet<string> | undefined;

  /**
   * A file that declares a `@Resolver` and the `@ObjectType`s it returns is the resolver: the
   * classes that do something outrank the shapes declared beside them, whichever comes first.
   */
  private byDecorator(facts: FileFacts): Candidate | undefined {
    const found: { layer: LayerId; evidence: string }[] = [];
    for (const cls of facts.classes) {
      for (const decorator of cls.decorators) {
        const layer = this.layers.find((l) => l.decorators.includes(decorator.name));
        if (layer) found.push({ layer: layer.id, evidence: `decorator @${decorator.name}` });
      }
    }
    return found.find((c) => !DECLARATIVE_LAYERS.has(c.layer)) ?? found[0];
  }

  /** Drizzle has no entity classes: a file that declares tables is where the model lives. */
  private byDefinedTables(facts: FileFacts): Candidate | undefined {
    return facts.shape.definesTables ? { layer: 'model', evidence: "declares Drizzle tables (pgTable('…', …))" } : undefined;
  }

  private byBaseClass(facts: FileFacts): Candidate | undefined {
    for (const cls of facts.classes) {
      const base = cls.extends?.name;
      const found = base ? this.layers.find((l) => l.baseClasses.includes(base)) : undefined;
      if (found && base) return { layer: found.id, evidence: `extends ${base}` };
    }
    return undefined;
  }

  private byInterface(facts: FileFacts): Candidate | undefined {
    for (const cls of facts.classes) {
      for (const name of cls.implements) {
        const found = this.layers.find((l) => l.interfaces.includes(name));
        if (found) return { layer: found.id, evidence: `implements ${name}` };
      }
    }
    return undefined;
  }

  private byFileSuffix(file: string): Candidate | undefined {
    const stem = stemOf(file);
    const found = this.layers.find((l) => l.fileSuffixes.some((w) => stemEndsWithWord(stem, w)));
    return found && { layer: found.id, evidence: `file name ${path.posix.basename(file)}` };
  }

  /**
   * `routes.login.ts`, `routes.apiKeys.ts`: the kind first and the topic after, a router as much as
   * `login.routes.ts` when it registers routes itself. Only what the file does makes the prefix a
   * name: `routes.config.ts` of paths is none.
   */
  private byRoutesPrefix(input: FileToClassify): Candidate | undefined {
    const found = input.facts.shape.routes > 0 ? this.routesPrefixLayer(input.file) : undefined;
    return found && { layer: found.id, evidence: `file name ${path.posix.basename(input.file)}, and it registers routes` };
  }

  /** The router or controller layer a file's name puts first (`routes.login.ts`). */
  private routesPrefixLayer(file: string): LayerDefinition | undefined {
    const stem = stemOf(file);
    const dot = stem.indexOf('.');
    if (dot <= 0) return undefined;
    const first = stem.slice(0, dot).toLowerCase();
    return this.layers.find((l) => (l.id === 'router' || l.id === 'controller') && l.fileSuffixes.includes(first));
  }

  private byClassSuffix(facts: FileFacts): Candidate | undefined {
    const named = facts.classes.filter((c) => c.name !== undefined);
    const primary = named.find((c) => c.exported) ?? named[0];
    const name = primary?.name;
    if (!name) return undefined;
    const found = this.layers.find((l) => l.classSuffixes.some((s) => name.endsWith(s) && name.length > s.length));
    return found && { layer: found.id, evidence: `class ${name}` };
  }

  private byFolder(input: FileToClassify): Candidate | undefined {
    const relative = path.posix.relative(this.folderNamesBase(input), input.file);
    if (this.scope.featureFolders.has(path.posix.dirname(input.file))) return undefined;
    // `controllers/helpers.js`: the helpers a layer's files share are not themselves of the layer.
    if (NEUTRAL_FOLDERS.has(stemOf(input.file).toLowerCase())) return undefined;
    // Only the file's folder and its parent: `controllers/errors/http/HttpError.ts` is no controller.
    const folders = path.posix.dirname(relative).split('/').reverse().slice(0, 2);
    for (const [index, folder] of folders.entries()) {
      const lower = folder.toLowerCase();
      if (NEUTRAL_FOLDERS.has(lower)) return undefined;

      // Under a preset, an area's name belongs to the area: where the area does not apply (an
      // `application/` away from the domain), the name says nothing of a built-in layer either.
      if (this.areaNames.has(lower)) continue;
      const found = this.layers.find((l) => l.folders.includes(lower));
      if (!found) continue;
      // `features/service/{domain,application,adapters}/`: a feature that holds the preset's rings,
      // named for what it sells (a bookable service), not a folder of the service layer.
      const absolute = index === 0 ? path.posix.dirname(input.file) : path.posix.dirname(path.posix.dirname(input.file));
      if (this.hasAreas && this.ringsIn(absolute).size >= 2) return undefined;
      return { layer: found.id, evidence: `folder ${folder}/` };
    }
    return undefined;
  }

  /**
   * Where folder names start to count: the file's project, or a package of its own inside it,
   * whose own name still counts (`libs/repositories/src/users.ts`) but not the folders grouping
   * it (`services/orders/start.ts` in a repository of services is no service for sitting in
   * `services/`).
   */
  private folderNamesBase(input: FileToClassify): string {
    const packages = this.scope.packageFolders;
    if (!packages || packages.size === 0) return input.projectDir;
    for (let dir = path.posix.dirname(input.file); dir.length > input.projectDir.length && dir !== '.' && dir !== '/'; dir = path.posix.dirname(dir)) {
      const above = path.posix.dirname(dir);
      if (packages.has(dir)) return above.length > input.projectDir.length ? above : input.projectDir;
    }
    return input.projectDir;
  }

  private byFileName(input: FileToClassify): Candidate | undefined {
    const stem = stemOf(input.file).toLowerCase();
    if (isVersionedDataUpdate(input.file, stem)) return { layer: 'tooling', evidence: `data update named by version (${path.posix.basename(input.file)})` };
    const found = this.layers.find((l) => l.fileNames.includes(stem) || l.fileNamePatterns.some((pattern) => pattern.test(stem)));
    return found && { layer: found.id, evidence: `file name ${path.posix.basename(input.file)}` };
  }
}

/**
 * `logger.ts`, `logger.service.ts`, `pino-logger.ts`, `logging/index.ts`: the app's logger, named
 * for logging alone or for its library (a `prediction-logger.service.ts` that stores predictions is
 * the app's own business).
 */
const LOGGER_STEM =
  /^(?:(?:pino|winston|bunyan|console|app|base|default|custom|json|structured|root)[-_.]?)?(?:logger|logging)(?:[-_.](?:service|provider|adapter|client|factory|util|utils|helper))?$/i;

/**
 * A logger is what every layer may use (like the configuration): a domain service that logs
 * depends on no service, and one that imports the concrete logger adapts nothing outside. Its own
 * dependencies are judged like any file's.
 */
export function isLogger(file: string): boolean {
  const stem = stemOf(file);
  return LOGGER_STEM.test(stem) || (stem === 'index' && /^(?:logger|logging)$/i.test(path.posix.basename(path.posix.dirname(file))));
}

const WIRING_TEXT = {
  barrel: 'barrel file (only re-exports)',
  registry: 'registry file (only lists what it imports)',
  composition: 'wiring file (only creates and connects the app’s own classes)',
} as const;

const CONFIG_STEM = /(?:^|[.\-_])(?:env|config|configuration|settings)(?:[.\-_]|$)|^(?:env|config|settings)[A-Z]/i;
/** `tenant-settings-repo.ts`, `user-settings.repository.ts`: settings the app stores are its data, not its configuration. */
const STORED_DATA_STEM = /(?:^|[.\-_])(?:repo|repository|repositories|dao|store|entity|model|schema|table)$|[a-z](?:Repo|Repository|Dao|Store|Entity|Model|Schema)$/;
/** `appConfig.ts`, `mailSettings.ts`: the configuration named in camel case. */
const CAMEL_CONFIG_STEM = /[a-z0-9](?:Config|Configuration|Settings)$/;
const isConfigStem = (stem: string) => (CONFIG_STEM.test(stem) || CAMEL_CONFIG_STEM.test(stem)) && !STORED_DATA_STEM.test(stem);

/**
 * Files of an outer area (`infrastructure/`) that adapt nothing: an interface or an abstract
 * class of abstract members is a port the inside uses; classes of fields only (integration
 * events, messages shared by modules) are data.
 */
function notAnAdapter(facts: FileFacts, file: string): string | undefined {
  if (facts.shape.typesOnly) return 'it only declares types and contracts (a port), no behaviour of its own';
  // `env.service.ts`, `app-config.ts`, `env/index.ts`: reading the configuration is what every layer may do.
  const ownFolder = path.posix.basename(path.posix.dirname(file));
  if (isConfigStem(stemOf(file)) || (stemOf(file) === 'index' && CONFIG_STEM.test(ownFolder))) return 'it reads the configuration, which every layer may read';
  if (isSharedUtility(facts, file, ownFolder)) return 'it is a utility (functions over data, no code of the app), which every layer may call';
  if (isConstantsOnly(facts)) return 'it only declares constants (no function, class or package of its own), nothing to adapt';
  if (usesOnlyNeutralLibraries(facts)) return 'it computes with libraries every layer uses (ids, dates, validation) and implements no port: nothing outside to adapt';
  if (computesAlone(facts, file)) return 'its functions compute in the process (no code of the app, no client, no I/O, no state): nothing outside to adapt';
  const dataOnly = facts.classes.length > 0 && facts.classes.every((c) => c.methods === 0 && !isProvider(c)) && facts.shape.functions === 0 && facts.instantiations.length === 0;
  return dataOnly ? 'it only declares data (classes of fields: messages, events), no behaviour to adapt' : undefined;
}

/** Decorators that register a class with a DI container (Nest, inversify, tsyringe, TypeDI). */
const PROVIDER_DECORATORS: ReadonlySet<string> = new Set(['Injectable', 'injectable', 'singleton', 'scoped', 'Service']);

/**
 * `@Injectable() class PaymentService extends StripePaymentService {}`: a class the container
 * provides is behaviour, inherited or its own; messages and events are never injected.
 */
function isProvider(c: ClassFact): boolean {
  return c.decorators.some(isProviderDecorator);
}

function isProviderDecorator(d: DecoratorFact): boolean {
  return PROVIDER_DECORATORS.has(d.name);
}

const UTILITY_STEM = /(?:^|[.\-_])(?:utils?|helpers?)$/i;
const UTILITY_FOLDERS: ReadonlySet<string> = new Set(['utils', 'util', 'helpers', 'helper', 'common', 'shared']);

/** What every layer may use, so a utility may too: the logger, constants, the configuration. */
const CROSS_CUTTING = /^(?:logger|logging|log|constants?|config|env)$/i;

/**
 * `infrastructure/utils/http-status.ts`: a table of values, with no function or class and nothing
 * imported but what every layer uses. Whatever folder holds it, it reaches nothing outside.
 */
function isConstantsOnly(facts: FileFacts): boolean {
  if (facts.classes.length > 0 || facts.shape.functions > 0 || facts.instantiations.length > 0 || facts.shape.typesOnly) return false;
  return usesOnlyCrossCutting(facts, () => false);
}

/** The framework and the containers among the neutral packages: what a provider is built with, not what it computes with. */
const WIRING_PACKAGES = /^(?:@nestjs\/.*|inversify|typedi|tsyringe|reflect-metadata|tslib|rxjs)$/;

/** Dependency-injection libraries, and the name of what builds their container. */
const CONTAINER_BUILDERS: Readonly<Record<string, readonly { readonly name: string; readonly by: 'new' | 'call' | 'register' }[]>> = {
  inversify: [
    { name: 'Container', by: 'new' },
    { name: 'ContainerModule', by: 'new' },
  ],
  typedi: [{ name: 'Container', by: 'new' }],
  'node-dependency-injection': [{ name: 'ContainerBuilder', by: 'new' }],
  brandi: [{ name: 'Container', by: 'new' }],
  // `container.register({ users: asClass(UsersService) })`: registering the app's classes fills the container as much as creating it.
  awilix: [
    { name: 'createContainer', by: 'call' },
    { name: 'asClass', by: 'call' },
    { name: 'asFunction', by: 'call' },
  ],
  // `container.registerSingleton(UsersService)`: tsyringe's global container, filled where it is registered (resolving from it is no wiring).
  tsyringe: [{ name: 'container', by: 'register' }],
};

/** Names of a dependency-injection container a team writes itself; a bare `Container` may be the domain's (a shipping container). */
const OWN_CONTAINER = /^(?:DI|Di|IoC|Ioc|Dependency|DependencyInjection|Service)Container$/;

/**
 * `new Container()` from inversify, `createContainer()` or `asClass(…)` registrations from awilix:
 * the file where the app's classes are bound to their contracts, whatever folder holds it
 * (`config/container.ts`, `configuration/registrations.ts`).
 */
function builtContainer(facts: FileFacts): string | undefined {
  // A container the app writes itself (`new DIContainer()` of `./DIContainer`): dependency injection by hand.
  const own = facts.instantiations.find((i) => OWN_CONTAINER.test(i.name) && facts.moduleRefs.some((ref) => isAppPath(ref.specifier) && ref.bindings.some((b) => b.local === i.name)));
  if (own !== undefined) return `${own.name}, the app's own container`;
  for (const ref of facts.moduleRefs) {
    const builders = CONTAINER_BUILDERS[packageNameOf(ref.specifier)];
    if (ref.typeOnly || builders === undefined) continue;
    for (const builder of builders) {
      const local = ref.bindings.find((b) => b.imported === builder.name)?.local;
      if (local === undefined) continue;
      if (buildsWith(facts, builder.by, local)) return `${builder.name} from ${ref.specifier}`;
    }
  }
  return undefined;
}

/** Whether the file builds a container with `local`: creates it, calls it, or registers with it (`container.register…(…)`). */
function buildsWith(facts: FileFacts, by: 'new' | 'call' | 'register', local: string): boolean {
  if (by === 'new') return facts.instantiations.some((i) => i.name === local);
  if (by === 'call') return facts.valueUsedLocals.has(local);
  return [...(facts.memberOnlyLocals.get(local) ?? [])].some((member) => member.startsWith('register'));
}

/**
 * `adapter/IdentifyEntity.adapter.ts` making ids with `uuid`: code that reaches no package but the
 * ones every layer uses, and no code of the app but the cross-cutting, implementing no contract,
 * extending nothing and built by no container. An adapter of a port (`class UuidIds implements
 * IdGenerator`), or a provider a container builds (`@Injectable()`), stays one. So does code that
 * imports nothing at all: `fetch` needs no import, so importing nothing says nothing.
 */
function usesOnlyNeutralLibraries(facts: FileFacts): boolean {
  if (facts.classes.some((c) => c.implements.length > 0 || c.extends !== undefined || c.decorators.length > 0)) return false;
  const computesWith = (specifier: string) => isNeutralPackage(specifier) && !WIRING_PACKAGES.test(packageNameOf(specifier));
  const usesNeutral = facts.moduleRefs.some((ref) => !ref.typeOnly && !isAppPath(ref.specifier) && computesWith(ref.specifier));
  return usesNeutral && usesOnlyCrossCutting(facts, isNeutralPackage);
}

/** A package every layer uses (see `NEUTRAL_PACKAGES`), by the specifier that imports it. */
function isNeutralPackage(specifier: string): boolean {
  return NEUTRAL_PACKAGES.has(packageNameOf(specifier));
}

/**
 * `postgres-errors.ts`, `stripe-signature.ts`: pure functions named for a technology hold its
 * knowledge (SQLSTATE codes, a vendor's payload format): they adapt it, import or not.
 */
const NAMES_A_TECHNOLOGY =
  /(?:^|[.\-_])(?:postgres(?:ql)?|pg|mysql|mariadb|sqlite|mssql|oracle|mongo(?:db|ose)?|redis|prisma|typeorm|sequelize|knex|drizzle|dynamo(?:db)?|kafka|rabbit(?:mq)?|amqp|sqs|sns|s3|aws|gcp|azure|stripe|paypal|twilio|sendgrid|firebase|elastic(?:search)?|graphql|grpc|http|axios|smtp)(?:[.\-_]|$)|^(?:postgres|mysql|mongo|redis|prisma|stripe|aws|firebase|http)[A-Z]/i;

/**
 * `shared/infrastructure/datetime/range-in-zone.ts`: functions over their arguments that import
 * nothing of the app and no package but those every layer uses, keep no state and call no network
 * global (`fetch` needs no import, so an import-less file is not enough). Whatever folder holds
 * them, they reach nothing outside. So do classes of static methods alone with read-only fields,
 * and classes with no constructor and no field to write (`@Injectable() class HashUtil`); other
 * classes are left to the folder (an in-memory store is an adapter).
 */
function computesAlone(facts: FileFacts, file: string): boolean {
  if (NAMES_A_TECHNOLOGY.test(stemOf(file))) return false;
  const { shape } = facts;
  // A class of static methods alone is a namespace of functions (`PasswordRules.validate`); so is
  // a class whose instances remember nothing, even one the container provides (`@Injectable()
  // class HashUtil`). One that implements a port or extends a base adapts them.
  const namespaces = facts.classes.filter(
    (c) => c.extends === undefined && c.implements.length === 0 && (c.staticOnly === true ? c.decorators.length === 0 : c.stateless === true && c.decorators.every(isProviderDecorator)),
  );
  if (namespaces.length < facts.classes.length || shape.functions + namespaces.length === 0) return false;
  if (shape.handlers > 0 || shape.routes > 0 || shape.reachesOutside || shape.keepsState) return false;
  return facts.moduleRefs.every(
    (ref) => erasedAtRunTime(ref, facts) || takesErrorsOnly(ref) || (!isAppPath(ref.specifier) && (isNeutralPackage(ref.specifier) || COMPUTE_ONLY_BUILTINS.has(ref.specifier.replace(/^node:/, '')))),
  );
}

/**
 * `import { BusinessRuleError } from '../../domain/errors'`: the app's error classes, thrown when
 * an input is refused, are what every layer may use; taking them reaches nothing outside.
 */
function takesErrorsOnly(ref: ModuleRef): boolean {
  return ref.kind === 'import' && ref.bindings.length > 0 && ref.bindings.every((b) => /[a-z](?:Error|Exception)$/.test(b.imported));
}

/**
 * An import the compiled file drops: `import type`, or names used only in types (`static
 * toResponse(user: UserEntity)`). A mapper shaping the domain's types reaches none of its code.
 */
function erasedAtRunTime(ref: ModuleRef, facts: FileFacts): boolean {
  if (ref.typeOnly) return true;
  return ref.kind === 'import' && ref.bindings.length > 0 && ref.bindings.every((b) => b.typeOnly || !facts.valueUsedLocals.has(b.local));
}

/** Node's built-in modules that compute in the process (hashes, random bytes, paths, encodings) and reach no file, socket or process. */
const COMPUTE_ONLY_BUILTINS: ReadonlySet<string> = new Set(['crypto', 'util', 'path', 'url', 'querystring', 'buffer', 'string_decoder', 'assert', 'zlib']);

/**
 * `infrastructure/common/pagination.util.ts`: functions only, named or filed as a utility, using no
 * code of the app but what every layer uses (a relative import of the logger or the constants): a
 * helper the layers share, not an adapter of the outside.
 */
function isSharedUtility(facts: FileFacts, file: string, ownFolder: string): boolean {
  if (facts.classes.length > 0 || facts.shape.functions === 0) return false;
  if (!UTILITY_STEM.test(stemOf(file)) && !UTILITY_FOLDERS.has(ownFolder.toLowerCase())) return false;
  return usesOnlyCrossCutting(facts, () => true);
}

/**
 * Whether the file's value imports of the app are only what every layer uses (the logger, the
 * constants, the configuration), and its value imports of packages only those `packageAllowed`
 * accepts (by specifier).
 */
function usesOnlyCrossCutting(facts: FileFacts, packageAllowed: (specifier: string) => boolean): boolean {
  return facts.moduleRefs.every((ref) => ref.typeOnly || (isAppPath(ref.specifier) ? CROSS_CUTTING.test(stemOf(ref.specifier)) : packageAllowed(ref.specifier)));
}

/** A path of the app itself: relative, or through the conventional aliases (`@/core/logger`, `~/utils`, `#config`), never a package name. */
function isAppPath(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('@/') || specifier.startsWith('~/') || specifier.startsWith('#');
}

/**
 * The strong evidence with a preset's area placed among it. What a file does at the app's edge
 * (handles requests, guards them, wires or starts the app) outranks an inner area's folder: a
 * `@Controller` in `application/` is a controller; what it is (an entity, a handler of the use
 * case) does not. An outer area comes after the strong evidence, except a handler's decorator
 * (`@EventsHandler` beside the websocket gateway it feeds), which says how it is called, not that
 * it is business logic.
 */
function withArea(strong: readonly Candidate[], area: { candidate: Candidate; afterStrongEvidence: boolean } | undefined): Candidate[] {
  if (!area) return [...strong];
  if (!area.afterStrongEvidence) {
    const roles = strong.filter((c) => c.layer !== undefined && (c.layer === 'tooling' || EDGE_ROLES.has(c.layer)));
    return [...roles, area.candidate, ...strong.filter((c) => !roles.includes(c))];
  }
  const handlers = strong.filter((c) => c.layer === 'service');
  return [...strong.filter((c) => !handlers.includes(c)), area.candidate, ...handlers];
}

/** A name-level candidate with the file's own behaviour weighed against it. */
function withLocalVerdict(candidate: Candidate, facts: FileFacts): Candidate {
  const verdict = localVerdict(candidate.layer, facts, candidate.evidence);
  if (verdict.overruled) return { ...candidate, overruled: verdict.overruled };
  return verdict.check ? { ...candidate, check: verdict.check } : candidate;
}

/**
 * The first candidate that holds decides; the graph's `confirm` answers the checks names need
 * (a reason to overrule, or undefined when the file's behaviour agrees).
 */
export function decide(candidates: readonly Candidate[], confirm: (check: GraphCheck, layer: LayerId | undefined) => string | undefined): Classification {
  const evidence: EvidenceNote[] = [];
  let decided: Candidate | undefined;
  for (const candidate of candidates) {
    const note = decided ? { ...evidenceBase(candidate), verdict: 'weaker' as const } : judgedNote(candidate, confirm);
    if (note.verdict === 'decided') decided = candidate;
    evidence.push(note);
  }
  if (!decided) return { reason: evidence.length > 0 ? 'its evidence was overruled by what it does' : 'no layer evidence', evidence };
  return { ...(decided.layer ? { layer: decided.layer } : {}), reason: decided.evidence, evidence };
}

function evidenceBase(candidate: Candidate): Pick<EvidenceNote, 'layer' | 'evidence'> {
  return { ...(candidate.layer ? { layer: candidate.layer } : {}), evidence: candidate.evidence };
}

/** A candidate the file's behaviour or the graph may overrule; otherwise it decides. */
function judgedNote(candidate: Candidate, confirm: (check: GraphCheck, layer: LayerId | undefined) => string | undefined): EvidenceNote {
  const byGraph = candidate.overruled === undefined && candidate.check ? confirm(candidate.check, candidate.layer) : undefined;
  const overruled = candidate.overruled ?? byGraph;
  if (!overruled) return { ...evidenceBase(candidate), verdict: 'decided' };
  return { ...evidenceBase(candidate), verdict: 'overruled', why: overruled, ...(byGraph && candidate.check ? { check: candidate.check } : {}) };
}

/** Packages that make fake data: a factory that uses one builds test or seed data. */
const FAKE_DATA_PACKAGE = /^(?:@faker-js\/faker|faker|fishery|factory\.ts|rosie|chance|casual|typeorm-seeding|typeorm-extension|@mikro-orm\/seeder)(?:\/|$)/;
const DATA_FOLDER = /^(?:database|db|seeds?|seeders?|seeding|testing|test-data)$/i;

/**
 * `factories/` holds test-data factories (run by seeds and tests) beside a database or seed
 * folder, or when they use a fake-data library; elsewhere it is the factory pattern of production
 * code (a mail-provider factory, a DI-injected ability factory).
 */
function isTestDataFactory(folders: readonly string[], facts: FileFacts): boolean {
  if (facts.classes.some((c) => c.decorators.some((d) => d.name === 'Injectable'))) return false;
  if (folders.some((f) => DATA_FOLDER.test(f))) return true;
  return facts.moduleRefs.some((ref) => FAKE_DATA_PACKAGE.test(ref.specifier));
}

/** `3.0.1`, `v2.4`: a file named by the version it brings the data to. */
const VERSION_STEM = /^v?\d+(?:\.\d+){1,3}$/;
/** Folders that hold a database's update scripts. */
const DATA_UPDATE_FOLDER = /^(?:db|database|migrations?|updates?|upgrades?)$/;

/**
 * `src/db/updates/3.0.1.js`, `db/manual/3.1.1.js`: update scripts named by the version they bring
 * the data to, under the database's folder, run once on upgrade like migrations. (A version-named
 * file elsewhere, `routes/1.0.js`, may be an API version's router.)
 */
function isVersionedDataUpdate(file: string, stem: string): boolean {
  if (!VERSION_STEM.test(stem)) return false;
  return path.posix
    .dirname(file)
    .split('/')
    .slice(-3)
    .some((folder) => DATA_UPDATE_FOLDER.test(folder.toLowerCase()));
}

/** `users.controller.ts` -> `users.controller`; `index.d.ts` -> `index.d`. */
export function stemOf(file: string): string {
  const base = path.posix.basename(file);
  return base.replace(/\.(?:[cm]?[jt]sx?)$/i, '');
}

/** Layer words that, as a whole file name, name a helper rather than the layer (see `stemEndsWithWord`). */
const BARE_HELPER_WORDS: ReadonlySet<string> = new Set(['guard']);

/**
 * True when the stem ends with the word as a separate part: `users.controller`, `user-controller`,
 * `user_controller`, `userController`, `UserController`, or exactly `controller`. A suffix
 * written `.word` only matches `x.word` (and exactly `word`).
 */
export function stemEndsWithWord(stem: string, suffix: string): boolean {
  const dottedOnly = suffix.startsWith('.');
  const word = dottedOnly ? suffix.slice(1) : suffix;
  if (stem.length < word.length || stem.slice(-word.length).toLowerCase() !== word.toLowerCase()) return false;
  // `filter.ts` or `pipe.ts` alone names a helper; only `http-exception.filter.ts` names the Nest kind.
  // So does `guard.ts`: the guard clauses of DDD code (`Guard.againstNullOrUndefined`), not a Nest guard.
  if (stem.length === word.length) return !dottedOnly && !BARE_HELPER_WORDS.has(word.toLowerCase());
  const before = stem.charAt(stem.length - word.length - 1);
  const first = stem.charAt(stem.length - word.length);
  if (dottedOnly) return before === '.';
  return before === '.' || before === '-' || before === '_' || (first === first.toUpperCase() && /[a-z0-9]/.test(before));
}

/** A folder's name as subtree folders are listed: lower case, and a seed folder of any name (`seed-snapshot/`, `seeds_demo/`) as `seed`. */
function subtreeFolderName(folder: string): string {
  const name = folder.toLowerCase();
  return /^(?:seeds?|seeders?|seeding)[-_]/.test(name) ? 'seed' : name;
}

function areaPathOf(folder: string): string {
  const lower = folder.toLowerCase();
  const slash = lower.lastIndexOf('/');
  return `${lower.slice(0, slash + 1)}${areaNameOf(lower.slice(slash + 1))}`;
}
