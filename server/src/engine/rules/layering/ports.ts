import * as path from 'node:path';
import { areaNameOf } from '../../classify/area-words';
import type { FileNode } from '../../graph/types';
import { perFileNodeUnder } from '../../memo';

/**
 * A port: under `ports/`, named `*.port.ts` or `…Port`, or, whatever its name, a file of contracts
 * only (interfaces, abstract classes) that a class of another file implements.
 */
export function declaresPort(root: string, node: FileNode, implemented: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (namedAsPort(root, node)) return true;
  return node.facts.shape.typesOnly && [...node.facts.declarations.keys()].some((name) => [...(implemented.get(name) ?? [])].some((file) => file !== node.file));
}

/**
 * A file the team named for a port: under `ports/` (in any language the areas are read in),
 * `*.port.ts`, or declaring a `…Port` (`OrdersPort`, `IMailerPort`).
 */
export const namedAsPort = perFileNodeUnder((root: string, node: FileNode): boolean => {
  const relative = path.posix.relative(root, node.file);
  if (
    path.posix
      .dirname(relative)
      .split('/')
      .some((f) => PORT_AREAS.has(areaNameOf(f))) ||
    /[.-]port\.[cm]?[jt]sx?$/i.test(relative)
  )
    return true;
  return [...node.facts.declarations.keys()].some((name) => PORT_NAME.test(name));
});

const PORT_AREAS: ReadonlySet<string> = new Set(['ports', 'port']);
const PORT_NAME = /^I?[A-Z]\w*Port$/;

/**
 * The files whose classes implement each name (`class SqlOrders implements OrdersGateway`), or
 * extend it (`class MongoOrders extends OrdersRepository`, the abstract class Nest binds it to):
 * a file of types only whose name another file extends is a contract as much.
 */
export function implementedNames(files: Iterable<FileNode>): Map<string, Set<string>> {
  const byName = new Map<string, Set<string>>();
  for (const node of files) {
    for (const cls of node.facts.classes) {
      for (const name of [...cls.implements, ...(cls.extends ? [cls.extends.name] : [])]) byName.set(name, (byName.get(name) ?? new Set()).add(node.file));
    }
  }
  return byName;
}
