import { diffLines } from 'diff';
import { IndentationText, Project, QuoteKind, type SourceFile } from 'ts-morph';
import type { DependencyGraph } from '../graph/types';
import { ts } from '../ts';
import type { Fix, TextEdit } from '../types';
import { eolOf, indentUnitOf, quoteOf } from './text';

/**
 * Multi-file fixes written with ts-morph: files are loaded from the analyzed text into an
 * in-memory project, changed through its API, and turned back into line edits of the analyzed
 * text, so everything the fix did not mean to touch stays byte for byte as the user wrote it.
 */
export class Rewrite {
  private readonly project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true, noResolve: true, experimentalDecorators: true } });
  private readonly originals = new Map<string, string>();
  private readonly created = new Set<string>();

  constructor(private readonly graph: DependencyGraph) {}

  /** An analyzed file, ready to change; undefined when it is not part of the analysis. */
  file(file: string): SourceFile | undefined {
    const loaded = this.project.getSourceFile(file);
    if (loaded) return this.styled(loaded);
    const text = this.graph.files.get(file)?.text;
    if (text === undefined) return undefined;
    this.originals.set(file, text);
    return this.styled(this.project.createSourceFile(file, text, { overwrite: true }));
  }

  /** A new file; refused (undefined) when the workspace already has one at that path. */
  create(file: string, text: string): SourceFile | undefined {
    if (this.graph.files.has(file) || this.project.getSourceFile(file)) return undefined;
    this.created.add(file);
    return this.styled(this.project.createSourceFile(file, text));
  }

  /** The fix: line edits of every changed analyzed file, and the text of every created one. */
  toFix(fix: Omit<Fix, 'edits' | 'createFiles'>): Fix {
    const edits: TextEdit[] = [];
    for (const [file, original] of this.originals) edits.push(...lineEdits(file, original, this.project.getSourceFileOrThrow(file).getFullText()));
    const createFiles = [...this.created].map((file) => ({ file, text: this.project.getSourceFileOrThrow(file).getFullText() }));
    return { ...fix, edits, ...(createFiles.length > 0 ? { createFiles } : {}) };
  }

  /** ts-morph writes new code in the style of the file it goes into. */
  private styled(sourceFile: SourceFile): SourceFile {
    const text = this.originals.get(sourceFile.getFilePath()) ?? sourceFile.getFullText();
    this.project.manipulationSettings.set({
      indentationText: indentationOf(indentUnitOf(text)),
      quoteKind: quoteOf(text) === '"' ? QuoteKind.Double : QuoteKind.Single,
      useTrailingCommas: /,\r?\n\s*[}\])]/.test(text),
      newLineKind: eolOf(text) === '\r\n' ? ts.NewLineKind.CarriageReturnLineFeed : ts.NewLineKind.LineFeed,
    });
    return sourceFile;
  }
}

function indentationOf(unit: string): IndentationText {
  if (unit === '\t') return IndentationText.Tab;
  if (unit.length === 4) return IndentationText.FourSpaces;
  if (unit.length === 8) return IndentationText.EightSpaces;
  return IndentationText.TwoSpaces;
}

/** The changes from `before` to `after` as edits of whole lines of `before`. */
export function lineEdits(file: string, before: string, after: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let offset = 0;
  let pending: TextEdit | undefined;
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) {
      if (pending) edits.push(pending);
      pending = undefined;
      offset += part.value.length;
      continue;
    }
    pending ??= { file, range: { start: offset, end: offset }, newText: '' };
    if (part.removed) {
      offset += part.value.length;
      pending = { ...pending, range: { start: pending.range.start, end: offset } };
    } else {
      pending = { ...pending, newText: pending.newText + part.value };
    }
  }
  if (pending) edits.push(pending);
  return edits;
}
