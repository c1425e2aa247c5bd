import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { BASELINE_FILE_NAME, baselineWith, fixesFor, planSafeFixes, type AnalysisResult, type Finding, type Fix } from '../engine';
import { Commands, type FindingRef, type FixCommandArgs, type ShowDocumentationArgs } from '../protocol';
import { diagnosticData, uriToFile } from './convert';
import type { CodeActionHost } from './action-host';
import { Refactors } from './refactors';
import { spansFiles, VersionedEdits } from './versioned-edit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerguard`;

/** Where a fix may apply: the analyzed text must be the text in the editor, at this version. */
interface Snapshot {
  readonly result: AnalysisResult;
  readonly finding: Finding;
  readonly version: number | null;
}

/**
 * Code actions are computed from the analysis whose diagnostics the user sees. When the editor's
 * text moved on since (an edit not analyzed yet), no fix is offered: its offsets would be wrong.
 * Every edit carries the document version it was computed for, so the editor refuses to apply it
 * to a newer text.
 */
export class CodeActions {
  private readonly edits: VersionedEdits;
  readonly refactors: Refactors;

  constructor(private readonly host: CodeActionHost) {
    this.edits = new VersionedEdits((uri) => host.document(uri));
    this.refactors = new Refactors(host);
  }

  provide(params: CodeActionParams): CodeAction[] {
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics) actions.push(...this.quickFixes(params.textDocument.uri, diagnostic));
    }
    actions.push(...this.refactors.provide(params, wants));
    if (only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.SourceFixAll))) {
      const fixAll = this.fixAll(params.textDocument.uri);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** Recomputes a fix for the same text and returns its edit, or why it cannot be applied. */
  editFor(args: FixCommandArgs): { edit: WorkspaceEdit; fix: Fix } | { error: string } {
    const snapshot = this.snapshot(args.uri, args);
    if (!snapshot || snapshot.version !== args.version) return { error: 'The document changed since this fix was offered; try again on the current text.' };
    const computed = fixesFor(snapshot.result.graph, snapshot.finding, { config: snapshot.result.config, ...(args.reason === undefined ? {} : { reason: args.reason }) });
    const fix = computed.fixes.find((f) => f.id === args.fixId);
    if (!fix) return { error: computed.ok ? `The fix "${args.title}" no longer applies.` : computed.error };
    if (fix.unavailable !== undefined) return { error: fix.unavailable };
    const edit = this.edits.workspaceEdit(fix, snapshot.result, this.host.confirmsEdits());
    return edit ? { edit, fix } : { error: 'Another file the fix changes was edited since the analysis; save it and try again.' };
  }

  /** Adds a finding to the baseline file; the file watcher then reloads it. */
  addToBaseline(ref: FindingRef): string {
    const snapshot = this.snapshot(ref.uri, ref);
    if (!snapshot) return 'The document changed since this finding was reported; try again.';
    const root = snapshot.result.root;
    const textOf = (file: string) => snapshot.result.graph.files.get(file)?.text;
    const baseline = baselineWith(root, [snapshot.finding], textOf);
    fs.writeFileSync(path.join(root, BASELINE_FILE_NAME), `${JSON.stringify(baseline, null, 2)}\n`);
    return `Added to ${BASELINE_FILE_NAME} (${baseline.findings.length} finding(s) baselined).`;
  }

  private quickFixes(uri: string, diagnostic: Diagnostic): CodeAction[] {
    const where = diagnosticData(diagnostic);
    if (diagnostic.source !== 'layerguard' || !where) return [];
    const snapshot = this.snapshot(uri, where);
    if (!snapshot) return [];
    // Without a prompt, fixes that record a reason insert a placeholder the user completes.
    const computed = fixesFor(snapshot.result.graph, snapshot.finding, { config: snapshot.result.config });
    if (!computed.ok) this.host.log(computed.error);
    const ref: FindingRef = { uri, version: snapshot.version, ruleId: where.ruleId, start: where.start, end: where.end };
    const actions = computed.fixes.flatMap((fix) => this.toAction(fix, snapshot, diagnostic, ref));
    actions.push(
      {
        title: `Add this ${where.ruleId} finding to the baseline`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Add to baseline', command: Commands.addToBaseline, arguments: [ref] },
      },
      {
        title: `Show documentation for ${where.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: 'Show documentation', command: Commands.showDocumentation, arguments: [{ ruleId: where.ruleId } satisfies ShowDocumentationArgs] },
      },
    );
    return actions;
  }

  private toAction(fix: Fix, snapshot: Snapshot, diagnostic: Diagnostic, ref: FindingRef): CodeAction[] {
    const base = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], ...(fix.preferred ? { isPreferred: true } : {}) };
    if (fix.unavailable !== undefined) return [{ ...base, isPreferred: false, disabled: { reason: fix.unavailable } }];
    if (fix.needsReason && this.host.promptsForReason()) {
      const command: Command = { title: fix.title, command: Commands.fixWithReason, arguments: [{ ...ref, fixId: fix.id, title: fix.title } satisfies FixCommandArgs] };
      return [{ ...base, title: `${fix.title}…`, command }];
    }
    // Several files: the server applies it, so it knows the edit was applied (the user may cancel
    // the preview) before it sums up what changed and opens the files it created.
    if (spansFiles(fix)) return [{ ...base, command: { title: fix.title, command: Commands.applyFix, arguments: [{ ...ref, fixId: fix.id, title: fix.title } satisfies FixCommandArgs] } }];
    const edit = this.edits.workspaceEdit(fix, snapshot.result);
    return edit ? [{ ...base, edit }] : [];
  }

  /**
   * Every safe fix of the results' files (or of one file), as one edit pinned to the analyzed
   * texts: undefined when there is none, an error when an open document moved on meanwhile.
   */
  fixAllSafe(results: readonly AnalysisResult[], file?: string): { edit: WorkspaceEdit; fixes: number; files: number } | { error: string } | undefined {
    const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
    let fixes = 0;
    let files = 0;
    for (const result of results) {
      const plan = planSafeFixes(result, file !== undefined ? new Set([file]) : undefined);
      if (plan.fixed.length === 0) continue;
      for (const error of plan.errors) this.host.log(error);
      const edit = this.edits.workspaceEdit({ id: 'fix-all', title: 'Fix all safe problems', safe: true, edits: [...plan.edits.values()].flat() }, result);
      if (!edit) return { error: 'A document changed since the last analysis; try again in a moment.' };
      documentChanges.push(...(edit.documentChanges ?? []));
      fixes += plan.fixed.length;
      files += plan.edits.size;
    }
    return fixes > 0 ? { edit: { documentChanges }, fixes, files } : undefined;
  }

  private fixAll(uri: string): CodeAction | undefined {
    const file = uriToFile(uri);
    const result = file ? this.host.resultFor(file) : undefined;
    const document = this.host.document(uri);
    if (!file || !result || !document || result.graph.files.get(file)?.text !== document.getText()) return undefined;
    const plan = planSafeFixes(result, new Set([file]));
    const edits = plan.edits.get(file);
    if (!edits || edits.length === 0) return undefined;
    const edit = this.edits.workspaceEdit({ id: 'fix-all', title: 'Fix all', safe: true, edits }, result);
    return edit && { title: 'Layerguard: fix all safe problems', kind: FIX_ALL_KIND, edit };
  }

  private snapshot(uri: string, where: { ruleId: string; start: number; end: number; version?: number | null }): Snapshot | undefined {
    const file = uriToFile(uri);
    const result = file ? this.host.resultFor(file) : undefined;
    if (!file || !result) return undefined;
    const finding = result.findings.find((f) => f.file === file && f.ruleId === where.ruleId && f.range.start === where.start && f.range.end === where.end);
    const version = this.edits.versionOf(uri, result.graph.files.get(file)?.text);
    return finding && version !== undefined ? { result, finding, version } : undefined;
  }
}
