import { CodeActionKind, type CodeAction, type CodeActionParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import * as path from 'node:path';
import { editsByFile, generateResource, REFACTOR_IDS, refactorChoices, type AnalysisResult, type Fix, type RefactorId } from '../engine';
import { Commands, type RefactorArgs, type RefactorChoiceInfo } from '../protocol';
import type { CodeActionHost } from './action-host';
import { fileToUri, uriToFile } from './convert';
import { spansFiles, VersionedEdits } from './versioned-edit';

/** The code action kind of each refactor, under the standard refactor kinds. */
export const REFACTOR_KINDS: Readonly<Record<RefactorId, string>> = {
  routeThroughService: `${CodeActionKind.RefactorRewrite}.layerguard.routeThroughService`,
  moveLiteralToConfig: `${CodeActionKind.RefactorExtract}.layerguard.moveLiteralToConfig`,
  renameVariable: `${CodeActionKind.RefactorRewrite}.layerguard.renameVariable`,
};

interface Place {
  readonly result: AnalysisResult;
  readonly version: number;
  readonly file: string;
  readonly offset: number;
}

/**
 * Refactors: in the lightbulb's refactor section where they apply, and from the palette in two
 * steps (the client lists the choices, asks when there are several, then applies one). Like quick
 * fixes they are computed on the analyzed text and refused once the document moved on.
 */
export class Refactors {
  private readonly edits: VersionedEdits;

  constructor(private readonly host: CodeActionHost) {
    this.edits = new VersionedEdits((uri) => host.document(uri));
  }

  provide(params: CodeActionParams, wants: (kind: string) => boolean): CodeAction[] {
    const document = this.host.document(params.textDocument.uri);
    const place = document ? this.place(params.textDocument.uri, document.version, document.offsetAt(params.range.start)) : undefined;
    if (!place) return [];
    return REFACTOR_IDS.filter((id) => wants(REFACTOR_KINDS[id])).flatMap((id) =>
      refactorChoices(place.result, place.file, place.offset, id).flatMap((choice): CodeAction[] => {
        const base = { title: choice.fix.title, kind: REFACTOR_KINDS[id] };
        if (choice.fix.unavailable !== undefined) return [{ ...base, disabled: { reason: choice.fix.unavailable } }];
        if (spansFiles(choice.fix)) {
          const args: RefactorArgs = { uri: params.textDocument.uri, version: place.version, offset: place.offset, refactor: id, choiceId: choice.id };
          return [{ ...base, command: { title: choice.fix.title, command: Commands.applyRefactor, arguments: [args] } }];
        }
        const edit = this.edits.workspaceEdit(choice.fix, place.result);
        return edit ? [{ ...base, edit }] : [];
      }),
    );
  }

  choices(args: RefactorArgs): RefactorChoiceInfo[] | { error: string } {
    const place = this.place(args.uri, args.version, args.offset);
    if (!place) return { error: 'The document changed since it was analyzed; wait for the analysis and try again.' };
    const choices = refactorChoices(place.result, place.file, place.offset, args.refactor, true);
    const available = choices.filter((c) => c.fix.unavailable === undefined);
    const [declined] = choices.filter((c) => c.fix.unavailable !== undefined);
    // Nothing can be done, and the user asked: say why rather than "nothing here".
    if (available.length === 0 && declined?.fix.unavailable !== undefined) return { error: declined.fix.unavailable };
    return available.map((c) => ({ id: c.id, title: c.fix.title }));
  }

  editFor(args: RefactorArgs): { edit: WorkspaceEdit; fix: Fix } | { error: string } {
    const place = this.place(args.uri, args.version, args.offset);
    const choice = place && refactorChoices(place.result, place.file, place.offset, args.refactor, true).find((c) => c.id === args.choiceId);
    if (!place || !choice) return { error: 'The document changed since the refactor was offered; try again.' };
    if (choice.fix.unavailable !== undefined) return { error: choice.fix.unavailable };
    const edit = this.edits.workspaceEdit(choice.fix, place.result, this.host.confirmsEdits());
    return edit ? { edit, fix: choice.fix } : { error: 'Another file the refactor changes was edited since the analysis; save it and try again.' };
  }

  /** Generate Resource in a workspace folder's project: the files to create and the root module edit. */
  generate(result: AnalysisResult, name: string): { edit: WorkspaceEdit; files: string[]; changed: string[] } | { error: string } {
    const generated = generateResource(result.graph, projectDirOf(result), name);
    if (!generated.ok) return { error: generated.error };
    const edit = this.edits.workspaceEdit(generated.fix, result);
    return edit
      ? { edit, files: generated.files.map(fileToUri), changed: [...editsByFile(generated.fix.edits).keys()].map(fileToUri) }
      : { error: 'The root module was edited since the analysis; save it and try again.' };
  }

  /** The analysis of the document, when the editor holds exactly the analyzed text at `version`. */
  private place(uri: string, version: number, offset: number): Place | undefined {
    const file = uriToFile(uri);
    const result = file ? this.host.resultFor(file) : undefined;
    const document = this.host.document(uri);
    if (!file || !result || !document || document.version !== version) return undefined;
    return this.edits.versionOf(uri, result.graph.files.get(file)?.text) === version ? { result, version, file, offset } : undefined;
  }
}

/** The project the folder's backend lives in: the folder itself, or its one project below it. */
function projectDirOf(result: AnalysisResult): string {
  const dirs = new Set([...result.graph.files.values()].map((n) => n.projectDir));
  if (dirs.has(result.root) || dirs.size !== 1) return result.root;
  return [...dirs][0] ?? path.posix.normalize(result.root);
}
