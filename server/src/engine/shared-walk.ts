import type { FileNode } from './graph/types';
import type { ts } from './ts';
import { childNodes } from './child-nodes';

/** Visits one syntax node; `false` skips its children (for this visitor only). */
export type NodeVisitor = (node: ts.Node) => boolean | void;

/** Whose visitor it is: a crash stops that owner's visitors only. */
export interface WalkOwner {
  crashed?: unknown;
}

interface Registered {
  readonly owner: WalkOwner;
  readonly visit: NodeVisitor;
}

/**
 * One walk per file for all the rules of an analysis. Rules register a visitor per file
 * (`RuleContext.walkFile`); `run` then traverses each file once and calls every visitor on every
 * node: ten rules walking every tree on their own were a third of a cold analysis. A visitor that
 * throws marks its owner crashed (its reports are dropped by the caller); the others go on.
 */
export class SharedWalk {
  private readonly byFile = new Map<FileNode, Registered[]>();

  register(file: FileNode, owner: WalkOwner, visit: NodeVisitor): void {
    const visitors = this.byFile.get(file);
    if (visitors) visitors.push({ owner, visit });
    else this.byFile.set(file, [{ owner, visit }]);
  }

  run(): void {
    for (const [file, visitors] of this.byFile) visitAll(file.sourceFile, visitors);
    this.byFile.clear();
  }
}

/** Depth-first in source order, on a stack of our own (a deeply nested expression must not overflow the call stack). */
function visitAll(root: ts.Node, visitors: readonly Registered[]): void {
  const stack: { node: ts.Node; visitors: readonly Registered[] }[] = [{ node: root, visitors }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const next = visitNode(entry.node, entry.visitors);
    if (next.length === 0) continue;
    const children = childNodes(entry.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, visitors: next });
  }
}

/** Calls every visitor on the node; returns those that descend into its children. */
function visitNode(node: ts.Node, visitors: readonly Registered[]): readonly Registered[] {
  // Copied only when a visitor skips this node's children or has crashed.
  let forChildren: Registered[] | undefined;
  for (let i = 0; i < visitors.length; i++) {
    const registered = visitors[i]!;
    const descend = !registered.owner.crashed && visitOne(node, registered);
    if (!descend) forChildren ??= visitors.slice(0, i);
    else forChildren?.push(registered);
  }
  return forChildren ?? visitors;
}

function visitOne(node: ts.Node, { owner, visit }: Registered): boolean {
  try {
    return visit(node) !== false;
  } catch (error) {
    owner.crashed = error;
    return false;
  }
}
