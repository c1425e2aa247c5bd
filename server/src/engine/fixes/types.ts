import type { ResolvedConfig } from '../config/resolved';
import type { DependencyGraph, FileNode } from '../graph/types';
import type { ts } from '../ts';
import type { Finding, Fix } from '../types';

/** What a fix provider sees: the finding, its file as analyzed, and the syntax node it points at. */
export interface FixContext {
  readonly finding: Finding;
  readonly graph: DependencyGraph;
  readonly node: FileNode;
  /** The innermost node spanning the finding's range exactly, else the innermost containing it. */
  readonly target: ts.Node;
  /** The user's words, for fixes that record why something is left as is. */
  readonly reason: string | undefined;
  /** The configuration the finding was made with: rules' resolved options, for fixes that must respect them. */
  readonly config: ResolvedConfig | undefined;
}

/** Computes the fixes of one rule's finding; returns none when no fix applies. */
export type FixProvider = (context: FixContext) => Fix[];
