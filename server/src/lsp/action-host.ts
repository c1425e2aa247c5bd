import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult } from '../engine';

/** What code actions need from the server: the analysis on screen and the open documents. */
export interface CodeActionHost {
  resultFor(file: string): AnalysisResult | undefined;
  document(uri: string): TextDocument | undefined;
  /** The client asks the user for reasons (VS Code); other editors get a placeholder to complete. */
  promptsForReason(): boolean;
  /** The client previews edits whose change annotations need confirmation (VS Code's refactor preview). */
  confirmsEdits(): boolean;
  log(message: string): void;
}
