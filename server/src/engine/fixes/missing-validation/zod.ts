import type { FileNode } from '../../graph/types';
import { isJavaScriptFile } from '../../facts/extract';
import { isRouteRegistration, REQUEST_PARAM } from '../../rules/http/handlers';
import { dottedName, enclosing, variableNamesIn, walk } from '../../rules/syntax';
import { ts } from '../../ts';
import type { Fix, TextEdit } from '../../types';
import { applyTextEdits } from '../apply';
import { indentAt, insertAt, lineStartOf, replaceNode } from '../text';
import type { FixContext } from '../types';
import { FieldCollector, type Field } from './fields';
import { wouldBecomeGodFunction } from './guard';
import { pascalCase, singularOf } from '../../text/words';
import { freeName, resourceOf, withResource } from './names';
import { addImportLine, isCommonJs, styleOf, type CodeStyle } from './style';
import { isInputRead } from '../../rules/api/missing-validation';

/**
 * Express, Fastify and Koa handlers: a zod schema of the fields the handler reads, declared next
 * to it, parsed at its entry with a 400 answer on failure, and the reads switched to the parsed
 * value. Types come from how each field is used (see fields.ts); the user reviews them.
 */

type Source = 'body' | 'query' | 'params';
type Framework = 'express' | 'fastify' | 'koa';

interface Input {
  readonly source: Source;
  readonly reads: readonly ts.PropertyAccessExpression[];
  readonly fields: readonly Field[];
}

/** One validated input, with the names the generated code gives it. */
interface Plan extends Input {
  readonly schema: string;
  readonly result: string;
  readonly local: string;
}

interface Handler {
  readonly fn: ts.FunctionLikeDeclaration & { readonly body: ts.ConciseBody };
  readonly request: string;
  readonly framework: Framework;
  /** `res`, `reply`, or Koa's `ctx`. */
  readonly response: string;
}

const SOURCES: readonly Source[] = ['body', 'query', 'params'];
const SOURCE_PART = new RegExp(`^(?:${SOURCES.join('|')})$`);

export function zodFixes(context: FixContext, read: ts.PropertyAccessExpression): Fix[] {
  const handler = handlerOf(read, context.node);
  if (!handler) return [];
  const inputs = inputsOf(handler, read.name.text === 'params');
  if (!inputs) return [];
  const plans = planNames(inputs, handler, context.node);
  const zod = zodBinding(context.node.sourceFile);
  if (!plans || zod === null) return [];
  const style = styleOf(context.node);
  const edits = [...(zod ? [] : [zodImport(context.node)]), schemaEdit(context.node, handler, plans, zod ?? 'z', style), ...handlerEdits(context.node, handler, plans, style)];
  if (wouldBecomeGodFunction(context.graph, context.node, handler.fn, edits, context.config)) return [];
  const what = plans.map((p) => p.reads[0]?.getText(context.node.sourceFile)).join(' and ');
  return [{ id: 'zod-schema', title: `Validate ${what} with a zod schema (review the inferred field types)`, safe: false, preferred: true, edits }];
}

/** The function whose request parameter the read goes through (`req` of `req.body`, `ctx` of `ctx.request.body`). */
function handlerOf(read: ts.PropertyAccessExpression, node: FileNode): Handler | undefined {
  const request = dottedName(read.expression).split('.')[0] ?? '';
  if (!REQUEST_PARAM.test(request)) return undefined;
  for (let current: ts.Node | undefined = read.parent; current; current = current.parent) {
    if (!ts.isFunctionLike(current) || !('body' in current) || !current.body) continue;
    const fn = current as Handler['fn'];
    const [first] = fn.parameters;
    if (first && ts.isIdentifier(first.name) && first.name.text === request) return withFramework(fn, request, node);
  }
  return undefined;
}

/** Koa answers through `ctx`; Fastify's reply is named so, typed so, or the file is a Fastify one. */
function withFramework(fn: Handler['fn'], request: string, node: FileNode): Handler | undefined {
  if (/^_?ctx$/.test(request)) return { fn, request, framework: 'koa', response: request };
  const response = fn.parameters[1];
  if (!response || !ts.isIdentifier(response.name)) return undefined;
  const name = response.name.text;
  const fastify = /reply/i.test(name) || /Reply\b/.test(response.type?.getText(node.sourceFile) ?? '') || /['"]fastify['"]/.test(node.text);
  return { fn, request, framework: fastify ? 'fastify' : 'express', response: name };
}

/**
 * Every input the handler reads, each with its fields: once one input is parsed the rule counts
 * the handler as validating, so all of them are. Route params only when the rule reports them.
 */
function inputsOf(handler: Handler, withParams: boolean): Input[] | undefined {
  const bySource = new Map<Source, ts.PropertyAccessExpression[]>();
  walk(handler.fn.body, (n) => {
    const source = ts.isPropertyAccessExpression(n) ? inputRead(n, handler) : undefined;
    if (!source || (source === 'params' && !withParams)) return;
    bySource.set(source, [...(bySource.get(source) ?? []), n as ts.PropertyAccessExpression]);
    return false;
  });
  const inputs: Input[] = [];
  for (const source of SOURCES) {
    const reads = bySource.get(source);
    if (!reads) continue;
    const collector = new FieldCollector(handler.fn.body);
    for (const read of reads) collector.addRead(read);
    const fields = collector.fields();
    if (!fields) return undefined;
    inputs.push({ source, reads, fields });
  }
  return inputs.length > 0 ? inputs : undefined;
}

/** A read of the request the rule reported (`req.body`, `ctx.request.body`, `ctx.query`): as missing-validation reads it. */
function inputRead(n: ts.PropertyAccessExpression, handler: Handler): Source | undefined {
  const source = SOURCES.find((s) => s === n.name.text);
  return source && isInputRead(n, handler.request, SOURCE_PART) ? source : undefined;
}

/** `createOrderBody` (schema), `body` (the parsed value), `parsedBody` (the parse result). */
function planNames(inputs: readonly Input[], handler: Handler, node: FileNode): Plan[] | undefined {
  const inFile = variableNamesIn(node.sourceFile);
  const inHandler = variableNamesIn(handler.fn);
  const plans: Plan[] = [];
  for (const input of inputs) {
    const base = `${handlerBaseName(handler.fn, node, input.source)}${pascalCase(input.source)}`;
    const schema = freeName([base, `${base}Schema`], inFile);
    const local = freeName([input.source, `valid${pascalCase(input.source)}`], inHandler);
    const result = freeName([`parsed${pascalCase(input.source)}`, `${input.source}Result`], inHandler);
    if (!schema || !local || !result) return undefined;
    plans.push({ ...input, schema, local, result });
  }
  return plans;
}

const VERBS: Readonly<Record<string, string>> = { post: 'create', put: 'update', patch: 'update', delete: 'delete' };

/** `create` in OrderController → createOrder; `router.post('/', …)` in orders.routes.ts → createOrder. */
function handlerBaseName(fn: ts.FunctionLikeDeclaration, node: FileNode, source: Source): string {
  const resource = resourceOf(enclosing(fn, ts.isClassLike)?.name?.text, node.file);
  const noun = source === 'query' ? resource : singularOf(resource);
  const own = fn.name && ts.isIdentifier(fn.name) ? fn.name.text : variableName(fn.parent);
  if (own) return withResource(own, noun);
  const route = fn.parent;
  if (!isRouteRegistration(route) || !ts.isPropertyAccessExpression(route.expression)) return withResource('handle', noun);
  const method = route.expression.name.text;
  const segment = lastStaticSegment(route.arguments[0]);
  // A GET's query filters a list (getOrders); anything else acts on one (createOrder).
  const subject = segment ? pascalCase(method === 'get' ? segment : singularOf(segment)) : noun;
  return withResource(VERBS[method] ?? 'get', subject);
}

/** `'/orders/:id/items'` → items; `'/'` → none. */
function lastStaticSegment(route: ts.Expression | undefined): string | undefined {
  if (!route || !ts.isStringLiteralLike(route)) return undefined;
  return route.text
    .split('/')
    .filter((s) => /^[A-Za-z][\w-]*$/.test(s))
    .pop();
}

function variableName(parent: ts.Node): string | undefined {
  const named = ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent);
  return named && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/**
 * The local name `zod` is imported under, undefined when it is not imported, null when `z`
 * means something else in the file and an import would clash.
 */
function zodBinding(sf: ts.SourceFile): string | undefined | null {
  for (const statement of sf.statements) {
    const bound = ts.isImportDeclaration(statement) ? importedZod(statement) : requiredZod(statement);
    if (bound) return bound;
  }
  return variableNamesIn(sf).has('z') ? null : undefined;
}

function importedZod(declaration: ts.ImportDeclaration): string | undefined {
  const clause = declaration.importClause;
  if (!clause || clause.isTypeOnly || !ts.isStringLiteral(declaration.moduleSpecifier) || declaration.moduleSpecifier.text !== 'zod') return undefined;
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return bindings.name.text;
  const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === 'z') : undefined;
  return named?.name.text ?? clause.name?.text;
}

/** `const { z } = require('zod')`, `const z = require('zod')`. */
function requiredZod(statement: ts.Statement): string | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  for (const declaration of statement.declarationList.declarations) {
    const init = declaration.initializer;
    if (!init || !ts.isCallExpression(init) || init.expression.getText() !== 'require' || init.arguments[0]?.getText().slice(1, -1) !== 'zod') continue;
    if (ts.isIdentifier(declaration.name)) return declaration.name.text;
    const element = ts.isObjectBindingPattern(declaration.name) ? declaration.name.elements.find((e) => (e.propertyName ?? e.name).getText() === 'z') : undefined;
    if (element && ts.isIdentifier(element.name)) return element.name.text;
  }
  return undefined;
}

function zodImport(node: FileNode): TextEdit {
  const { quote, semi } = styleOf(node);
  const line = isCommonJs(node, isJavaScriptFile(node.file)) ? `const { z } = require(${quote}zod${quote})${semi}` : `import { z } from ${quote}zod${quote}${semi}`;
  return addImportLine(node, line);
}

/** The schemas, at module level just above the statement holding the handler (and its comments). */
function schemaEdit(node: FileNode, handler: Handler, plans: readonly Plan[], z: string, style: CodeStyle): TextEdit {
  let statement: ts.Node = handler.fn;
  while (!ts.isSourceFile(statement.parent)) statement = statement.parent;
  const sf = node.sourceFile;
  const ownLine = (ts.getLeadingCommentRanges(sf.text, statement.getFullStart()) ?? []).find((c) => /^[ \t]*$/.test(sf.text.slice(lineStartOf(sf.text, c.pos), c.pos)));
  const at = lineStartOf(sf.text, ownLine?.pos ?? statement.getStart(sf));
  const indent = indentAt(sf.text, statement.getStart(sf));
  return insertAt(node.file, at, plans.map((p) => schemaText(p, z, indent, style) + style.eol).join(''));
}

const MAX_LINE = 100;

function schemaText(plan: Plan, z: string, indent: string, style: CodeStyle): string {
  const properties = plan.fields.map((f) => `${propertyKey(f.name, style)}: ${zodType(f, plan.source, z)}`);
  const oneLine = `${indent}const ${plan.schema} = ${z}.object({ ${properties.join(', ')} })${style.semi}`;
  if (oneLine.length <= MAX_LINE) return oneLine;
  return [`${indent}const ${plan.schema} = ${z}.object({`, ...properties.map((p) => `${indent}${style.unit}${p},`), `${indent}})${style.semi}`].join(style.eol);
}

export function propertyKey(name: string, style: CodeStyle): string {
  if (/^[A-Za-z_$][\w$]*$/.test(name)) return name;
  return `${style.quote}${name.replace(/[\\'"]/g, (c) => `\\${c}`)}${style.quote}`;
}

export const isEmailField = (name: string): boolean => /^e-?mail$|[a-z0-9]Email$|_email$/.test(name);

/**
 * JSON bodies carry numbers and booleans; query strings and route params carry strings, so a
 * numeric field there is coerced, and every query field may be absent.
 */
function zodType(field: Field, source: Source, z: string): string {
  const fromJson = source === 'body';
  let type = `${z}.string()${isEmailField(field.name) ? '.email()' : ''}`;
  if (field.kind === 'number') type = fromJson ? `${z}.number()` : `${z}.coerce.number()`;
  if (field.kind === 'boolean' && fromJson) type = `${z}.boolean()`;
  return field.optional || source === 'query' ? `${type}.optional()` : type;
}

/** The parse at the entry and the reads switched to the parsed values. */
function handlerEdits(node: FileNode, handler: Handler, plans: readonly Plan[], style: CodeStyle): TextEdit[] {
  const sf = node.sourceFile;
  const lines = plans.flatMap((p) => entryLines(p, handler, style, sf));
  const reads = plans.flatMap((p) => p.reads.map((read) => replaceNode(node.file, read, sf, p.local)));
  const body = handler.fn.body;
  if (ts.isBlock(body)) return [...entryEdits(node, body, lines, style), ...reads];
  // `(req, res) => res.json(req.body)`: the arrow gets a block, returning what it returned.
  const indent = indentAt(node.text, body.getStart(sf));
  const inner = indent + style.unit;
  const start = body.getStart(sf);
  const returned = applyTextEdits(
    node.text.slice(start, body.getEnd()),
    reads.map((e) => ({ newText: e.newText, range: { start: e.range.start - start, end: e.range.end - start } })),
  );
  const last = returnsVoid(handler.fn) ? `${returned}${style.semi}` : `return ${returned}${style.semi}`;
  const block = ['{', ...[...lines, last].map((l) => inner + l), `${indent}}`].join(style.eol);
  return [replaceNode(node.file, body, sf, block)];
}

function entryLines(plan: Plan, handler: Handler, style: CodeStyle, sf: ts.SourceFile): string[] {
  const { semi } = style;
  const input = plan.reads[0]?.getText(sf) ?? `${handler.request}.${plan.source}`;
  return [`const ${plan.result} = ${plan.schema}.safeParse(${input})${semi}`, ...failureLines(plan.result, handler, style), `const ${plan.local} = ${plan.result}.data${semi}`];
}

/** 400 with the issues: `return res.status(400).json(…)`, or a block when the handler returns void. */
function failureLines(result: string, handler: Handler, style: CodeStyle): string[] {
  const { semi, unit } = style;
  const errors = `{ errors: ${result}.error.issues }`;
  if (handler.framework === 'koa') {
    return [`if (!${result}.success) {`, `${unit}${handler.response}.status = 400${semi}`, `${unit}${handler.response}.body = ${errors}${semi}`, `${unit}return${semi}`, '}'];
  }
  const answer = handler.framework === 'fastify' ? `${handler.response}.code(400).send(${errors})` : `${handler.response}.status(400).json(${errors})`;
  if (!returnsVoid(handler.fn)) return [`if (!${result}.success) return ${answer}${semi}`];
  return [`if (!${result}.success) {`, `${unit}${answer}${semi}`, `${unit}return${semi}`, '}'];
}

/** Declared to return nothing: a `return value` would not type-check. */
function returnsVoid(fn: ts.FunctionLikeDeclaration): boolean {
  return /^(?:void|Promise<void>)$/.test(fn.type?.getText(fn.getSourceFile()) ?? '');
}

/** Lines at the top of the block, indented like its first statement. */
function entryEdits(node: FileNode, body: ts.Block, lines: readonly string[], style: CodeStyle): TextEdit[] {
  const { text, file, sourceFile } = node;
  const brace = body.getStart(sourceFile) + 1;
  const first = body.statements[0];
  const last = body.statements[body.statements.length - 1];
  const lineEnd = text.indexOf('\n', brace);
  if (!first || !last || (lineEnd >= 0 && lineEnd < first.getStart(sourceFile))) {
    const inner = first ? indentAt(text, first.getStart(sourceFile)) : indentAt(text, body.getStart(sourceFile)) + style.unit;
    return [insertAt(file, lineEnd + 1, lines.map((l) => `${inner}${l}${style.eol}`).join(''))];
  }
  // `{ return x; }` on one line: the block opens up, one statement a line.
  const indent = indentAt(text, body.getStart(sourceFile));
  const inner = indent + style.unit;
  const opening = `${lines.map((l) => `${style.eol}${inner}${l}`).join('')}${style.eol}${inner}`;
  const closing = { start: last.getEnd(), end: body.getEnd() - 1 };
  return [spaceEdit(file, text, { start: brace, end: first.getStart(sourceFile) }, opening), spaceEdit(file, text, closing, `${style.eol}${indent}`)];
}

/** Replaces the blanks of a range, or inserts at its start when a comment sits there. */
function spaceEdit(file: string, text: string, range: { start: number; end: number }, newText: string): TextEdit {
  const blank = /^\s*$/.test(text.slice(range.start, range.end));
  return { file, range: blank ? range : { start: range.start, end: range.start }, newText };
}
