import type { Classifier } from '../classify/classify';
import type { LayerId } from '../classify/layers';
import type { LineIndex } from '../text/line-index';
import type { ts } from '../ts';
import { injectionEdges, ProviderIndex } from './injection-edges';
import { moduleRefEdges } from './module-edges';
import { SymbolResolver, type SourceUnit } from './symbols';
import type { DependencyGraph, Edge, FileNode } from './types';

export interface GraphInput extends SourceUnit {
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  readonly lineIndex: LineIndex;
}

/** API boundary: builds the dependency graph from per-file facts; classification included. */
export function buildGraph(root: string, inputs: readonly GraphInput[], classifier: Classifier): DependencyGraph {
  const units = new Map<string, SourceUnit>(inputs.map((i) => [i.file, i]));
  const symbols = new SymbolResolver(units);
  const providers = new ProviderIndex(units.values(), symbols);

  const files = new Map<string, FileNode>();
  for (const input of inputs) files.set(input.file, fileNodeOf(input, classifier));

  const edges: Edge[] = [];
  const outgoing = new Map<string, Edge[]>();
  for (const input of inputs) {
    const own = [...moduleRefEdges(input, symbols), ...injectionEdges(input, symbols, providers)].filter((e) => e.to !== input.file);
    edges.push(...own);
    outgoing.set(input.file, own);
  }

  const targetLayer = (edge: Edge): LayerId | undefined => targetLayerOf(edge, files, classifier);
  return { root, files, edges, targetLayer, outgoing: (file) => outgoing.get(file) ?? [] };
}

function fileNodeOf(input: GraphInput, classifier: Classifier): FileNode {
  const classification = classifier.classifyFile({ file: input.file, facts: input.facts, projectDir: input.project.dir });
  return {
    file: input.file,
    projectDir: input.project.dir,
    text: input.text,
    facts: input.facts,
    sourceFile: input.sourceFile,
    lineIndex: input.lineIndex,
    ...(classification.layer ? { layer: classification.layer } : {}),
    layerReason: classification.reason,
  };
}

/** The layer an edge leads into: the target file's, or the package's for an external import. */
function targetLayerOf(edge: Edge, files: ReadonlyMap<string, FileNode>, classifier: Classifier): LayerId | undefined {
  if (!edge.external) return files.get(edge.to)?.layer;
  const layer = classifier.packageLayer(edge.to);
  if (!layer) return undefined;
  // Type-only imports of a database client and schema-only ORM imports (entity decorators) do
  // not access data; for other package layers every import counts.
  if (layer !== 'data-access' || edge.kind === 'di' || edge.kind === 'instantiation') return layer;
  if (!edge.runtime || classifier.isSchemaOnlyImport(edge.to, edge.names, edge.specifier ?? edge.to)) return undefined;
  return layer;
}
