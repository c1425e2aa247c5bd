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

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /** False in an untrusted workspace: configuration files are ignored, defaults apply. */
  readonly trusted?: boolean;
}
