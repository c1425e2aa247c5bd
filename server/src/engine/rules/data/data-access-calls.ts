import type { LayerId } from '../../classify/layers';
import type { DependencyGraph, Edge, FileNode } from '../../graph/types';
import { ts } from '../../ts';

/** Layers whose objects query the database. Models count for their query methods only. */
const DATA_LAYERS: ReadonlySet<LayerId> = new Set(['repository', 'data-access']);
const MODEL_QUERY_METHODS =
  /^(?:find|findOne|findById|findAll|findByPk|findOneAndUpdate|findOneAndDelete|findByIdAndUpdate|findByIdAndDelete|count|countDocuments|aggregate|create|update|updateOne|updateMany|delete|deleteOne|destroy|upsert|exists)$/;

/**
 * Which names in a file stand for data access, from the graph: constructor parameters whose
 * injection edge points at a repository or the database (`this.users`), and imports of
 * repository/data-access/model files or database packages (`db`, `prisma`, `User`).
 */
export class DataAccessNames {
  private readonly injected = new Map<string, LayerId>();
  private readonly imported = new Map<string, LayerId>();

  constructor(graph: DependencyGraph, node: FileNode) {
    const edges = graph.outgoing(node.file);
    for (const param of node.facts.classes.flatMap((c) => c.constructorParams)) {
      const edge = edges.find((e) => e.kind === 'di' && e.range.start === param.range.start);
      const layer = edge && graph.targetLayer(edge);
      if (layer) this.injected.set(param.name, layer);
    }
    for (const edge of edges) {
      const layer = edge.kind === 'import' || edge.kind === 'require' ? graph.targetLayer(edge) : undefined;
      if (layer) for (const local of importedLocals(node, edge)) this.imported.set(local, layer);
    }
    this.addClientsCreatedHere(node.sourceFile);
  }

  /** `const prisma = new PrismaClient()` at the top of the file: `prisma` is data access too. */
  private addClientsCreatedHere(sourceFile: ts.SourceFile): void {
    for (const [local, created] of createdAtTopLevel(sourceFile)) {
      const layer = this.imported.get(created);
      if (layer && DATA_LAYERS.has(layer)) this.imported.set(local, layer);
    }
  }

  /** A call through a repository, the database or a model, whatever its method: what it returns came from the data. */
  reachesData(call: ts.CallExpression): boolean {
    const layer = this.layerOfReceiver(call);
    return layer !== undefined && (DATA_LAYERS.has(layer) || layer === 'model');
  }

  /** `new Order(input)` with `Order` imported from a model, repository or data-access file: a record built to be stored. */
  buildsRecord(construction: ts.NewExpression): boolean {
    if (!ts.isIdentifier(construction.expression)) return false;
    const layer = this.imported.get(construction.expression.text);
    return layer !== undefined && (DATA_LAYERS.has(layer) || layer === 'model');
  }

  /** The data layer a call goes to (`this.users.findOne()`, `db('orders').first()`), if any. */
  layerOfCall(call: ts.CallExpression): LayerId | undefined {
    const layer = this.layerOfReceiver(call);
    if (!layer) return undefined;
    if (DATA_LAYERS.has(layer)) return layer;
    const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
    return layer === 'model' && MODEL_QUERY_METHODS.test(method) ? layer : undefined;
  }

  /** The layer of the object a call chain starts from (`this.users`, `db`), whatever it is. */
  private layerOfReceiver(call: ts.CallExpression): LayerId | undefined {
    const root = receiverRoot(call.expression);
    if (!root) return undefined;
    return root.viaThis ? this.injected.get(root.name) : this.imported.get(root.name);
  }
}

/** `const prisma = new PrismaClient()` at the top of the file: local name → the class it creates. */
function createdAtTopLevel(sourceFile: ts.SourceFile): Map<string, string> {
  const created = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const d of statement.declarationList.declarations) {
      const init = d.initializer;
      if (ts.isIdentifier(d.name) && init && ts.isNewExpression(init) && ts.isIdentifier(init.expression)) created.set(d.name.text, init.expression.text);
    }
  }
  return created;
}

/** Local names bound by the import statement an edge comes from, for the names it takes. */
function importedLocals(node: FileNode, edge: Edge): string[] {
  const ref = node.facts.moduleRefs.find((r) => r.range.start === edge.range.start);
  return (ref?.bindings ?? []).filter((b) => edge.names.includes(b.imported)).map((b) => b.local);
}

/** The object a call chain starts from: `this.prisma.user.findMany` → this.prisma; `db('x').first` → db. */
function receiverRoot(expr: ts.Expression): { name: string; viaThis: boolean } | undefined {
  let current = expr;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      if (current.expression.kind === ts.SyntaxKind.ThisKeyword) return { name: current.name.text, viaThis: true };
      current = current.expression;
    } else if (ts.isCallExpression(current) || ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else if (ts.isIdentifier(current)) {
      return { name: current.text, viaThis: false };
    } else {
      return undefined;
    }
  }
}
