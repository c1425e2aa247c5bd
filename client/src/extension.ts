import type { ExtensionContext } from 'vscode';
import { LayerguardClient } from './client';

let client: LayerguardClient | undefined;

/** Activate/deactivate only: the client module owns the language client and its UI. */
export async function activate(context: ExtensionContext): Promise<void> {
  client = new LayerguardClient(context);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}
