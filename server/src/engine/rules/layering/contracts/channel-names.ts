import type { Edge } from '../../../graph/types';
import { perParsedFile } from '../../../memo';
import { ts } from '../../../ts';
import { walk } from '../../syntax';
import { isMemberName } from '../../../member-names';

/**
 * Whether the importing file uses what it takes from another module only as the names of events
 * or messages: the first argument of `emit`, `publish`, `on`, … (`this.events.emit(AUDIT_EVENT,
 * payload)`, `bus.emit(ActivityEvent.TRACKED, …)`), or of a decorator subscribing to one
 * (`@OnEvent(ORDER_PAID)`, `@EventPattern(…)`, `@MessagePattern(…)`). A module that talks to
 * another by events shares the events' names and nothing else: that is the decoupling, not a
 * reach into its internals.
 */
export function usesOnlyChannelNames(edge: Edge, sourceFile: ts.SourceFile): boolean {
  if (!edge.runtime) return false;
  const run = edge.valueNames ?? edge.names;
  if (run.length === 0) return false;
  const uses = valueUses(sourceFile);
  return run.every((name) => {
    const positions = uses.get(name);
    return positions !== undefined && positions.length > 0 && positions.every((channel) => channel);
  });
}

/** Per identifier the file uses as a value (outside its imports), whether each use names a channel. */
const valueUses = perParsedFile((sourceFile: ts.SourceFile): ReadonlyMap<string, readonly boolean[]> => {
  const uses = new Map<string, boolean[]>();
  walk(sourceFile, (node) => {
    if (!ts.isIdentifier(node) || !isValueReference(node)) return;
    const list = uses.get(node.text) ?? [];
    uses.set(node.text, list);
    list.push(namesChannel(node));
  });
  return uses;
});

/** An identifier read as a value: not a declaration's name, a member's name, a type, or part of an import. */
function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (isMemberName(node) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent) || ts.isExpressionWithTypeArguments(parent)) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isEnumDeclaration(parent)) && parent.name === node)
    return false;
  return true;
}

/** `X` or `X.MEMBER` as the first argument of an event call or an event decorator. */
function namesChannel(node: ts.Identifier): boolean {
  const expression = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node ? node.parent : node;
  const call = expression.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== expression) return false;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return EVENT_METHODS.has(callee.name.text);
  return ts.isIdentifier(callee) && ts.isDecorator(call.parent) && EVENT_DECORATORS.has(callee.text);
}

/** Methods of event emitters and message buses whose first argument is the event's name. */
const EVENT_METHODS: ReadonlySet<string> = new Set(['emit', 'emitAsync', 'publish', 'on', 'once', 'off', 'addListener', 'removeListener', 'prependListener', 'subscribe']);

/** Decorators subscribing a method to an event or a message pattern by its name. */
const EVENT_DECORATORS: ReadonlySet<string> = new Set(['OnEvent', 'EventPattern', 'MessagePattern', 'OnQueueEvent']);
