import { ts } from '../../ts';

export type SinkCall = ts.CallExpression & { readonly expression: ts.PropertyAccessExpression };

/** The rule reports the SQL argument: its call, when the argument is the call's first. */
export function sinkCall(target: ts.Node): SinkCall | undefined {
  const call = target.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== target || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  return call as SinkCall;
}
