import type { FileFacts } from '../facts/types';
import type { LayerId } from './layers';

/**
 * What the graph must confirm before name evidence holds:
 * - `touches-data`: a repository reaches the database (a database package, a data-access file, a
 *   model, or a base class that does), unless nothing it depends on says otherwise;
 * - `uses-database`: a data-access file (`db.ts`, `database/`) imports a database client or ORM,
 *   unless it holds nothing that says otherwise;
 * - `not-an-adapter`: a service is business logic, not a wrapper around an infrastructure
 *   package (a logger, an HTTP or mail client) that no other layer of the app reaches.
 */
export type GraphCheck = 'touches-data' | 'uses-database' | 'not-an-adapter';

export interface LocalVerdict {
  /** Why the file's own behaviour contradicts the layer. */
  readonly overruled?: string;
  readonly check?: GraphCheck;
}

const PORT = 'it only declares types and contracts (a port), no behaviour of its own';

const NOTHING_TO_CHECK: LocalVerdict = {};

/** Per layer: how a file's own behaviour bears on a name that puts it there. */
const VERDICTS: Readonly<Record<string, (facts: FileFacts) => LocalVerdict>> = {
  // A class without a route decorator may be bound to routes elsewhere; functions that take no request never are.
  controller: (facts) => (!isEntryPoint(facts) && facts.shape.functions > 0 ? { overruled: 'its functions handle no route or request' } : NOTHING_TO_CHECK),
  router: (facts) => (!isEntryPoint(facts) && facts.declarations.size > 0 ? { overruled: 'it registers no route' } : NOTHING_TO_CHECK),
  service: (facts) => (facts.shape.typesOnly ? { overruled: PORT } : { check: 'not-an-adapter' }),
  repository: (facts) => (facts.shape.typesOnly ? { overruled: PORT } : { check: 'touches-data' }),
  'data-access': (facts) => (facts.shape.typesOnly ? { overruled: PORT } : { check: 'uses-database' }),
  middleware: (facts) => (facts.shape.typesOnly ? { overruled: 'it only declares types' } : NOTHING_TO_CHECK),
  dto: (facts) => (facts.shape.functions > 0 && !declaresDataShapes(facts) ? { overruled: 'it exports functions (helpers), not request or response shapes' } : NOTHING_TO_CHECK),
};

/**
 * Name evidence for `layer` weighed against what the file itself does. A name holds unless the
 * file's behaviour says otherwise: a file that does things, none of which its layer does (a
 * `*.controller.ts` whose functions handle no request), is not what it is called; a file that does
 * nothing yet (a new class) keeps its name.
 */
export function localVerdict(layer: LayerId | undefined, facts: FileFacts): LocalVerdict {
  const verdict = layer === undefined ? undefined : VERDICTS[layer];
  return verdict ? verdict(facts) : NOTHING_TO_CHECK;
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
