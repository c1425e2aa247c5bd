import { decide, type Classifier } from '../classify/classify';
import type { LayerId } from '../classify/layers';
import type { LineIndex } from '../text/line-index';
import type { ts } from '../ts';
import { injectionEdges, ProviderIndex } from './injection-edges';
import { moduleRefEdges } from './module-edges';
import { refineLayers, type LayerRefiner } from './refine-layers';
import { SymbolResolver, type SourceUnit } from './symbols';
import type { DependencyGraph, Edge, FileNode } from './types';

export interface GraphInput extends SourceUnit {
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  readonly lineIndex: LineIndex;
  /** Outside the opened folder: read to classify what the folder imports, never reported on. */
  readonly outside?: boolean;
}

/** API boundary: builds the dependency graph from per-file facts; classification included. */
export function buildGraph(root: string, inputs: readonly GraphInput[], classifier: Classifier): DependencyGraph {
  const units = new Map<string, SourceUnit>(inputs.map((i) => [i.file, i]));
  const symbols = new SymbolResolver(units);
  const providers = ProviderIndex.of(units.values(), symbols);
  const files = new Map<string, FileNode>();
  const outgoing = new Map<string, readonly Edge[]>();
  for (const input of inputs) {
    files.set(input.file, fileNodeOf(input, classifier));
    outgoing.set(input.file, fileEdges(input, symbols, providers));
  }
  return assembleGraph(root, files, outgoing, classifier, {});
}

/** A file's own dependencies: module syntax, injection and `new`, without edges to itself. */
export function fileEdges(unit: SourceUnit, symbols: SymbolResolver, providers: ProviderIndex): Edge[] {
  return [...moduleRefEdges(unit, symbols), ...injectionEdges(unit, symbols, providers)].filter((e) => e.to !== unit.file);
}

/** The graph of classified files and each file's outgoing edges (in the order of `files`). */
export function assembleGraph(
  root: string,
  files: ReadonlyMap<string, FileNode>,
  outgoing: ReadonlyMap<string, readonly Edge[]>,
  classifier: Classifier,
  shape: object,
  session?: { readonly refiner: LayerRefiner; readonly changed: readonly string[] },
): DependencyGraph {
  const edges: Edge[] = [];
  for (const file of files.keys()) for (const edge of outgoing.get(file) ?? []) edges.push(edge);
  const outgoingOf = (file: string): readonly Edge[] => outgoing.get(file) ?? [];
  const refined = session ? session.refiner.refine(files, outgoingOf, classifier, shape, session.changed) : refineLayers(files, outgoingOf, classifier);
  const targetLayer = (edge: Edge): LayerId | undefined => targetLayerOf(edge, refined, classifier);
  return { root, files: refined, edges, targetLayer, outgoing: outgoingOf, shape };
}

/** Two edge lists lead to the same files the same way (kinds, run-time), whatever their ranges and names. */
export function sameShape(a: readonly Edge[], b: readonly Edge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.to !== y.to || x.kind !== y.kind || x.runtime !== y.runtime || x.external !== y.external) return false;
  }
  return true;
}

export function fileNodeOf(input: GraphInput, classifier: Classifier): FileNode {
  const toClassify = { file: input.file, facts: input.facts, projectDir: input.project.dir };
  const candidates = classifier.candidatesOf(toClassify);
  const classification = decide(candidates, () => undefined);
  const exempt = classifier.exemptionOf(input);
  return {
    file: input.file,
    projectDir: input.project.dir,
    text: input.text,
    facts: input.facts,
    sourceFile: input.sourceFile,
    lineIndex: input.lineIndex,
    ...(classification.layer ? { layer: classification.layer } : {}),
    layerReason: classification.reason,
    layerEvidence: classification.evidence,
    candidates,
    ...(exempt ? { exempt } : {}),
  };
}

/** The layer an edge leads into: the target file's, or the package's for an external import. */
function targetLayerOf(edge: Edge, files: ReadonlyMap<string, FileNode>, classifier: Classifier): LayerId | undefined {
  if (!edge.external) return files.get(edge.to)?.layer;
  const layer = classifier.packageLayer(edge.to);
  if (!layer) return undefined;
  // Type-only imports of a database client and schema-only ORM imports (entity decorators) do
  // not access data; for other package layers every import counts.
  if (layer !== 'data-access' || edge.kind === 'di') return layer;
  if (!edge.runtime || classifier.isSchemaOnlyImport(edge.to, edge)) return undefined;
  return layer;
}
