import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { editsByFile, LineIndex, type AnalysisResult, type Fix } from '../engine';
import { fileToUri } from './convert';

/**
 * Turns an engine fix into a workspace edit pinned to the texts it was computed for: each
 * document at the version holding the analyzed text (null when it is not open), so the editor
 * refuses to apply it to anything newer. Undefined when an open document has moved on.
 */
export class VersionedEdits {
  constructor(private readonly documentOf: (uri: string) => TextDocument | undefined) {}

  /** The open document's version if it holds `text`, null if not open; undefined: it moved on. */
  versionOf(uri: string, text: string | undefined): number | null | undefined {
    const document = this.documentOf(uri);
    if (!document) return null;
    return document.getText() === text ? document.version : undefined;
  }

  workspaceEdit(fix: Fix, result: AnalysisResult): WorkspaceEdit | undefined {
    const changes: WorkspaceEdit['documentChanges'] = [];
    for (const [file, edits] of editsByFile(fix.edits)) {
      const node = result.graph.files.get(file);
      const text = node?.text ?? fix.otherTexts?.find((t) => t.file === file)?.text;
      const uri = fileToUri(file);
      const version = this.versionOf(uri, text);
      if (text === undefined || version === undefined) return undefined;
      const lines = node?.lineIndex ?? new LineIndex(text);
      const textEdits = edits.map((e) => ({ range: { start: lines.positionAt(e.range.start), end: lines.positionAt(e.range.end) }, newText: e.newText }));
      changes.push({ textDocument: { uri, version }, edits: textEdits } satisfies TextDocumentEdit);
    }
    for (const created of fix.createFiles ?? []) {
      const uri = fileToUri(created.file);
      changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      changes.push({ textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.text }] });
    }
    return { documentChanges: changes };
  }
}
