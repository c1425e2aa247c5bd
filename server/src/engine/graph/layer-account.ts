import type { FileNode } from './types';

/**
 * A short account of a file's layer for a related location or a hover: the deciding evidence,
 * and the evidence its behaviour overruled.
 */
export function layerAccount(node: FileNode): string {
  const overruled = node.layerEvidence.filter((e) => e.verdict === 'overruled');
  const decided = node.layer ? node.layerReason : 'no layer';
  if (overruled.length === 0) return decided;
  return `${decided}; overruled: ${overruled.map((e) => `${e.evidence} (${e.why ?? 'disagrees with what it does'})`).join('; ')}`;
}
