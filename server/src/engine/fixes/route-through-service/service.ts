import * as path from 'node:path';
import { Node, type ClassDeclaration, type MethodDeclaration, type SourceFile } from 'ts-morph';
import type { DependencyGraph, Edge, FileNode } from '../../graph/types';
import { eolOf, indentUnitOf, quoteOf } from '../text';
import { importOf, specifierFor } from '../imports';
import type { Rewrite } from '../rewrite';
import { modifiersOf, type InjectedRepository } from './controller';
import { memberNames } from './members';
import type { DomainMethod } from './domain-method';

/**
 * A service the controller's calls can go through:
 * - `existing`: it already holds the same repository (`repositoryMember`);
 * - `inject`: the controller's sibling service (NestJS), which gets the repository injected;
 * - `create`: no such service yet, so the fix writes one next to the controller.
 */
export interface ServiceChoice {
  readonly kind: 'existing' | 'inject' | 'create';
  readonly file: string;
  readonly className: string;
  readonly repositoryMember?: string;
}

/** Services that hold the same injected repository (same target, same entity), first the module's own. */
export function servicesHolding(graph: DependencyGraph, edge: Edge): ServiceChoice[] {
  const choices: ServiceChoice[] = [];
  for (const [file, node] of graph.files) {
    if (node.layer !== 'service' || file === edge.from) continue;
    for (const held of graph.outgoing(file)) {
      if (held.kind !== 'di' || held.to !== edge.to || held.detail !== edge.detail) continue;
      const holder = classHoldingParameter(node, held.range.start);
      if (holder) choices.push({ kind: 'existing', file, ...holder });
    }
  }
  return choices;
}

function classHoldingParameter(node: FileNode, offset: number): { className: string; repositoryMember: string } | undefined {
  for (const cls of node.facts.classes) {
    const parameter = cls.constructorParams.find((p) => p.range.start === offset);
    if (parameter && cls.name) return { className: cls.name, repositoryMember: parameter.name };
  }
  return undefined;
}

/** The service a controller file would have beside it: `users.controller.ts` → `users.service.ts`, `UsersService`. */
export function siblingService(use: InjectedRepository): { file: string; className: string } | undefined {
  const base = path.posix.basename(use.controllerFile);
  const match = /^(.+?)([.\-_]?)(controller)(\.[cm]?[jt]sx?)$/i.exec(base);
  if (!match || !use.controllerClass.endsWith('Controller')) return undefined;
  const [, stem = '', separator = '', word = '', extension = ''] = match;
  const service = word === 'Controller' ? 'Service' : 'service';
  return {
    file: path.posix.join(serviceFolder(path.posix.dirname(use.controllerFile)), `${stem}${separator}${service}${extension}`),
    className: `${use.controllerClass.slice(0, -'Controller'.length)}Service`,
  };
}

/** Services live beside their controller, or in the `services/` folder beside a `controllers/` one. */
function serviceFolder(controllerFolder: string): string {
  const folder = /^(c|C)ontroller(s?)$/.exec(path.posix.basename(controllerFolder));
  return folder ? path.posix.join(path.posix.dirname(controllerFolder), `${folder[1] === 'C' ? 'S' : 's'}ervice${folder[2] ?? ''}`) : controllerFolder;
}

/** Writes a new service holding the repository the controller injected, imports copied from the controller. */
export function createService(rewrite: Rewrite, controller: SourceFile, use: InjectedRepository, choice: ServiceChoice): ClassDeclaration | undefined {
  const text = controller.getFullText();
  const eol = eolOf(text);
  const imports = importLines(controller, use, choice.file);
  if (!imports) return undefined;
  const lines = [...imports, '', ...(use.nest ? ['@Injectable()'] : []), `export class ${choice.className} {`, `${indentUnitOf(text)}constructor(${parameterText(use)}) {}`, '}', ''];
  return rewrite.create(choice.file, lines.join(eol))?.getClass(choice.className);
}

function importLines(controller: SourceFile, use: InjectedRepository, serviceFile: string): string[] | undefined {
  const quote = quoteOf(controller.getFullText());
  const named = new Map<string, string[]>(use.nest ? [['@nestjs/common', ['Injectable']]] : []);
  const lines: string[] = [];
  const sources = [...use.referencedNames].map((name) => ({ name, source: importOf(controller, name) }));
  sources.sort((a, b) => (a.source?.position ?? 0) - (b.source?.position ?? 0));
  for (const { name, source } of sources) {
    if (!source) return undefined;
    const specifier = specifierFor(source.specifier, use.controllerFile, serviceFile);
    if (!source.named) lines.push(`import ${name} from ${quote}${specifier}${quote};`);
    else named.set(specifier, [...(named.get(specifier) ?? []), name]);
  }
  const semicolon = /^import .*;\s*$/m.test(controller.getFullText()) ? ';' : '';
  return [...[...named].map(([specifier, names]) => `import { ${names.join(', ')} } from ${quote}${specifier}${quote}${semicolon}`), ...lines];
}

/** Gives a sibling NestJS service the repository parameter; returns the member that holds it. */
export function injectRepository(service: ClassDeclaration, controller: SourceFile, use: InjectedRepository): string | undefined {
  if (memberNames(service).has(use.member)) return undefined;
  const constructor = service.getConstructors()[0];
  if (constructor) constructor.addParameter({ name: use.member, type: use.typeText, decorators: [...use.decorators], ...(use.scope ? { scope: use.scope } : {}), isReadonly: use.isReadonly });
  else service.insertMember(leadingProperties(service), `constructor(${parameterText(use)}) {}`);
  const sourceFile = service.getSourceFile();
  for (const name of use.referencedNames) {
    const source = importOf(controller, name);
    if (!source) return undefined;
    if (importOf(sourceFile, name)) continue;
    const specifier = specifierFor(source.specifier, use.controllerFile, sourceFile.getFilePath());
    sourceFile.addImportDeclaration(source.named ? { namedImports: [name], moduleSpecifier: specifier } : { defaultImport: name, moduleSpecifier: specifier });
  }
  return use.member;
}

/** The repository parameter as the controller declared it. */
function parameterText(use: InjectedRepository): string {
  const decorators = use.decorators.map((d) => `@${d.name}(${(d.arguments as string[] | undefined)?.join(', ') ?? ''}) `).join('');
  return `${decorators}${modifiersOf(use)}${use.member}: ${use.typeText}`;
}

/** A new constructor goes after the properties a class declares first, as classes are usually laid out. */
function leadingProperties(cls: ClassDeclaration): number {
  const index = cls.getMembers().findIndex((m) => !Node.isPropertyDeclaration(m));
  return index === -1 ? cls.getMembers().length : index;
}

/**
 * Adds the domain methods to the service, importing what their queries and parameter types
 * name. A method that already makes the same call with the same parameters is used under its own
 * name (`findById(id)` → `this.repository.findById(id)`); a member of the planned name doing
 * something else is why the fix cannot be made (routing there would change what it does).
 * Returns the methods as the controller is to call them, or the reason.
 */
export function addDomainMethods(service: ClassDeclaration, repositoryMember: string, methods: readonly DomainMethod[], controller: SourceFile): { methods: DomainMethod[] } | { refused: string } {
  const sourceFile = service.getSourceFile();
  const added: DomainMethod[] = [];
  for (const method of methods) {
    const body = `return this.${repositoryMember}.${method.call};`;
    const same = service.getMethods().find((m) => makesCall(m, body, method));
    if (same) {
      added.push({ ...method, name: same.getName() });
      continue;
    }
    if (memberNames(service).has(method.name)) return { refused: `${service.getName() ?? 'the service'} already has a ${method.name} that does something else` };
    service.addMethod({ name: method.name, parameters: method.parameters.map((p) => ({ name: p.name, ...(p.type ? { type: p.type } : {}) })), statements: [body] });
    added.push(method);
    const missing = importNames(sourceFile, method.imports, controller);
    if (missing) return { refused: `${missing} is not imported where the controller uses it` };
  }
  return { methods: added };
}

/** Imports into `sourceFile` the names as the controller imports them; returns a name it does not import. */
function importNames(sourceFile: SourceFile, names: ReadonlySet<string>, controller: SourceFile): string | undefined {
  for (const name of names) {
    const source = importOf(controller, name);
    if (!source) return name;
    if (importOf(sourceFile, name)) continue;
    const specifier = specifierFor(source.specifier, controller.getFilePath(), sourceFile.getFilePath());
    sourceFile.addImportDeclaration(source.named ? { namedImports: [name], moduleSpecifier: specifier } : { defaultImport: name, moduleSpecifier: specifier });
  }
  return undefined;
}

/** A method whose only statement returns (or awaits and returns) the same call, over parameters of the same names. */
function makesCall(existing: MethodDeclaration, body: string, method: DomainMethod): boolean {
  const statements = existing.getStatements().map((st) => st.getText().replace(/^return await /, 'return '));
  const names = existing.getParameters().map((p) => p.getName());
  return statements.length === 1 && statements[0] === body && names.length === method.parameters.length && names.every((n, i) => n === method.parameters[i]?.name);
}
