import { ts } from '../../ts';
import { calledName, functionsNamed, type FunctionWithBody } from '../callees';
import { hasOwnNode, walk } from '../syntax';

/**
 * `telemetry.send(…).catch(() => {})` where `send` — in this file or a file it imports — already
 * catches every failure of its awaited work: nothing is left to reject, so the empty handler only
 * keeps a fire-and-forget call from being an unhandled rejection.
 */
export function handledByCallee(catchCall: ts.CallExpression, sourceFiles: readonly ts.SourceFile[]): boolean {
  const target = catchCall.expression;
  if (!ts.isPropertyAccessExpression(target) || !ts.isCallExpression(target.expression)) return false;
  const name = calledName(target.expression.expression);
  if (!name) return false;
  return callsOnlySafe(name, sourceFiles, CALLEE_DEPTH);
}

/** How deep awaited calls are followed: `revoke()` awaiting `audit.log()` that catches everything. */
const CALLEE_DEPTH = 2;

function callsOnlySafe(name: string, sourceFiles: readonly ts.SourceFile[], depth: number): boolean {
  const candidates = sourceFiles.flatMap((sf) => functionsNamed(sf, name));
  return candidates.length > 0 && candidates.every((fn) => neverRejects(fn, (callee) => depth > 1 && callsOnlySafe(callee, sourceFiles, depth - 1)));
}

/**
 * An async function whose every awaited call, `for await` and `throw` sits in a try whose catch
 * rethrows nothing (or awaits a function that cannot reject either), and that hands back no
 * promise of someone else's work: it cannot reject.
 */
function neverRejects(fn: FunctionWithBody, isSafeCallee: (name: string) => boolean): boolean {
  if (!(ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)) return false;
  let escapes = false;
  walk(fn.body, (n) => {
    if (escapes || ts.isFunctionLike(n)) return false;
    const risky = ts.isAwaitExpression(n) || ts.isThrowStatement(n) || (ts.isForOfStatement(n) && n.awaitModifier !== undefined) || returnsPromise(n);
    if (risky && !isCaught(n, fn.body) && !awaitsSafeCallee(n, isSafeCallee)) escapes = true;
    return !escapes;
  });
  return !escapes;
}

/** `await this.audit.log(…)` where `log` itself never rejects. */
function awaitsSafeCallee(n: ts.Node, isSafeCallee: (name: string) => boolean): boolean {
  const awaited = ts.isAwaitExpression(n) ? n.expression : ts.isReturnStatement(n) ? n.expression : undefined;
  if (!awaited || !ts.isCallExpression(awaited)) return false;
  const name = calledName(awaited.expression);
  return name !== undefined && isSafeCallee(name);
}

/** `return this.other()` in an async function passes the other call's rejection on. */
function returnsPromise(n: ts.Node): boolean {
  return ts.isReturnStatement(n) && n.expression !== undefined && ts.isCallExpression(n.expression);
}

/** Inside the try block of a try whose catch throws nothing, before reaching the function's body. */
function isCaught(node: ts.Node, body: ts.Block): boolean {
  for (let current: ts.Node = node; current !== body && current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === current && parent.catchClause && !throwsIn(parent.catchClause.block)) return true;
  }
  return false;
}

function throwsIn(block: ts.Block): boolean {
  return hasOwnNode(block, ts.isThrowStatement);
}
