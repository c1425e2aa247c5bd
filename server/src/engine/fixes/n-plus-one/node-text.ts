import type { ts } from '../../ts';

/** Node text with some of its descendants replaced. */
export function spliced(node: ts.Node, replacements: readonly (readonly [ts.Node, string])[]): string {
  const start = node.getStart();
  let text = node.getText();
  const ordered = [...replacements].sort(([a], [b]) => b.getStart() - a.getStart());
  for (const [inner, replacement] of ordered) text = text.slice(0, inner.getStart() - start) + replacement + text.slice(inner.getEnd() - start);
  return text;
}

export function flat(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}
