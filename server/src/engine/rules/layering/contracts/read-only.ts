import type { LayerId } from '../../../classify/layers';
import type { Contract } from '../../../config/resolved';
import type { DependencyGraph, FileNode } from '../../../graph/types';
import { ts } from '../../../ts';
import { hasNode, rangeOf } from '../../syntax';
import { articleOf } from '../../../text/words';
import type { RuleReport } from '../../types';

type ReadOnlyContract = Extract<Contract, { type: 'read-only' }>;

/** Methods of repositories, ORM models and database clients that change data. */
const WRITES = new Set([
  'save',
  'insert',
  'update',
  'delete',
  'remove',
  'upsert',
  'softDelete',
  'softRemove',
  'restore',
  'increment',
  'decrement',
  'insertMany',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'createMany',
  'bulkWrite',
  'bulkCreate',
  'destroy',
  'persist',
  'persistAndFlush',
  'flush',
  'nativeInsert',
  'nativeUpdate',
  'nativeDelete',
  'replaceOne',
  'findOneAndUpdate',
  'findByIdAndUpdate',
  'findOneAndDelete',
  'findByIdAndDelete',
  'findOneAndRemove',
  'findOneAndReplace',
]);

/** Layers whose objects read and write the app's data. */
const DATA_LAYERS: ReadonlySet<LayerId> = new Set(['repository', 'data-access', 'model']);

/**
 * Files of the listed layers must not write data or run commands: a query handler that saves,
 * or sends a command, is a command in disguise. Only calls on what the file gets from the data
 * layers count (an injected repository, the ORM, an imported model) and on an injected command
 * bus: `this.cache.delete(key)` on a map is no write.
 */
export function checkReadOnly(
  contract: ReadOnlyContract,
  files: readonly FileNode[],
  graph: DependencyGraph,
  walkFile: (file: FileNode, visit: (node: ts.Node) => void) => void,
  report: (r: RuleReport) => void,
): void {
  const layers = new Set(contract.layers);
  for (const node of files) {
    if (node.layer === undefined || !layers.has(node.layer)) continue;
    const handles = dataHandles(node, graph);
    if (!holdsAny(handles)) continue;
    walkFile(node, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
      const write = writeOf(n.expression, handles);
      if (!write) return;
      report({
        file: node.file,
        range: rangeOf(n.expression, node.sourceFile),
        messageId: 'broken-contract',
        message: `Contract "${contract.name}": ${articleOf(node.layer!)} ${node.layer} must not ${write}.`,
        detail: 'Move the change into a command (handler), and keep this one to reading. (a read-only contract)',
        data: { contract: contract.name, contractType: contract.type, dependency: write },
      });
    });
  }
}

/** Whether the file changes data or runs a command through what it gets from the data layers or a command bus. */
export function writesData(node: FileNode, graph: DependencyGraph): boolean {
  const handles = dataHandles(node, graph);
  return holdsAny(handles) && hasNode(node.sourceFile, (n) => ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && writeOf(n.expression, handles) !== undefined);
}

interface Handles {
  /** Constructor parameters injected from the data layers: `this.orders.save(…)`. */
  readonly injected: ReadonlySet<string>;
  /** Names imported from the data layers: `Order.update(…)`. */
  readonly imported: ReadonlySet<string>;
  /** Injected command buses: `this.commandBus.execute(…)`. */
  readonly buses: ReadonlySet<string>;
}

/** Whether the file gets anything through which it could write. */
function holdsAny(handles: Handles): boolean {
  return handles.injected.size > 0 || handles.imported.size > 0 || handles.buses.size > 0;
}

function dataHandles(node: FileNode, graph: DependencyGraph): Handles {
  const injected = new Set<string>();
  const imported = new Set<string>();
  const buses = new Set<string>();
  const params = node.facts.classes.flatMap((c) => c.constructorParams);
  for (const edge of graph.outgoing(node.file)) {
    const layer = graph.targetLayer(edge);
    if (edge.kind === 'di') {
      const param = params.find((p) => p.range.start === edge.range.start);
      if (param && layer !== undefined && DATA_LAYERS.has(layer)) injected.add(param.name);
    } else if (edge.runtime && layer !== undefined && DATA_LAYERS.has(layer)) {
      for (const name of edge.valueNames ?? edge.names) imported.add(name);
    }
  }
  for (const param of params) if (param.typeName === 'CommandBus') buses.add(param.name);
  return { injected, imported, buses };
}

/** `calls this.orders.save()`, `runs a command through this.commandBus`; undefined for a read. */
function writeOf(callee: ts.PropertyAccessExpression, handles: Handles): string | undefined {
  const method = callee.name.text;
  const chain: string[] = [];
  let root: ts.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(root)) {
    chain.unshift(root.name.text);
    root = root.expression;
  }
  const text = `${root.kind === ts.SyntaxKind.ThisKeyword ? 'this' : ts.isIdentifier(root) ? root.text : '…'}${chain.map((c) => `.${c}`).join('')}.${method}()`;
  if (root.kind === ts.SyntaxKind.ThisKeyword && chain.length >= 1) {
    const handle = chain[0]!;
    if (handles.buses.has(handle) && chain.length === 1 && method === 'execute') return `run a command (it calls ${text})`;
    // `this.prisma.order.create()` writes; a TypeORM repository's `create()` only builds an entity.
    if (handles.injected.has(handle) && (WRITES.has(method) || (method === 'create' && chain.length >= 2))) return `write data (it calls ${text})`;
    return undefined;
  }
  if (ts.isIdentifier(root) && handles.imported.has(root.text) && (WRITES.has(method) || method === 'create')) return `write data (it calls ${text})`;
  return undefined;
}
