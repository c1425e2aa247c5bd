import type { FileNode } from '../../graph/types';
import type { TextEdit } from '../../types';
import { indentAt, replaceNode, eolOf, insertAt, lineStartOf, usesSemicolons, indentUnitOf } from '../text';
import type { Batch, Delegation } from './lookup';
import { changesWhatIterationsSee, isElementKey, namesFor, type Names, useOf, isFreeAt } from './safety';
import type { Iteration } from './iteration';
import { ts } from '../../ts';
import { walk } from '../../rules/syntax';
import { pluralOf, snakeToCamel } from '../../text/words';

// Stage 4: the edits: the batched query before the loop, the Map lookup inside it, the imports and the new data-layer method.

/** The edits in the looping file: the keys and the map before the loop, the map read in it. */
export function loopEdits(node: FileNode, iteration: Iteration, batch: Batch): { edits: TextEdit[]; names: Names } | undefined {
  const use = useOf(batch.call, batch.rows !== '');
  if (!use || shadowsMap(node) || !isElementKey(batch.key, iteration.bound) || changesWhatIterationsSee(iteration, batch, use.holder)) return undefined;
  const names = namesFor(iteration, use, batch.field, batch.key, batch.noun);
  if (!names) return undefined;
  const keys = `const ${names.ids} = ${iteration.items.text}.map((${iteration.elementText}) => ${batch.key.getText()})`;
  const query = reindented(batch.batched(names.ids), indentAt(node.text, batch.call.getStart()), indentAt(node.text, iteration.anchor.getStart()));
  const map = `const ${names.map} = new Map((await ${query})${batch.rows}.map((${names.row}) => [${names.row}.${batch.field}, ${names.row}]))`;
  const inserted = linesBefore(node, iteration.anchor, names.elementsAreKeys ? [map] : [keys, map]);
  if (!inserted) return undefined;
  const read = use.replacement(`${names.map}.get(${batch.key.getText()})${batch.missing}`);
  return { edits: [inserted, replaceNode(node.file, use.replaced, node.sourceFile, read)], names };
}

/** The file declares or imports its own `Map` (Immutable's, say): `new Map(entries)` would not be the built-in. */
function shadowsMap(node: FileNode): boolean {
  return node.facts.declarations.has('Map') || node.facts.moduleRefs.some((ref) => ref.bindings.some((b) => b.local === 'Map'));
}

/** A query written over several lines moves out of the loop: its inner lines follow it to its new indentation. */
function reindented(text: string, from: string, to: string): string {
  return text.replace(/(\r?\n)([ \t]*)/g, (whole, eol: string, indent: string) => (indent.startsWith(from) ? `${eol}${to}${indent.slice(from.length)}` : whole));
}

// Text

/** Inserts lines before a statement, above the comments that lead it, at its indentation. */
export function linesBefore(node: FileNode, anchor: ts.Statement, lines: readonly string[]): TextEdit | undefined {
  const { text, file } = node;
  const comment = ts.getLeadingCommentRanges(text, anchor.pos)?.[0];
  const start = anchor.getStart();
  const commentOnOwnLine = comment && /^[ \t]*$/.test(text.slice(lineStartOf(text, comment.pos), comment.pos));
  const offset = commentOnOwnLine ? comment.pos : start;
  if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset))) return undefined;
  const semicolon = usesSemicolons(node.sourceFile);
  // Without semicolons, a statement starting with ( [ or ` would continue the inserted line.
  if (!semicolon && /^[[(`]/.test(text.slice(start))) return undefined;
  const indent = indentAt(text, offset);
  const eol = eolOf(text);
  return insertAt(file, offset, lines.map((line) => `${line}${semicolon ? ';' : ''}${eol}${indent}`).join(''));
}

// TypeORM's In

/** Imports `In` from typeorm, joining an existing import; undefined when the name is taken. */
export function inImportEdits(node: FileNode): TextEdit[] | undefined {
  const imports = node.sourceFile.statements.filter(ts.isImportDeclaration);
  const typeorm = imports.filter((i) => ts.isStringLiteral(i.moduleSpecifier) && i.moduleSpecifier.text === 'typeorm');
  if (typeorm.some((i) => importsIn(i))) return [];
  let taken = false;
  walk(node.sourceFile, (n) => {
    if (ts.isIdentifier(n) && n.text === 'In') taken = true;
    return !taken;
  });
  const last = imports[imports.length - 1];
  if (taken || !last) return undefined;
  const joinable = typeorm.find((i) => !i.importClause?.isTypeOnly && i.importClause?.namedBindings && ts.isNamedImports(i.importClause.namedBindings));
  const named = joinable?.importClause?.namedBindings;
  const lastName = named && ts.isNamedImports(named) ? named.elements[named.elements.length - 1] : undefined;
  if (lastName) return [insertAt(node.file, lastName.getEnd(), ', In')];
  const quote = last.moduleSpecifier.getText().charAt(0);
  const semicolon = last.getText().endsWith(';') ? ';' : '';
  return [insertAt(node.file, last.getEnd(), `${eolOf(node.text)}import { In } from ${quote}typeorm${quote}${semicolon}`)];
}

function importsIn(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  const named = clause?.namedBindings;
  if (!clause || clause.isTypeOnly || !named || !ts.isNamedImports(named)) return false;
  return named.elements.some((e) => !e.isTypeOnly && e.name.text === 'In' && (!e.propertyName || e.propertyName.getText() === 'In'));
}

/** `Promise<User | null>` → `Promise<User[]>`; undefined when the type says something else. */
function manyType(type: ts.TypeNode | undefined): string | undefined {
  const [inner] = type && ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Promise' ? (type.typeArguments ?? []) : [];
  if (!inner || !ts.isUnionTypeNode(inner)) return undefined;
  const present = inner.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
  if (present.length !== inner.types.length - 1 || present.length === 0) return undefined;
  return `Promise<${arrayOf(present.map((t) => t.getText()).join(' | '), present.length > 1)}>`;
}

function arrayOf(type: string, compound: boolean): string {
  return compound ? `(${type})[]` : `${type}[]`;
}

const KEPT_MODIFIERS: ReadonlySet<ts.SyntaxKind> = new Set([ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.AsyncKeyword]);

/** The text of the batched method, written after the single-key one in its style. */
export function batchedMethodText(repository: FileNode, method: ts.MethodDeclaration, delegated: Delegation, name: string): string | undefined {
  const { lookup, param } = delegated;
  const ids = pluralOf(snakeToCamel(lookup.field));
  const paramType = param.type ? `: ${arrayOf(param.type.getText(), ts.isUnionTypeNode(param.type) || ts.isFunctionTypeNode(param.type))}` : '';
  const returnType = method.type ? manyType(method.type) : '';
  if (returnType === undefined || !isFreeAt(delegated.statement, ids)) return undefined;
  // `override` or `abstract` would not hold for a method no base class declares.
  const modifiers = (ts.getModifiers(method) ?? [])
    .filter((m) => KEPT_MODIFIERS.has(m.kind))
    .map((m) => `${m.getText()} `)
    .join('');
  const awaited = delegated.awaited ? 'await ' : '';
  const { text } = repository;
  const indent = indentAt(text, method.getStart());
  const eol = eolOf(text);
  const semicolon = usesSemicolons(repository.sourceFile) ? ';' : '';
  const body = `${indent}${indentUnitOf(text)}return ${awaited}${lookup.batched(ids)}${semicolon}`;
  return `${eol}${eol}${indent}${modifiers}${name}(${ids}${paramType})${returnType ? `: ${returnType}` : ''} {${eol}${body}${eol}${indent}}`;
}
