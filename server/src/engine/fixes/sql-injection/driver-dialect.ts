import type { FixContext } from '../types';
import { familiesIn, importedFamily, type Family } from './driver-packages';
import { familyDialect, onlyDialect, type Dialect } from './family-dialect';
import { ensure } from './not-parameterizable';
import { originName } from './receiver-origin';
import type { SinkCall } from './sink-call';

// Which placeholders: the driver behind the call.

/** The drivers whose client has the method, taking the SQL text first and its values second. */
const DRIVER_METHODS: ReadonlyMap<string, readonly Family[]> = new Map<string, readonly Family[]>([
  ['query', ['pg', 'mysql', 'typeorm']],
  ['execute', ['mysql']],
  ['unsafe', ['postgres']],
]);
/** knex binds `?` whatever the database. */
const KNEX_METHODS = new Set(['raw', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw']);

export function dialectOf(context: FixContext, call: SinkCall): Dialect {
  const method = call.expression.name.text;
  if (KNEX_METHODS.has(method)) {
    ensure(familiesIn([context.node]).has('knex') || familiesIn(context.graph.files.values()).has('knex'), 'not a knex project');
    return 'question';
  }
  const families = DRIVER_METHODS.get(method);
  ensure(families !== undefined, 'a query-builder condition, not a driver call');
  const dialect = driverDialect(context, call, families);
  ensure(dialect !== undefined, 'the driver is unknown');
  return dialect;
}

/** The receiver's declared origin first; else the drivers this file, then the workspace, imports. */
function driverDialect(context: FixContext, call: SinkCall, families: readonly Family[]): Dialect | undefined {
  const { graph, node } = context;
  const origin = originName(call.expression.expression, call);
  const receiver = origin === undefined ? undefined : importedFamily(node, origin);
  if (receiver) return families.includes(receiver) ? familyDialect(receiver, graph) : undefined;
  const inFile = [...familiesIn([node])].filter((f) => families.includes(f));
  const candidates = inFile.length > 0 ? inFile : [...familiesIn(graph.files.values())].filter((f) => families.includes(f));
  return onlyDialect(candidates.map((f) => familyDialect(f, graph)));
}
