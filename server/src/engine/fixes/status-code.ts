import { ts } from '../ts';
import type { Fix } from '../types';
import { NAMED_STATUS, statusCall } from '../rules/http/handlers';
import { isStatusCodeMessageId, type StatusCodeMessageId } from '../rules/api/status-code';
import { enclosing } from '../rules/syntax';
import type { FixContext, FixProvider } from './types';

/**
 * api/status-code: replace the wrong status with the fitting one — 201 for a creating POST,
 * 404 in a not-found branch, 500 in a catch, 200 for a 204 that sends a body.
 */
export const statusCodeFixes: FixProvider = (context) => {
  const { finding, target } = context;
  if (ts.isDecorator(target)) return decoratorFixes(context, target);
  const status = isStatusCodeMessageId(finding.messageId) ? FITTING_STATUS[finding.messageId] : undefined;
  const call = ts.isCallExpression(target) ? target : enclosing(target, ts.isCallExpression);
  return status && call ? statusArgumentFix(context, statusCallIn(call) ?? call, status) : [];
};

/** Which status fits each situation the rule reports; the others have no one fitting status. */
export const FITTING_STATUS: Partial<Record<StatusCodeMessageId, string>> = {
  'no-content-with-body': '200',
  'create-answers-200': '201',
  'success-when-missing': '404',
  'success-in-catch': '500',
};

function decoratorFixes(context: FixContext, decorator: ts.Decorator): Fix[] {
  return context.finding.messageId === 'http-code-204-with-body' ? statusArgumentFix(context, decorator.expression, '200') : [];
}

/** `res.status(204).json(b)` is reported whole: the status call is the inner one. */
function statusCallIn(call: ts.CallExpression): ts.CallExpression | undefined {
  for (let e: ts.Expression = call; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e); e = e.expression) {
    const found = statusCall(e);
    if (found) return found.call;
  }
  return undefined;
}

/** `OK` for 200…: the constant a file using `HttpStatus.X` / `StatusCodes.X` would write. */
function statusName(status: string): string {
  return Object.keys(NAMED_STATUS).find((name) => NAMED_STATUS[name] === Number(status)) ?? status;
}

function statusArgumentFix(context: FixContext, expression: ts.Expression, status: string): Fix[] {
  if (!ts.isCallExpression(expression)) return [];
  const [argument] = expression.arguments;
  if (!argument) return [];
  const sf = context.node.sourceFile;
  const replacement = ts.isPropertyAccessExpression(argument) ? `${argument.expression.getText(sf)}.${statusName(status)}` : status;
  return [
    {
      id: `status-${status}`,
      title: `Answer ${`${status} ${REASON[status] ?? ''}`.trim()}: changes the response, review`,
      safe: false,
      preferred: true,
      edits: [{ file: context.node.file, range: { start: argument.getStart(sf), end: argument.getEnd() }, newText: replacement }],
    },
  ];
}

const REASON: Readonly<Record<string, string>> = { '200': 'OK', '201': 'Created', '404': 'Not Found', '500': 'Internal Server Error' };
