import * as vscode from 'vscode';
import type { ShowDocumentParams, ShowDocumentRequest, ShowDocumentResult } from 'vscode-languageclient/node';

/** A rule's page shipped with the extension: `<extension>/docs/rules/<category>/<name>.md`. */
const SHIPPED_RULE_PAGE = /[\\/]docs[\\/]rules[\\/][^\\/]+[\\/][^\\/]+\.md$/;

/**
 * `window/showDocument` for a rule's shipped page opens it rendered (Markdown preview), not as an
 * editable file inside the extension's folder; anything else goes the usual way.
 */
export const showRuleDocsRendered: ShowDocumentRequest.MiddlewareSignature = async (params: ShowDocumentParams, token, next): Promise<ShowDocumentResult> => {
  const uri = vscode.Uri.parse(params.uri);
  if (uri.scheme !== 'file' || !SHIPPED_RULE_PAGE.test(uri.fsPath)) return (await next(params, token)) as ShowDocumentResult;
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return { success: true };
};
