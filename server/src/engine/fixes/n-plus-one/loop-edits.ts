import type { FileNode } from '../../graph/types';
import type { TextEdit } from '../../types';
import { indentAt, replaceNode } from '../text';
import type { Batch } from './batch';
import { changesWhatIterationsSee, isElementKey } from './batch-safety';
import { namesFor, type Names } from './declared-names';
import type { Iteration } from './iteration';
import { useOf } from './result-use';
import { linesBefore } from './statement-insertion';

/** The edits in the looping file: the keys and the map before the loop, the map read in it. */
export function loopEdits(node: FileNode, iteration: Iteration, batch: Batch): { edits: TextEdit[]; names: Names } | undefined {
  const use = useOf(batch.call, batch.rows !== '');
  if (!use || shadowsMap(node) || !isElementKey(batch.key, iteration.bound) || changesWhatIterationsSee(iteration, batch, use.holder)) return undefined;
  const names = namesFor(iteration, use, batch.field, batch.key, batch.noun);
  if (!names) return undefined;
  const keys = `const ${names.ids} = ${iteration.items.text}.map((${iteration.elementText}) => ${batch.key.getText()})`;
  const query = reindented(batch.batched(names.ids), indentAt(node.text, batch.call.getStart()), indentAt(node.text, iteration.anchor.getStart()));
  const map = `const ${names.map} = new Map((await ${query})${batch.rows}.map((${names.row}) => [${names.row}.${batch.field}, ${names.row}]))`;
  const inserted = linesBefore(node, iteration.anchor, names.elementsAreKeys ? [map] : [keys, map]);
  if (!inserted) return undefined;
  const read = use.replacement(`${names.map}.get(${batch.key.getText()})${batch.missing}`);
  return { edits: [inserted, replaceNode(node.file, use.replaced, node.sourceFile, read)], names };
}

/** The file declares or imports its own `Map` (Immutable's, say): `new Map(entries)` would not be the built-in. */
function shadowsMap(node: FileNode): boolean {
  return node.facts.declarations.has('Map') || node.facts.moduleRefs.some((ref) => ref.bindings.some((b) => b.local === 'Map'));
}

/** A query written over several lines moves out of the loop: its inner lines follow it to its new indentation. */
function reindented(text: string, from: string, to: string): string {
  return text.replace(/(\r?\n)([ \t]*)/g, (whole, eol: string, indent: string) => (indent.startsWith(from) ? `${eol}${to}${indent.slice(from.length)}` : whole));
}
