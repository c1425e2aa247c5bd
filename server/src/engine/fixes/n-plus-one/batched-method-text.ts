import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import { eolOf, indentAt, indentUnitOf } from '../text';
import { isFreeAt } from './declared-names';
import type { Delegation } from './delegated-lookup';
import { usesSemicolons } from '../text';
import { pluralOf, snakeToCamel } from '../../text/words';

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
