import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver/node';
import { snippetsFor, type SnippetEntry } from '../engine';
import javascriptSnippets from '../../../snippets/javascript.json';
import typescriptSnippets from '../../../snippets/typescript.json';

type SnippetFile = Readonly<Record<string, Omit<SnippetEntry, 'name'>>>;

const SNIPPETS: Readonly<Record<'typescript' | 'javascript', readonly SnippetEntry[]>> = {
  typescript: entriesOf(typescriptSnippets),
  javascript: entriesOf(javascriptSnippets),
};

function entriesOf(file: SnippetFile): SnippetEntry[] {
  return Object.entries(file).map(([name, entry]) => ({ name, ...entry }));
}

/** The word being typed: letters, digits and dashes (`lg-nest-co`), which the snippets' prefixes are made of. */
const TYPED_WORD = /[\w-]*$/;

/**
 * The snippets as completions where a word that could start `lg-` is typed (or nothing, on
 * request): ranked and filtered by the packages the file's project installs, each replacing the
 * typed word. Bodies indent with tabs, which the editor turns into its own indentation. The
 * packages are read (from disk) only once the word could start a snippet: the editor asks for
 * completions as any word is typed.
 */
export function snippetCompletions(languageId: string, linePrefix: string, position: Position, installed: () => ReadonlySet<string> | undefined): CompletionList | null {
  const language = languageOf(languageId);
  if (!language) return null;
  const word = TYPED_WORD.exec(linePrefix)?.[0] ?? '';
  if (!(word === '' || 'lg-'.startsWith(word) || word.startsWith('lg-'))) return null;
  const range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const items = snippetsFor(SNIPPETS[language], installed()).map((entry, rank): CompletionItem => ({
    label: entry.prefix,
    kind: CompletionItemKind.Snippet,
    detail: entry.name,
    documentation: { kind: MarkupKind.Markdown, value: `${entry.description}\n\n\`\`\`${language}\n${entry.body.join('\n')}\n\`\`\`` },
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: entry.body.join('\n') },
    filterText: entry.prefix,
    sortText: String(rank).padStart(3, '0'),
  }));
  // Short words ask again as they grow: `l` matches many words, `lg-` only these.
  return { isIncomplete: word.length < 3, items };
}

function languageOf(languageId: string): 'typescript' | 'javascript' | undefined {
  if (languageId === 'typescript' || languageId === 'typescriptreact') return 'typescript';
  if (languageId === 'javascript' || languageId === 'javascriptreact') return 'javascript';
  return undefined;
}
