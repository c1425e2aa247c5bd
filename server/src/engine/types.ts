/**
 * Plain data shared by every stage of the engine.
 *
 * Invariant: nothing here knows about editors, LSP or the terminal. Offsets are UTF-16 code unit
 * offsets into the file text (what JavaScript strings and LSP use), positions are 0-based.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

export interface Location {
  /** Absolute path with `/` separators (TypeScript's normalized form). */
  readonly file: string;
  readonly range: TextRange;
  readonly start: Position;
  readonly end: Position;
}

export interface RelatedLocation extends Location {
  readonly message: string;
}

export interface TextEdit {
  readonly file: string;
  readonly range: TextRange;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  /** Stable among the fixes of one finding: front ends ask for a fix again by it. */
  readonly id: string;
  readonly edits: readonly TextEdit[];
  /** Files the fix creates (an `.env.example`); never an existing file. */
  readonly createFiles?: readonly { readonly file: string; readonly text: string }[];
  /**
   * Files outside the analysis that edits change (`.env.example`), with the text the edits were
   * computed against: front ends refuse the fix when the file no longer reads so.
   */
  readonly otherTexts?: readonly { readonly file: string; readonly text: string }[];
  /** Safe fixes may be applied without review (`--fix`, fix-all). */
  readonly safe: boolean;
  /** The fix records the user's reason (an ignore comment): ask for it before applying. */
  readonly needsReason?: boolean;
  /** The one obvious fix of its finding (the editor's preferred quick fix). */
  readonly preferred?: boolean;
  /**
   * The fix cannot be made here, and why (it has no edits): front ends show it disabled with the
   * reason, rather than offer a change that would only move the problem or break the code.
   */
  readonly unavailable?: string;
}

export interface Finding extends Location {
  readonly ruleId: string;
  readonly severity: Severity;
  /** The headline: what is wrong and with what, short enough for the Problems panel to show whole. */
  readonly message: string;
  /** Why it matters and what to do: the hover, the JSON and the SARIF show it. */
  readonly detail?: string;
  /** Which of its rule's situations this is (`meta.messages`): what fixes choose by, never the text. */
  readonly messageId?: string;
  /** Values the situation names (`{ status: '204' }`), for fixes and machine-readable output. */
  readonly data?: Readonly<Record<string, string>>;
  readonly related: readonly RelatedLocation[];
}

/** Something that kept part of the analysis from running normally; never fatal. */
export interface Problem {
  readonly kind: 'config' | 'read' | 'syntax' | 'project' | 'rule';
  readonly message: string;
  /**
   * Part of the analysis was lost to a failure of ours (a file the engine could not process, a
   * rule that crashed): its findings are missing, so a check must not pass on it.
   */
  readonly lost?: true;
  /**
   * A configuration the analysis depends on could not be used (a tsconfig that is a named pipe,
   * huge, or nested thousands deep): the result is not the project's, and a check exits 2, as for
   * a broken layerguard.json.
   */
  readonly blocking?: true;
  readonly file?: string;
  readonly start?: Position;
}
