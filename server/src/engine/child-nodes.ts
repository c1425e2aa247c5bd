import { ts } from './ts';

/**
 * A node's children in source order, as an array: what the engine's walks push on their own stacks
 * (they iterate rather than recurse, so no nesting depth overflows the call stack). Kept out of
 * `ts.ts`, which the bundles replace by a plain copy of the compiler API.
 */
export function childNodes(node: ts.Node): ts.Node[] {
  const children: ts.Node[] = [];
  ts.forEachChild(node, (child) => void children.push(child));
  return children;
}
