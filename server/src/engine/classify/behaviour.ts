import type { FileFacts } from '../facts/types';
import type { LayerId } from './layers';

/**
 * What the graph must confirm before name evidence holds:
 * - `touches-data`: a repository reaches the database (a database package, a data-access file, a
 *   model, or a base class that does), unless nothing it depends on says otherwise;
 * - `folder-touches-data`: the same for a file only its folder calls a repository, where a class
 *   that reaches nothing else may keep its data in memory, but functions that reach no data are helpers;
 * - `uses-database`: a data-access file (`db.ts`, `database/`) imports a database client or ORM;
 * - `folder-uses-database`: the same for a file only its folder (`db/`) calls data access, whose
 *   functions must not run their queries through the app's own client file (those are a repository's);
 * - `not-an-adapter`: a service is business logic, not a wrapper around an infrastructure
 *   package (a logger, an HTTP or mail client) that no other layer of the app reaches;
 * - `inherits-handling`: a controller class whose own methods take no request gets its request
 *   handling from its base class (a framework's, or one of the app's that handles requests).
 */
export type GraphCheck = 'touches-data' | 'folder-touches-data' | 'uses-database' | 'folder-uses-database' | 'not-an-adapter' | 'inherits-handling';

export interface LocalVerdict {
  /** Why the file's own behaviour contradicts the layer. */
  readonly overruled?: string;
  readonly check?: GraphCheck;
}

const PORT = 'it only declares types and contracts (a port), no behaviour of its own';

const NOTHING_TO_CHECK: LocalVerdict = {};

/** Per layer: how a file's own behaviour bears on a name that puts it there. */
const VERDICTS: Readonly<Record<string, (facts: FileFacts, evidence: string) => LocalVerdict>> = {
  'composition-root': (facts) => (wiresNothing(facts) ? { overruled: 'it only declares constants and types: it creates, imports and starts nothing' } : NOTHING_TO_CHECK),
  controller: controllerVerdict,
  router: (facts) => (!isEntryPoint(facts) && facts.declarations.size > 0 ? { overruled: 'it registers no route' } : NOTHING_TO_CHECK),
  service: (facts) => (facts.shape.typesOnly ? { overruled: PORT } : { check: 'not-an-adapter' }),
  // A folder name is weaker than a file or class name: `repos/space/utils.ts` must show it holds data.
  repository: (facts, evidence) => (facts.shape.typesOnly ? { overruled: PORT } : { check: evidence.startsWith('folder ') ? 'folder-touches-data' : 'touches-data' }),
  'data-access': (facts, evidence) => (facts.shape.typesOnly ? { overruled: PORT } : { check: evidence.startsWith('folder ') ? 'folder-uses-database' : 'uses-database' }),
  // `idp-initiated-auth-config.ts` that registers routes is a router named after what it configures.
  config: (facts) => (isEntryPoint(facts) ? { overruled: 'it registers routes or handles requests' } : NOTHING_TO_CHECK),
  middleware: middlewareVerdict,
  dto: (facts) => (facts.shape.functions > 0 && !declaresDataShapes(facts) ? { overruled: 'it exports functions (helpers), not request or response shapes' } : NOTHING_TO_CHECK),
};

/**
 * Name evidence for `layer` weighed against what the file itself does. A name holds unless the
 * file's behaviour says otherwise: a file that does things, none of which its layer does (a
 * `*.controller.ts` whose functions handle no request), is not what it is called; a file that does
 * nothing yet (a new class) keeps its name.
 */
export function localVerdict(layer: LayerId | undefined, facts: FileFacts, evidence = ''): LocalVerdict {
  const verdict = layer === undefined ? undefined : VERDICTS[layer];
  return verdict ? verdict(facts, evidence) : NOTHING_TO_CHECK;
}

/**
 * A `*.strategy.ts` or `strategies/` file is an auth strategy when it shows one (a class extending
 * `PassportStrategy`, a passport package); else it is the strategy pattern (a packing algorithm, a
 * pricing rule), which has nothing of the HTTP edge.
 */
function middlewareVerdict(facts: FileFacts, evidence: string): LocalVerdict {
  if (facts.shape.typesOnly) return { overruled: 'it only declares types' };
  // `guards/is-player.ts` (`entity is Player`), `assert-not-null.guard.ts`: guards of values, not of requests.
  if (/guard/i.test(evidence) && facts.classes.length === 0 && facts.shape.functions > 0 && facts.shape.handlers === 0) {
    return { overruled: 'its functions check values (type guards, assertions), none takes a request' };
  }
  if (!/strateg/i.test(evidence) || isAuthStrategy(facts)) return NOTHING_TO_CHECK;
  return { overruled: 'it neither extends an auth strategy nor uses passport: a strategy of the domain, not of the HTTP edge' };
}

function isAuthStrategy(facts: FileFacts): boolean {
  if (facts.classes.some((c) => c.extends?.name === 'PassportStrategy')) return true;
  return facts.moduleRefs.some((ref) => /^(?:passport(?:-[\w-]+)?|@nestjs\/passport|@fastify\/passport|koa-passport)(?:\/|$)/.test(ref.specifier));
}

const NO_REQUEST = 'its functions and methods handle no route or request';

/** GraphQL servers and schema builders: what a resolver of queries uses. */
const GRAPHQL_PACKAGES =
  /^(?:graphql|graphql-[\w-]+|@graphql-[\w-]+\/[\w-]+|@nestjs\/graphql|type-graphql|@apollo\/[\w-]+|apollo-server(?:-[\w-]+)?|mercurius|graphql-yoga|@pothos\/[\w-]+|nexus|@strawberry[\w-]*|@graphql-tools\/[\w-]+)(?:\/|$)/;

/** A GraphQL package, a `@Resolver` class, or a resolver map (`export const resolvers = { Query: … }`, `userResolvers`). */
function usesGraphql(facts: FileFacts): boolean {
  if (facts.moduleRefs.some((ref) => GRAPHQL_PACKAGES.test(ref.specifier))) return true;
  if (facts.classes.some((c) => c.decorators.some((d) => d.name === 'Resolver'))) return true;
  return [...facts.declarations.keys()].some((name) => /^resolvers$|Resolvers$|^(?:Query|Mutation|Subscription)$/.test(name));
}

/**
 * Functions that take no request are bound to no route. Classes are bound elsewhere only through
 * a base class that takes the request (`execute(req, res)` calling `this.executeImpl()`); a
 * `LoggerController` of adapters whose base handles nothing is a domain component, not HTTP.
 */
function controllerVerdict(facts: FileFacts, evidence: string): LocalVerdict {
  // A resolver of queries shows GraphQL; `tenant.resolver.ts` resolves something else (from a request, a path).
  if (/resolver/i.test(evidence) && doesSomething(facts) && !usesGraphql(facts)) return { overruled: 'it uses no GraphQL: it resolves something else (a tenant, a path), not queries' };
  if (isEntryPoint(facts) || !doesSomething(facts)) return NOTHING_TO_CHECK;
  if (facts.shape.functions > 0) return { overruled: NO_REQUEST };
  // Resolver and gateway methods take their arguments, never the request; a resolver shows GraphQL.
  if (/resolver|gateway/i.test(evidence)) return NOTHING_TO_CHECK;
  return facts.classes.some((c) => c.extends !== undefined) ? { check: 'inherits-handling' } : { overruled: NO_REQUEST };
}

/**
 * \`container.ts\` holding only \`export const Keys = { query: 'query' }\`: the names a container
 * uses, not the container. A composition root imports what it wires, creates it or starts the app.
 */
function wiresNothing(facts: FileFacts): boolean {
  return !facts.shape.createsApp && facts.moduleRefs.length === 0 && facts.instantiations.length === 0 && !doesSomething(facts) && !isEntryPoint(facts);
}

function isEntryPoint(facts: FileFacts): boolean {
  return facts.shape.handlers > 0 || facts.shape.routes > 0;
}

/** Declares functions, or classes with methods: behaviour that can agree or disagree with a name. */
export function doesSomething(facts: FileFacts): boolean {
  return facts.shape.functions > 0 || facts.classes.some((c) => c.methods > 0);
}

function declaresDataShapes(facts: FileFacts): boolean {
  if (facts.classes.length > 0) return true;
  for (const kind of facts.declarations.values()) if (kind === 'type') return true;
  return false;
}
