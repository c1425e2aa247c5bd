import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileNode } from '../../graph/types';
import { isMissingValidationMessageId, isValidationPipeInstalled } from '../../rules/api/missing-validation';
import { enclosing, variableNamesIn } from '../../rules/syntax';
import { ts } from '../../ts';
import type { Fix, TextEdit } from '../../types';
import { relativeExtensionOf, relativeSpecifier } from '../imports';
import { insertAt, replaceNode } from '../text';
import type { FixContext } from '../types';
import { FieldCollector, referencesTo, type Field } from './fields';
import { kebabCase, pascalCase, singularOf } from '../../text/words';
import { resourceOf, withResource } from './names';
import { addImportLine, styleOf, type CodeStyle } from './style';
import { isEmailField, propertyKey } from './zod';

/**
 * NestJS `@Body()` / `@Query()` parameters: a DTO class with class-validator decorators for the
 * fields the handler reads, or — for a DTO that nothing validates — a ValidationPipe on the
 * parameter. Without a ValidationPipe the decorators do nothing, so the DTO fix adds one to the
 * parameter when the project installs none; a global pipe would change every other endpoint.
 */

type Input = 'body' | 'query';

interface NestParam {
  readonly param: ts.ParameterDeclaration;
  readonly call: ts.CallExpression;
  readonly input: Input;
  /** `@Body('address')`: the field the parameter takes. */
  readonly field: string | undefined;
  readonly method: ts.MethodDeclaration;
}

/** The `@Body(…)` / `@Query(…)` decorator call of a parameter. */
export function inputDecorator(param: ts.ParameterDeclaration): ts.CallExpression | undefined {
  for (const decorator of ts.getDecorators(param) ?? []) {
    const call = decorator.expression;
    if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && /^(?:Body|Query)$/.test(call.expression.text)) return call;
  }
  return undefined;
}

export function nestFixes(context: FixContext, param: ts.ParameterDeclaration, call: ts.CallExpression): Fix[] {
  const method = enclosing(param, ts.isMethodDeclaration);
  if (!method?.body || !ts.isMethodDeclaration(param.parent)) return [];
  const [first] = call.arguments;
  const nest: NestParam = { param, call, input: call.expression.getText() === 'Query' ? 'query' : 'body', field: first && ts.isStringLiteralLike(first) ? first.text : undefined, method };
  const situation = isMissingValidationMessageId(context.finding.messageId) ? context.finding.messageId : undefined;
  if (situation === 'no-validation-pipe') return [pipeFix(context.node, nest)];
  return situation === 'loose-type' ? dtoFixes(context, nest) : [];
}

function pipeFix(node: FileNode, nest: NestParam): Fix {
  return { id: 'validation-pipe', title: 'Validate this parameter with a ValidationPipe', safe: false, preferred: true, edits: pipeEdits(node, nest) };
}

/** `@Body()` → `@Body(new ValidationPipe())`, importing it from @nestjs/common. */
function pipeEdits(node: FileNode, nest: NestParam): TextEdit[] {
  const args = nest.call.arguments;
  const last = args[args.length - 1];
  // After the last argument itself, so a trailing comma stays valid.
  const pipe = last ? insertAt(node.file, last.getEnd(), ', new ValidationPipe()') : insertAt(node.file, args.end, 'new ValidationPipe()');
  return [pipe, ...nestCommonImport(node, 'ValidationPipe')];
}

/** Adds a name to the file's `@nestjs/common` import, or imports it on its own line. */
function nestCommonImport(node: FileNode, name: string): TextEdit[] {
  const style = styleOf(node);
  for (const statement of node.sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== '@nestjs/common') continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named) || statement.importClause?.isTypeOnly) continue;
    if (named.elements.some((e) => e.name.text === name)) return [];
    const last = named.elements[named.elements.length - 1];
    if (last) return [insertAt(node.file, last.getEnd(), `, ${name}`)];
  }
  return [addImportLine(node, `import { ${name} } from ${style.quote}@nestjs/common${style.quote}${style.semi}`)];
}

interface Dto {
  readonly className: string;
  readonly file: string;
  readonly fields: readonly Field[];
}

function dtoFixes(context: FixContext, nest: NestParam): Fix[] {
  const { node } = context;
  const fields = fieldsOf(nest);
  const dto = fields ? dtoFor(node, nest, fields) : undefined;
  // Never overwrite: an existing file of that name may hold another class.
  if (!dto || context.graph.files.has(dto.file) || fs.existsSync(dto.file) || variableNamesIn(node.sourceFile).has(dto.className)) return [];
  const style = styleOf(node);
  // routing-controllers validates DTOs through its own `validation` option, not a Nest pipe.
  const pipeInstalled = !/['"]@nestjs\/common['"]/.test(node.text) || isValidationPipeInstalled(context.graph);
  const specifier = relativeSpecifier(node.file, dto.file, relativeExtensionOf(node.text));
  const edits = [
    typeEdit(node, nest.param, dto.className),
    ...(pipeInstalled ? [] : pipeEdits(node, nest)),
    addImportLine(node, `import { ${dto.className} } from ${style.quote}${specifier}${style.quote}${style.semi}`),
  ];
  const title = `Generate ${dto.className} with class-validator decorators${pipeInstalled ? '' : ' (validated by a ValidationPipe on the parameter)'}`;
  return [{ id: 'nest-dto', title, safe: false, preferred: true, edits, createFiles: [{ file: dto.file, text: dtoText(dto, nest.input, style) }] }];
}

/** The fields read off the parameter: `body.email`, `const { email } = body`, `@Body() { email }`. */
function fieldsOf(nest: NestParam): Field[] | undefined {
  const body = nest.method.body;
  if (!body) return undefined;
  const collector = new FieldCollector(body);
  const name = nest.param.name;
  if (ts.isObjectBindingPattern(name)) collector.addPattern(name);
  if (!ts.isIdentifier(name)) return collector.fields();
  const references = referencesTo(name, body);
  if (!references) return undefined;
  for (const reference of references) collector.addRead(reference);
  return collector.fields();
}

/** `create` in UsersController → CreateUserDto in users/dto/create-user.dto.ts. */
function dtoFor(node: FileNode, nest: NestParam, fields: readonly Field[]): Dto | undefined {
  if (!ts.isIdentifier(nest.method.name)) return undefined;
  const cls = enclosing(nest.method, ts.isClassDeclaration);
  const resource = resourceOf(cls?.name?.text, node.file);
  const base = nest.field ? pascalCase(nest.field) : pascalCase(withResource(nest.method.name.text, nest.input === 'query' ? resource : singularOf(resource)));
  if (base === '') return undefined;
  const className = `${base}${nest.input === 'query' && !nest.field ? 'Query' : ''}Dto`;
  const controllerDir = path.posix.dirname(node.file);
  const dir = path.posix.basename(controllerDir) === 'controllers' ? path.posix.dirname(controllerDir) : controllerDir;
  return { className, file: `${dir}/dto/${kebabCase(className.replace(/Dto$/, ''))}.dto.ts`, fields };
}

/** `body: any` → `body: CreateUserDto`; an untyped `body` gets the type. */
function typeEdit(node: FileNode, param: ts.ParameterDeclaration, className: string): TextEdit {
  if (param.type) return replaceNode(node.file, param.type, node.sourceFile, className);
  return insertAt(node.file, (param.questionToken ?? param.name).getEnd(), `: ${className}`);
}

const INTEGER_NAMES = /^(?:page|limit|offset|skip|take|size|count|quantity|qty|age|year|perPage|pageSize)$|(?:Count|Quantity)$/;

/** Decorators and TypeScript type of a field: query strings stay strings, checked as numbers. */
function validatorsOf(field: Field, input: Input): { decorators: string[]; type: string } {
  const optional = input === 'query' || field.optional ? ['IsOptional'] : [];
  if (isEmailField(field.name)) return { decorators: [...optional, 'IsEmail'], type: 'string' };
  if (field.kind === 'number' && input === 'query') return { decorators: [...optional, 'IsNumberString'], type: 'string' };
  if (field.kind === 'number') return { decorators: [...optional, INTEGER_NAMES.test(field.name) ? 'IsInt' : 'IsNumber'], type: 'number' };
  if (field.kind === 'boolean' && input === 'body') return { decorators: [...optional, 'IsBoolean'], type: 'boolean' };
  return { decorators: [...optional, 'IsString'], type: 'string' };
}

function dtoText(dto: Dto, input: Input, style: CodeStyle): string {
  const { quote, semi, eol, unit } = style;
  const members = dto.fields.map((field) => {
    const { decorators, type } = validatorsOf(field, input);
    const mark = decorators.includes('IsOptional') ? '?' : '!';
    return [...decorators.map((d) => `${unit}@${d}()`), `${unit}${propertyKey(field.name, style)}${mark}: ${type}${semi}`].join(eol);
  });
  const imported = [...new Set(dto.fields.flatMap((f) => validatorsOf(f, input).decorators))].sort();
  return [`import { ${imported.join(', ')} } from ${quote}class-validator${quote}${semi}`, '', `export class ${dto.className} {`, members.join(`${eol}${eol}`), '}', ''].join(eol);
}
