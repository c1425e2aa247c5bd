import type { ClassFact, DecoratorFact, FileFacts, ParamFact, StaticValue } from '../facts/types';
import type { Edge } from './types';
import { targetOf } from './module-edges';
import type { Definition, SourceUnit, SymbolResolver } from './symbols';

/** NestJS ORM injection decorators: the package that provides them -> the ORM they inject. */
const ORM_INJECTORS: Readonly<Record<string, { orm: string; label: string }>> = {
  '@nestjs/typeorm': { orm: 'typeorm', label: 'TypeORM' },
  '@nestjs/mongoose': { orm: 'mongoose', label: 'Mongoose' },
  '@nestjs/sequelize': { orm: 'sequelize', label: 'Sequelize' },
  '@mikro-orm/nestjs': { orm: '@mikro-orm/core', label: 'MikroORM' },
};
const ORM_DECORATORS: Readonly<Record<string, string>> = {
  InjectRepository: 'repository',
  InjectModel: 'model',
  InjectDataSource: 'data source',
  InjectEntityManager: 'entity manager',
  InjectConnection: 'connection',
};

/** The providers one file's `@Module`s declare, in order: token key → providing class. */
export type ModuleProviders = readonly (readonly [token: string, provider: Definition])[];

/**
 * Which class provides each `@Inject(TOKEN)` token, read from every `@Module({ providers })`:
 * `{ provide: TOKEN, useClass: X }`, `{ provide: TOKEN, useExisting: X }`, or a bare class.
 * The first module (in file order) that provides a token wins.
 */
export class ProviderIndex {
  private readonly byToken = new Map<string, Definition>();

  constructor(perModuleFile: Iterable<ModuleProviders>) {
    for (const providers of perModuleFile) for (const [token, provider] of providers) if (!this.byToken.has(token)) this.byToken.set(token, provider);
  }

  static of(units: Iterable<SourceUnit>, symbols: SymbolResolver): ProviderIndex {
    const perModuleFile: ModuleProviders[] = [];
    for (const unit of units) if (declaresModule(unit.facts)) perModuleFile.push(moduleProviders(unit, symbols));
    return new ProviderIndex(perModuleFile);
  }

  /** The class provided for `token` as written in `unit`; `symbols` resolves the token's name. */
  providerOf(unit: SourceUnit, token: StaticValue, symbols: SymbolResolver): Definition | undefined {
    const key = tokenKey(unit, token, symbols);
    return key === undefined ? undefined : this.byToken.get(key);
  }

  /** Every token is provided by the same class in both. */
  sameAs(other: ProviderIndex): boolean {
    if (other.byToken.size !== this.byToken.size) return false;
    for (const [token, provider] of this.byToken) {
      const theirs = other.byToken.get(token);
      if (!theirs || !sameDefinition(provider, theirs)) return false;
    }
    return true;
  }
}

/** The providers of the `@Module` classes of one file. */
export function moduleProviders(unit: SourceUnit, symbols: SymbolResolver): ModuleProviders {
  const found: (readonly [string, Definition])[] = [];
  for (const cls of unit.facts.classes) {
    for (const decorator of cls.decorators) {
      if (decorator.name !== 'Module') continue;
      for (const { token, classLocal } of declaredProviders(decorator)) {
        const key = tokenKey(unit, token, symbols);
        const definition = symbols.definitionOfLocal(unit, classLocal);
        if (key !== undefined && definition) found.push([key, definition]);
      }
    }
  }
  return found;
}

/** `providers: [X, { provide: TOKEN, useClass: X }, { provide: TOKEN, useExisting: X }]` of a `@Module`. */
function declaredProviders(module: DecoratorFact): { readonly token: StaticValue; readonly classLocal: string }[] {
  const metadata = module.args[0];
  const providers = metadata?.kind === 'object' ? metadata.properties['providers'] : undefined;
  if (providers?.kind !== 'array') return [];
  return providers.elements.flatMap((provider) => {
    if (provider.kind === 'identifier' && !provider.member) return [{ token: provider, classLocal: provider.name }];
    if (provider.kind !== 'object') return [];
    const token = provider.properties['provide'];
    const useClass = provider.properties['useClass'] ?? provider.properties['useExisting'];
    return token && useClass?.kind === 'identifier' && !useClass.member ? [{ token, classLocal: useClass.name }] : [];
  });
}

function sameDefinition(a: Definition, b: Definition): boolean {
  if (a.kind === 'file') return b.kind === 'file' && a.file === b.file && a.name === b.name && a.declaration === b.declaration;
  return b.kind === 'package' && a.name === b.name && a.exported === b.exported;
}

/** A file with a `@Module(...)` class: what the provider index is read from. */
export function declaresModule(facts: FileFacts): boolean {
  return facts.classes.some((cls) => cls.decorators.some((d) => d.name === 'Module'));
}

/** Whether computing `unit`'s edges asks the provider index (an `@Inject(TOKEN)` parameter). */
export function usesProviders(facts: FileFacts): boolean {
  return facts.classes.some((cls) => cls.constructorParams.some((p) => p.decorators.some((d) => d.name === 'Inject' && d.args[0] !== undefined)));
}

/** Tokens are equal when they are the same string, or names that resolve to the same declaration. */
function tokenKey(unit: SourceUnit, token: StaticValue, symbols: SymbolResolver): string | undefined {
  if (token.kind === 'string') return `string:${token.value}`;
  if (token.kind !== 'identifier') return undefined;
  const definition = symbols.definitionOfLocal(unit, token.name);
  const base = definition?.kind === 'file' ? `${definition.file}#${definition.name}` : definition ? `${definition.name}#${definition.exported}` : `local:${unit.file}#${token.name}`;
  return token.member ? `symbol:${base}.${token.member}` : `symbol:${base}`;
}

/** Constructor injection (NestJS and plain constructor injection) and `new X()` of imported classes. */
export function injectionEdges(unit: SourceUnit, symbols: SymbolResolver, providers: ProviderIndex): Edge[] {
  const edges: Edge[] = [];
  for (const cls of unit.facts.classes) {
    for (const param of cls.constructorParams) {
      const edge = paramEdge(unit, cls, param, symbols, providers);
      if (edge) edges.push(edge);
    }
  }
  for (const instantiation of unit.facts.instantiations) {
    const definition = symbols.definitionOfLocal(unit, instantiation.name);
    if (!definition || (definition.kind === 'file' && definition.file === unit.file)) continue;
    edges.push({
      from: unit.file,
      ...targetOf(definition),
      kind: 'instantiation',
      range: instantiation.range,
      runtime: true,
      names: [instantiation.name],
      detail: `creates ${instantiation.name} with new`,
      ...(instantiation.mounted ? { usedAs: 'mount' as const } : instantiation.inDecorator ? { usedAs: 'decorator' as const } : {}),
    });
  }
  return edges;
}

function paramEdge(unit: SourceUnit, cls: ClassFact, param: ParamFact, symbols: SymbolResolver, providers: ProviderIndex): Edge | undefined {
  const base: EdgeBase = { from: unit.file, kind: 'di', range: param.range, runtime: cls.decorators.length > 0 };
  const definition = param.typeName ? symbols.definitionOfLocal(unit, param.typeName) : undefined;
  for (const decorator of param.decorators) {
    const edge = decoratorEdge(unit, decorator, base, symbols, providers);
    if (edge) return param.typeName === undefined ? { ...edge, untyped: true } : withDeclaredType(edge, definition);
  }
  if (!param.typeName) return undefined;
  if (!definition || (definition.kind === 'file' && definition.file === unit.file)) return undefined;
  // A class no container builds, with no code of its own, takes data when it hands a parameter on
  // (a query object passing `sortOrder: OrderByDirection` to its base) or shows it as a field (a
  // DTO's `public readonly clientType?: ClientType`): nothing is injected into it to be used. What
  // it keeps private is a dependency.
  if (cls.decorators.length === 0 && cls.methods === 0 && (param.property !== true || param.exposed === true)) return undefined;
  const written = param.typeMember ? `${param.typeName}.${param.typeMember}` : param.typeName;
  return { ...base, ...targetOf(definition), names: [param.typeName], ...(param.typeMember ? { members: [param.typeMember] } : {}), detail: `injects ${written}` };
}

/**
 * A token injection typed with a port declared elsewhere than the provider (see `Edge.typedAs`),
 * the injecting file included: a use case that declares its own port (`interface UsersStore`
 * beside `@Inject(USERS_STORE) store: UsersStore`) depends on it, not on what the module binds.
 */
function withDeclaredType(edge: Edge, declared: Definition | undefined): Edge {
  if (edge.external || declared?.kind !== 'file' || declared.file === edge.to) return edge;
  return { ...edge, typedAs: declared.file };
}

type EdgeBase = Pick<Edge, 'from' | 'kind' | 'range' | 'runtime'>;

/** What a parameter decorator injects: an ORM object (`@InjectRepository(User)`), or the provider of an `@Inject(TOKEN)` in another file. */
function decoratorEdge(unit: SourceUnit, decorator: DecoratorFact, base: EdgeBase, symbols: SymbolResolver, providers: ProviderIndex): Edge | undefined {
  const orm = ormInjection(unit, decorator, symbols);
  if (orm) return { ...base, to: orm.orm, external: true, runtime: true, names: [decorator.name], detail: orm.detail };
  const token = decorator.args[0];
  if (decorator.name !== 'Inject' || !token) return undefined;
  const provider = providers.providerOf(unit, token, symbols);
  if (!provider || (provider.kind === 'file' && provider.file === unit.file)) return undefined;
  const providerName = provider.kind === 'file' ? provider.name : provider.exported;
  return { ...base, ...targetOf(provider), names: [providerName], detail: `injects ${providerName} through @Inject(${tokenText(token)})`, token: tokenText(token) };
}

function ormInjection(unit: SourceUnit, decorator: DecoratorFact, symbols: SymbolResolver): { orm: string; detail: string } | undefined {
  const what = ORM_DECORATORS[decorator.name];
  if (!what) return undefined;
  const definition = symbols.definitionOfLocal(unit, decorator.name);
  const injector = definition?.kind === 'package' ? ORM_INJECTORS[definition.name] : undefined;
  if (!injector) return undefined;
  const entity = decorator.args[0];
  const of = entity?.kind === 'identifier' ? ` of ${entity.name}` : '';
  return { orm: injector.orm, detail: `injects the ${injector.label} ${what}${of} (@${decorator.name})` };
}

function tokenText(token: StaticValue): string {
  if (token.kind === 'string') return `'${token.value}'`;
  if (token.kind === 'identifier') return token.member ? `${token.name}.${token.member}` : token.name;
  return '…';
}
