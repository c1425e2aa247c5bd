import { ts } from '../ts';
import type { Fix } from '../types';
import { enclosing } from '../rules/syntax';
import { insertAt } from './text';
import type { FixContext, FixProvider } from './types';
import { ENABLES_VERSIONING } from '../rules/api/unversioned-route';

/**
 * api/unversioned-route: `@Controller('users')` → `@Controller({ path: 'users', version: '1' })`
 * (NestJS URI versioning, when the app enables it; else `@Controller('v1/users')`), or a mount
 * path `'/users'` → `'/v1/users'`. Changing a public path
 * breaks clients, so neither is applied without review.
 */
export const unversionedRouteFixes: FixProvider = (context) => {
  const decorator = ts.isDecorator(context.target) ? context.target : enclosing(context.target, ts.isDecorator);
  if (decorator) return nestVersionFix(context, decorator);
  return ts.isStringLiteralLike(context.target) ? [prefixFix(context, context.target)] : [];
};

function nestVersionFix(context: FixContext, decorator: ts.Decorator): Fix[] {
  const call = decorator.expression;
  if (!ts.isCallExpression(call) || call.arguments.length > 1) return [];
  const [argument] = call.arguments;
  const sf = context.node.sourceFile;
  if (argument && !ts.isStringLiteralLike(argument)) return [];
  // Without enableVersioning() a declared version changes no URL: it would silence the finding,
  // not fix it. The path itself is versioned instead.
  if (![...context.graph.files.values()].some((f) => ENABLES_VERSIONING.test(f.text))) return argument ? [prefixFix(context, argument)] : [];
  const quote = argument ? sf.text.charAt(argument.getStart(sf)) : "'";
  const options = argument ? `{ path: ${argument.getText(sf)}, version: ${quote}1${quote} }` : `{ version: ${quote}1${quote} }`;
  const start = argument ? argument.getStart(sf) : call.arguments.pos;
  const end = argument ? argument.getEnd() : call.arguments.end;
  return [
    {
      id: 'nest-version',
      title: "Declare version '1' on this controller: changes its URLs, update clients",
      safe: false,
      preferred: true,
      edits: [{ file: context.node.file, range: { start, end }, newText: options }],
    },
  ];
}

function prefixFix(context: FixContext, path: ts.StringLiteralLike): Fix {
  const sf = context.node.sourceFile;
  const prefix = path.text.startsWith('/') ? '/v1' : 'v1/';
  return { id: 'prefix-v1', title: `Prefix the path with /v1: changes the URL, update clients`, safe: false, preferred: true, edits: [insertAt(context.node.file, path.getStart(sf) + 1, prefix)] };
}
