/**
 * Custom LSP messages between the Layerguard client and server. Declared once here; both sides
 * import the method names and parameter types from this file (it imports nothing).
 */

/** Server → client notification: what the status bar shows. */
export namespace StatusNotification {
  export const method = 'layerguard/status';
  export interface Params {
    readonly state: 'analyzing' | 'ready' | 'error';
    /** Findings across all workspace folders (when ready). */
    readonly findings: number;
    /** Error text, or a short description of the last analysis. */
    readonly message?: string;
    /** The findings by severity (when ready). */
    readonly errors?: number;
    readonly warnings?: number;
    readonly infos?: number;
    /** Findings the baseline hides. */
    readonly baselined?: number;
    /** Files with at least one finding, and files analyzed (when ready). */
    readonly filesWithFindings?: number;
    readonly files?: number;
    /** The first configuration error, where it is: the analysis ran with the defaults. */
    readonly configError?: { readonly uri: string; readonly line: number; readonly message: string };
  }
}

/** Client → server request: re-read configs and re-analyze every workspace folder. */
export namespace AnalyzeWorkspaceRequest {
  export const method = 'layerguard/analyzeWorkspace';
  export interface Result {
    readonly folders: number;
    readonly files: number;
    readonly findings: number;
    readonly durationMs: number;
  }
}

/** Client → server request: why a file is in its layer, as Markdown (null: the file was not analyzed). */
export namespace ExplainFileRequest {
  export const method = 'layerguard/explainFile';
  export interface Params {
    readonly uri: string;
  }
  export type Result = string | null;
}

/**
 * Client → server request: the analyzed dependency graph of the workspace folder holding `uri`
 * (a folder or a file in it), for views of the architecture in any client; null when that folder
 * has not been analyzed. Paths are relative to `root`; packages are nodes with `external`.
 */
export namespace GraphRequest {
  export const method = 'layerguard/graph';
  export interface Params {
    readonly uri: string;
  }
  export interface Node {
    readonly file: string;
    readonly layer: string | null;
    readonly external?: true;
  }
  export interface Edge {
    readonly from: string;
    readonly to: string;
    /** import, type-import, require, dynamic-import, re-export, di, instantiation… */
    readonly kind: string;
    /** 1-based line and 0-based character of the import, constructor parameter or `new`. */
    readonly line: number;
    readonly character: number;
    /** False for imports erased at run time. */
    readonly runtime: boolean;
    /** Layering rules that report this dependency (forbidden edges, broken contracts, cycles). */
    readonly findings?: readonly string[];
  }
  export interface Graph {
    /** The workspace folder, as a URI. */
    readonly root: string;
    readonly nodes: readonly Node[];
    readonly edges: readonly Edge[];
  }
  export type Result = Graph | null;
}

/**
 * Client → server request: what the architecture view draws for the workspace folder holding
 * `uri` — the engine's `ArchitectureView` (lanes, nodes, edges with the rules that report them,
 * findings, layer matrix; `report/architecture-view.ts`), passed through to the viewer as it is.
 * Null when that folder has not been analyzed. Paths in the view are relative to `root`.
 */
export namespace ArchitectureViewRequest {
  export const method = 'layerguard/architectureView';
  export interface Params {
    readonly uri: string;
    /** `auto` (the default: files, then folders above 120 of them), `files`, `folders`, or `modules` (by Nest module). */
    readonly groupBy?: 'auto' | 'files' | 'folders' | 'modules';
  }
  export interface Result {
    /** The workspace folder, as a URI. */
    readonly root: string;
    readonly view: object;
  }
}

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /** False in an untrusted workspace: configuration files are ignored, defaults apply. */
  readonly trusted?: boolean;
  /** The client registers `layerguard.fixWithReason` and asks the user for a reason. */
  readonly promptsForReason?: boolean;
  /**
   * A folder where the server may keep results between editor sessions (VS Code: the
   * extension's `storageUri`); without it, every start analyzes before showing anything.
   */
  readonly storagePath?: string;
}

/** Which finding a command is about: the analyzed document version and the finding's place. */
export interface FindingRef {
  readonly uri: string;
  /** The document version the fix was computed for; the command refuses a newer text. */
  readonly version: number | null;
  readonly ruleId: string;
  /** UTF-16 offsets of the finding in that version. */
  readonly start: number;
  readonly end: number;
}

/** Server commands (`workspace/executeCommand`). */
export namespace Commands {
  /** Args: `FixCommandArgs`. Computes the fix again for the same text and applies it. */
  export const applyFix = 'layerguard.applyFix';
  /** Args: `FindingRef`. Adds the finding to `.layerguard-baseline.json`. */
  export const addToBaseline = 'layerguard.addToBaseline';
  /**
   * Args: `CreateBaselineArgs`, which a client sends only after the user confirmed (it hides every
   * current finding). Records every current finding of every folder in its baseline file; returns a message.
   */
  export const createBaseline = 'layerguard.server.createBaseline';
  /** Args: `RefactorArgs`. Returns `RefactorChoiceInfo[]` (empty: the refactor does not apply there). */
  export const refactorChoices = 'layerguard.server.refactorChoices';
  /** Args: `RefactorArgs` with `choiceId`. Applies the chosen refactor; returns a message when it cannot. */
  export const applyRefactor = 'layerguard.server.applyRefactor';
  /** Args: `GenerateResourceArgs`. Writes the resource's files; returns `GenerateResourceResult`. */
  export const generateResource = 'layerguard.server.generateResource';
  /**
   * Args: `ConfigureArchitectureArgs`. Without `write`, the architectures the folder's code fits,
   * best first, with their evidence and what each would report; with `write`, writes the chosen
   * one's commented layerguard.json (over an existing file only with `replace`).
   */
  export const configureArchitecture = 'layerguard.server.configureArchitecture';
  /**
   * Args: `ShowDocumentationArgs`. Asks the client to show the rule's page (`window/showDocument`):
   * the copy shipped with the server, or the published page when there is none.
   */
  export const showDocumentation = 'layerguard.server.showDocumentation';
  /**
   * Args: `FixAllSafeArgs`. Applies every safe fix (no reason asked, no file created) of one file,
   * or of the whole workspace without `uri`; returns what it did as one sentence.
   */
  export const fixAllSafe = 'layerguard.server.fixAllSafe';
  /** Client command: asks for a reason, then runs `applyFix` with it. Args: `FixCommandArgs`. */
  export const fixWithReason = 'layerguard.fixWithReason';
}

/**
 * What each server command answers, and takes: a client reads them through this map, typed, with
 * no cast (`workspace/executeCommand` itself answers `any`).
 */
export interface CommandTypes {
  [Commands.applyFix]: { args: FixCommandArgs; result: undefined };
  [Commands.addToBaseline]: { args: FindingRef; result: undefined };
  [Commands.createBaseline]: { args: CreateBaselineArgs; result: string | undefined };
  [Commands.refactorChoices]: { args: RefactorArgs; result: readonly RefactorChoiceInfo[] | { readonly error: string } | undefined };
  [Commands.applyRefactor]: { args: RefactorArgs; result: { readonly applied: string } | { readonly error: string } | undefined };
  [Commands.generateResource]: { args: GenerateResourceArgs; result: GenerateResourceResult | undefined };
  [Commands.configureArchitecture]: { args: ConfigureArchitectureArgs; result: ConfigureArchitectureResult | undefined };
  [Commands.showDocumentation]: { args: ShowDocumentationArgs; result: undefined };
  [Commands.fixAllSafe]: { args: FixAllSafeArgs; result: string | undefined };
}

export interface FixAllSafeArgs {
  /** The file; the whole workspace when absent. */
  readonly uri?: string;
}

export interface ShowDocumentationArgs {
  readonly ruleId: string;
}

/** The token a client sends once its user confirmed that every current finding is to be recorded. */
export const CREATE_BASELINE_CONFIRMATION = 'user-confirmed-recording-every-current-finding';

export interface CreateBaselineArgs {
  readonly confirmation: typeof CREATE_BASELINE_CONFIRMATION;
}

export interface FixCommandArgs extends FindingRef {
  readonly fixId: string;
  readonly title: string;
  readonly reason?: string;
}

/** Refactors at a place in a document (the engine's refactor ids). */
export type RefactorName = 'routeThroughService' | 'moveLiteralToConfig' | 'renameVariable';

export interface RefactorArgs {
  readonly uri: string;
  /** The document version the offset belongs to; a newer text is refused. */
  readonly version: number;
  /** UTF-16 offset of the cursor. */
  readonly offset: number;
  readonly refactor: RefactorName;
  readonly choiceId?: string;
}

export interface RefactorChoiceInfo {
  readonly id: string;
  readonly title: string;
}

export interface GenerateResourceArgs {
  /** The workspace folder to generate in. */
  readonly folderUri: string;
  /** The resource's name, e.g. `orders` or `order-items`. */
  readonly name: string;
  /** Only say what would be written (the form shows it before asking once); nothing is changed. */
  readonly preview?: boolean;
}

/** The files created (URIs), and the existing ones changed (the root module that imports the new one). */
export type GenerateResourceResult = { readonly files: readonly string[]; readonly changed: readonly string[] } | { readonly error: string };

export interface ConfigureArchitectureArgs {
  /** The workspace folder to configure. */
  readonly folderUri: string;
  /** Write the candidate at this index of the proposal's list (the list the same folder's last proposal returned). */
  readonly write?: number;
  /** The user agreed to replace an existing layerguard.json. */
  readonly replace?: boolean;
}

/** One architecture the code fits, as the palette shows it. */
export interface ArchitectureChoice {
  /** `hexagonal + cqrs`. */
  readonly label: string;
  readonly fit: number;
  readonly reasons: readonly string[];
  /** What the layering rules would report with it, when it was previewed. */
  readonly findings?: number;
  readonly files?: number;
}

export type ConfigureArchitectureResult = { readonly choices: readonly ArchitectureChoice[]; readonly configExists: boolean } | { readonly written: string } | { readonly error: string };
