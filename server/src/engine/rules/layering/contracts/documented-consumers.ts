import type { DependencyGraph, Edge, FileNode } from '../../../graph/types';
import { perParsedFile } from '../../../memo';
import { ts } from '../../../ts';

/**
 * Whether the file an import reaches documents that use: its header, or the doc comment of what
 * the import names, names a class or function of the importing file (`reused by PaymentService /
 * AdminService`), or calls the file the one place every part of the app takes it from (`the
 * single source of truth: import from here`). The team wrote that edge on purpose; a finding
 * would contradict the code's own documentation. Words alone (`users`, `billing`) say too little:
 * only the importer's own identifiers and those phrases count.
 */
export function documentsUseBy(graph: DependencyGraph, edge: Edge): boolean {
  const target = graph.files.get(edge.to);
  const importer = graph.files.get(edge.from);
  if (!target || !importer) return false;
  const text = documentationOf(target, edge.names);
  if (text === '') return false;
  if (SHARED_ON_PURPOSE.test(text) || SINGLE_SOURCE_ELSEWHERE.test(text)) return true;
  return [...importer.facts.declarations.keys()].some((name) => TELLING_IDENTIFIER.test(name) && new RegExp(`\\b${name}\\b`).test(text));
}

/**
 * Phrases by which a file says other parts of the app are meant to import it: the one place to
 * take something from (`single source of truth`, `import from this file`), or a file shared by
 * modules (`shared … for the directory / contacts modules`, in one sentence).
 */
const SHARED_ON_PURPOSE =
  /\bsingle source of truth\b|\bimport(?:ed)? (?:it |them )?from (?:here|this file)\b|\b(?:shared|reused?) (?:by|across|between) (?:all |other |every |several )?(?:modules|features|contexts|services)\b|\bshared\b[^.\n]*\bmodules\b/i;

/**
 * `Single source of truth` as teams write it in the other languages their code is read in
 * (Spanish, Portuguese, French, German, Russian), as the areas' folder names are.
 */
const SINGLE_SOURCE_ELSEWHERE =
  /(?:[úu]nica|sola) fuente de (?:la )?verdad|fuente [úu]nica de (?:la )?verdad|[úu]nica fonte (?:da|de) verdade|fonte [úu]nica (?:da|de) verdade|source unique de v[ée]rit[ée]|seule source de v[ée]rit[ée]|einzige (?:Quelle der Wahrheit|Wahrheitsquelle)|(?:единственн|един)[а-я]* источник[а-я]* (?:правды|истины)/i;

/** An identifier specific enough to be a reference (`AdminService`, `parseQuota`), not a word (`User`, `admin`). */
const TELLING_IDENTIFIER = /^[A-Za-z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/;

/** The file's header comments and the doc comments of the named declarations (all of them, for a bare import). */
function documentationOf(target: FileNode, names: readonly string[]): string {
  const { header, byName } = commentsOf(target.sourceFile);
  const wanted = names.length === 0 ? [...byName.keys()] : names;
  return [header, ...wanted.map((name) => byName.get(name) ?? '')].join('\n').trim();
}

interface FileComments {
  readonly header: string;
  readonly byName: ReadonlyMap<string, string>;
}

const commentsOf = perParsedFile((sourceFile: ts.SourceFile): FileComments => {
  const text = sourceFile.text;
  const commentsAt = (pos: number) => ts.getLeadingCommentRanges(text, pos) ?? [];
  const commentText = (pos: number) =>
    commentsAt(pos)
      .map((range) => text.slice(range.pos, range.end))
      .join('\n');
  const first = sourceFile.statements[0];
  // A file's header sits at its top, or just below its imports, set apart from the statement after
  // it by a blank line: a comment right above a statement is that statement's.
  const afterImports = sourceFile.statements.find((statement) => !ts.isImportDeclaration(statement));
  const detached =
    afterImports && afterImports !== first
      ? commentsAt(afterImports.getFullStart())
          .filter((range) => /\n[ \t]*\r?\n/.test(text.slice(range.end, afterImports.getStart(sourceFile))))
          .map((range) => text.slice(range.pos, range.end))
      : [];
  const header = [first ? commentText(first.getFullStart()) : '', ...detached].join('\n');
  const byName = new Map<string, string>();
  for (const statement of sourceFile.statements) {
    const comment = statement === first ? '' : commentText(statement.getFullStart());
    if (comment === '') continue;
    for (const name of declaredNamesOf(statement)) byName.set(name, comment);
  }
  return { header, byName };
});

function declaredNamesOf(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if (ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    return statement.name ? [statement.name.text] : [];
  }
  return [];
}
