import type { AnnotatedTextEdit, ChangeAnnotation, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import * as path from 'node:path';
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

  /**
   * `confirm`: a change of several files goes through the editor's refactor preview (each edit
   * carries a change annotation that needs confirmation); pass it only to clients that support
   * change annotations, the others get the plain edit.
   */
  workspaceEdit(fix: Fix, result: AnalysisResult, confirm = false): WorkspaceEdit | undefined {
    const annotationId = confirm && spansFiles(fix) ? 'layerguard.fix' : undefined;
    const annotate = <T extends object>(edit: T): T | (T & { annotationId: string }) => (annotationId ? { ...edit, annotationId } : edit);
    const changes: WorkspaceEdit['documentChanges'] = [];
    for (const [file, edits] of editsByFile(fix.edits)) {
      const node = result.graph.files.get(file);
      const text = node?.text ?? fix.otherTexts?.find((t) => t.file === file)?.text;
      const uri = fileToUri(file);
      const version = this.versionOf(uri, text);
      if (text === undefined || version === undefined) return undefined;
      const lines = node?.lineIndex ?? new LineIndex(text);
      const textEdits = edits.map((e) => annotate({ range: { start: lines.positionAt(e.range.start), end: lines.positionAt(e.range.end) }, newText: e.newText }) as AnnotatedTextEdit);
      changes.push({ textDocument: { uri, version }, edits: textEdits } satisfies TextDocumentEdit);
    }
    for (const created of fix.createFiles ?? []) {
      const uri = fileToUri(created.file);
      changes.push(annotate({ kind: 'create' as const, uri, options: { ignoreIfExists: true } }));
      changes.push({
        textDocument: { uri, version: null },
        edits: [annotate({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.text }) as AnnotatedTextEdit],
      });
    }
    if (!annotationId) return { documentChanges: changes };
    const annotation: ChangeAnnotation = { label: fix.title, description: fixSummary(fix), needsConfirmation: true };
    return { documentChanges: changes, changeAnnotations: { [annotationId]: annotation } };
  }
}

/** The fix changes more than one file, or creates one: worth a preview, a summary and opening what it created. */
export function spansFiles(fix: Fix): boolean {
  return editsByFile(fix.edits).size + (fix.createFiles?.length ?? 0) > 1;
}

/** One line saying what a fix did: `Route through OrdersService: 2 files changed, 1 created (orders.service.ts).` */
export function fixSummary(fix: Fix): string {
  const changed = editsByFile(fix.edits).size;
  const created = fix.createFiles ?? [];
  const parts = [`${changed} file${changed === 1 ? '' : 's'} changed`];
  if (created.length > 0) parts.push(`${created.length} created (${created.map((c) => path.basename(c.file)).join(', ')})`);
  return `${fix.title}: ${parts.join(', ')}.`;
}
